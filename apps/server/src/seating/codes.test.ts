import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckinCode } from '@hopso/shared/checkin';
import { AppError } from '../http/errors.ts';
import { createTestApp, type TestApp } from '../testing.ts';
import { checkinKey, codeExpiry, signCode, verifyCode } from './codes.ts';

const key = randomBytes(32);
const meetingId = '0b6f7c1e-3f7a-4c2e-9d5e-1a2b3c4d5e6f';
const other = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const userId = 'f0e1d2c3-b4a5-4968-8776-655443322110';
const expiresAt = new Date('2026-12-07T12:00:00Z');
const before = new Date('2026-12-07T09:00:00Z');
const code = signCode(key, { kind: 'attendee', meetingId, subjectId: userId, expiresAt });

const refusal = (f: () => unknown) => {
  try { f(); } catch (e) { return e instanceof AppError ? e.code : String(e); }
  return 'accepted';
};

/** The code with one character of its payload changed (still well-formed base64url). */
function tampered(at: number): string {
  const [v, p, m] = code.split('.') as [string, string, string];
  const swapped = p[at] === 'A' ? 'B' : 'A';
  return `${v}.${p.slice(0, at)}${swapped}${p.slice(at + 1)}.${m}`;
}

describe('check-in code signing', () => {
  it('accepts its own code for its meeting before expiry', () => {
    expect(verifyCode(key, code, { meetingId, now: before })).toEqual({ kind: 'attendee', meetingId, subjectId: userId, expiresAt });
  });
  it('accepts the code inside a scanned link', () => {
    expect(verifyCode(key, `https://hop.so/khach/${code}`, { meetingId, now: before }).subjectId).toBe(userId);
  });
  it('signs the same payload to the same code', () => {
    expect(signCode(key, { kind: 'attendee', meetingId, subjectId: userId, expiresAt })).toBe(code);
  });
  it.each([
    ['a code signed with another key', () => signCode(randomBytes(32), { kind: 'attendee', meetingId, subjectId: userId, expiresAt }), 'checkin_forged'],
    ['a tampered user id', () => tampered(30), 'checkin_forged'],
    ['a tampered meeting id', () => tampered(5), 'checkin_forged'],
    ['a tampered expiry', () => tampered(46), 'checkin_forged'],
    ['a changed MAC', () => `${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`, 'checkin_forged'],
    ['random text', () => 'HS1.abc.def', 'checkin_forged'],
    ['another meeting\'s code', () => signCode(key, { kind: 'attendee', meetingId: other, subjectId: userId, expiresAt }), 'checkin_other_meeting'],
    ['an expired code', () => signCode(key, { kind: 'attendee', meetingId, subjectId: userId, expiresAt: new Date('2026-12-07T08:59:59Z') }), 'checkin_expired'],
  ])('refuses %s', (_, make, expected) => {
    expect(refusal(() => verifyCode(key, make(), { meetingId, now: before }))).toBe(expected);
  });
  it('does not believe the meeting of a forged code', () => {
    const forged = signCode(randomBytes(32), { kind: 'attendee', meetingId: other, subjectId: userId, expiresAt: new Date(0) });
    expect(refusal(() => verifyCode(key, forged, { meetingId, now: before }))).toBe('checkin_forged');
  });
  it('refuses a guest pass where an attendee code is asked for, and the other way round', () => {
    const guest = signCode(key, { kind: 'guest', meetingId, subjectId: userId, expiresAt });
    expect(refusal(() => verifyCode(key, guest, { meetingId, now: before, kind: 'attendee' }))).toBe('checkin_forged');
    expect(refusal(() => verifyCode(key, code, { meetingId, now: before, kind: 'guest' }))).toBe('checkin_forged');
  });
});

describe('codeExpiry', () => {
  it.each([
    ['the end plus the margin', { startsAt: new Date('2026-12-07T01:00:00Z'), endsAt: new Date('2026-12-07T10:00:00Z') }, 12, '2026-12-07T22:00:00.000Z'],
    ['a day after the start without an end', { startsAt: new Date('2026-12-07T01:00:00.400Z'), endsAt: null }, 0, '2026-12-08T01:00:00.000Z'],
  ])('%s', (_, meeting, margin, iso) => {
    expect(codeExpiry(meeting, margin).toISOString()).toBe(iso);
    expect(parseCheckinCode(signCode(key, { kind: 'guest', meetingId, subjectId: userId, expiresAt: codeExpiry(meeting, margin) }))!.expiresAt.toISOString()).toBe(iso);
  });
});

describe('checkinKey', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ seed: false }); });
  afterAll(async () => { await t.close(); });

  it('makes a key once and keeps it in the database for every node', async () => {
    const first = await checkinKey(t.deps);
    expect(first.length).toBe(32);
    // Another node: another Deps on the same database (a fresh cache) reads the same key.
    expect((await checkinKey({ ...t.deps, db: new Proxy(t.db, {}) })).equals(first)).toBe(true);
  });
  it('uses CHECKIN_SECRET when configured', async () => {
    const secret = 'x'.repeat(40);
    expect((await checkinKey({ db: t.db, config: { ...t.deps.config, CHECKIN_SECRET: secret } })).toString()).toBe(secret);
  });
});
