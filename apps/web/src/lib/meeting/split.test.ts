import { describe, expect, it } from 'vitest';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { splitMeetings } from './split.ts';

const meeting = (id: string, startsAt: string, endsAt: string | null = null): MeetingSummary => ({
  id, councilId: id, councilName: 'HĐND', title: id, kind: 'regular', status: 'published', startsAt, endsAt,
  place: 'Hội trường', onlineUrl: null, livestreamUrl: null, closedSitting: false, committeeId: null, delegateGroupId: null,
});

describe('splitMeetings', () => {
  const now = new Date('2026-07-01T12:00:00+07:00');
  it('puts upcoming meetings soonest first and past meetings most recent first', () => {
    const list = [
      meeting('later', '2026-08-01T08:00:00+07:00'),
      meeting('old', '2026-01-01T08:00:00+07:00', '2026-01-01T11:00:00+07:00'),
      meeting('soon', '2026-07-02T08:00:00+07:00'),
      meeting('recent', '2026-06-01T08:00:00+07:00', '2026-06-01T11:00:00+07:00'),
    ];
    const { upcoming, past } = splitMeetings(list, now);
    expect(upcoming.map((m) => m.id)).toEqual(['soon', 'later']);
    expect(past.map((m) => m.id)).toEqual(['recent', 'old']);
  });
  it('keeps a meeting that is under way among the upcoming ones', () => {
    const { upcoming } = splitMeetings([meeting('now', '2026-07-01T08:00:00+07:00', '2026-07-01T17:00:00+07:00')], now);
    expect(upcoming).toHaveLength(1);
  });
});
