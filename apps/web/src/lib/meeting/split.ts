import { isUpcoming, type MeetingSummary } from '@hopso/shared/meeting';

/** Upcoming meetings soonest first, past ones most recent first: what a delegate looks for in each tab. */
export function splitMeetings<T extends MeetingSummary>(meetings: readonly T[], now: Date): { upcoming: T[]; past: T[] } {
  const upcoming = meetings.filter((m) => isUpcoming(m, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = meetings.filter((m) => !isUpcoming(m, now)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { upcoming, past };
}
