import { describe, expect, it } from 'vitest';
import { checkinMacBytes, encodeCheckinPayload, extractCheckinCode, joinCheckinCode, parseCheckinCode, vietnamClock } from './checkin.ts';

const meetingId = '0b6f7c1e-3f7a-4c2e-9d5e-1a2b3c4d5e6f';
const userId = 'f0e1d2c3-b4a5-4968-8776-655443322110';
const mac = Uint8Array.from({ length: checkinMacBytes }, (_, i) => i * 7);
const code = joinCheckinCode(encodeCheckinPayload({ kind: 'attendee', meetingId, subjectId: userId, expiresAt: new Date('2026-12-07T10:00:00Z') }), mac);

describe('check-in code format', () => {
  it('reads back what was encoded, kind, ids, expiry and MAC', () => {
    const parsed = parseCheckinCode(code);
    expect(parsed).toMatchObject({ kind: 'attendee', meetingId, subjectId: userId, expiresAt: new Date('2026-12-07T10:00:00Z') });
    expect([...parsed!.mac]).toEqual([...mac]);
    expect(parsed!.signed).toBe(code.slice(0, code.lastIndexOf('.')));
  });
  it('keeps guest codes apart from attendee codes', () => {
    const guest = joinCheckinCode(encodeCheckinPayload({ kind: 'guest', meetingId, subjectId: userId, expiresAt: new Date(0) }), mac);
    expect(parseCheckinCode(guest)?.kind).toBe('guest');
  });
  it('is short enough for a small QR', () => {
    expect(code.length).toBeLessThan(80);
  });
  const [v, p, m] = code.split('.') as [string, string, string];
  it.each([
    ['empty', ''],
    ['another version', `HS2.${p}.${m}`],
    ['two parts', `${v}.${p}`],
    ['four parts', `${code}.x`],
    ['a short payload', `${v}.${p.slice(4)}.${m}`],
    ['a short MAC', `${v}.${p}.${m.slice(2)}`],
    ['characters outside base64url', `${v}.${p.slice(0, -1)}+.${m}`],
    ['an unknown kind', `${v}.CQ${p.slice(2)}.${m}`],
    ['random text', 'https://example.org/'],
  ])('refuses %s', (_, text) => {
    expect(parseCheckinCode(text)).toBeNull();
  });
});

describe('extractCheckinCode', () => {
  it.each([
    [code, code],
    [`  ${code}\n`, code],
    [`https://hop.so/khach/${code}`, code],
    [`https://hop.so/khach/${code}?lang=en#x`, code],
    [`https://hop.so/?code=${code}`, code],
    ['no code here', 'no code here'],
  ])('%s', (scanned, expected) => {
    expect(extractCheckinCode(scanned)).toBe(expected);
  });
});

describe('vietnamClock', () => {
  it.each([
    ['2026-12-07T01:05:00Z', '08:05'],
    ['2026-12-07T17:30:00Z', '00:30'],
  ])('%s is %s in Vietnam', (iso, clock) => {
    expect(vietnamClock(new Date(iso))).toBe(clock);
  });
});
