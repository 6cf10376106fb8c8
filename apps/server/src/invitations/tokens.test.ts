import { describe, expect, it } from 'vitest';
import { hashRsvpToken, meetingEnd, newRsvpToken, rsvpOpen } from './service.ts';

const startsAt = new Date('2026-12-10T00:30:00Z');
const endsAt = new Date('2026-12-10T04:00:00Z');

describe('personal RSVP tokens', () => {
  it('are random, URL-safe, and stored only as their SHA-256', () => {
    const a = newRsvpToken();
    const b = newRsvpToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashRsvpToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token);
  });

  it('take answers until the meeting ends, or 12 hours after a start without an end', () => {
    expect(meetingEnd({ startsAt, endsAt })).toEqual(endsAt);
    expect(meetingEnd({ startsAt, endsAt: null })).toEqual(new Date('2026-12-10T12:30:00Z'));
  });

  it.each([
    ['published, before the end', 'published', new Date('2026-12-10T03:59:59Z'), true],
    ['live', 'live', new Date('2026-12-10T02:00:00Z'), true],
    ['at the end', 'published', endsAt, false],
    ['closed early', 'closed', new Date('2026-12-10T02:00:00Z'), false],
    ['cancelled', 'cancelled', new Date('2026-12-01T00:00:00Z'), false],
    ['a draft', 'draft', new Date('2026-12-01T00:00:00Z'), false],
  ] as const)('%s: open %s', (_name, status, now, open) => {
    expect(rsvpOpen({ status, startsAt, endsAt }, now)).toBe(open);
  });
});
