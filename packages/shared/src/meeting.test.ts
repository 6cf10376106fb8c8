import { describe, expect, it } from 'vitest';
import { createMeetingRequest, isUpcoming, updateMeetingRequest } from './meeting.ts';

const valid = { title: 'Kỳ họp thứ Năm', kind: 'regular', startsAt: '2026-12-10T08:00:00+07:00', place: 'Hội trường' };

describe('createMeetingRequest', () => {
  it('accepts a minimal meeting and fills the defaults', () => {
    expect(createMeetingRequest.parse(valid)).toMatchObject({ endsAt: null, onlineUrl: null, closedSitting: false, inviteAllMembers: true });
  });

  it('requires an end after the start', () => {
    expect(createMeetingRequest.safeParse({ ...valid, endsAt: '2026-12-10T07:59:00+07:00' }).success).toBe(false);
    expect(createMeetingRequest.safeParse({ ...valid, endsAt: '2026-12-10T11:00:00+07:00' }).success).toBe(true);
  });

  it.each([
    ['an unknown kind', { kind: 'party' }],
    ['a time without offset', { startsAt: '2026-12-10T08:00:00' }],
    ['a javascript: link', { onlineUrl: 'javascript:alert(1)' }],
    ['a one-letter place', { place: 'x' }],
  ])('rejects %s', (_, patch) => {
    expect(createMeetingRequest.safeParse({ ...valid, ...patch }).success).toBe(false);
  });

  it('lets an update change one field alone', () => {
    expect(updateMeetingRequest.parse({ place: 'Phòng họp 2' })).toEqual({ place: 'Phòng họp 2' });
  });
});

describe('isUpcoming', () => {
  const now = new Date('2026-12-10T05:00:00Z');
  it.each([
    ['starts later', { startsAt: '2026-12-11T01:00:00Z', endsAt: null }, true],
    ['is under way', { startsAt: '2026-12-10T01:00:00Z', endsAt: '2026-12-10T09:00:00Z' }, true],
    ['ended', { startsAt: '2026-12-09T01:00:00Z', endsAt: '2026-12-09T09:00:00Z' }, false],
    ['has no end and began over 12 h ago', { startsAt: '2026-12-09T16:00:00Z', endsAt: null }, false],
  ])('a meeting that %s → %s', (_, m, expected) => expect(isUpcoming(m, now)).toBe(expected));
});
