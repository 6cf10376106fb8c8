import { createEvents, type EventAttributes } from 'ics';
import type { MeetingSummary } from '@hopso/shared/meeting';

const kindLabels: Record<MeetingSummary['kind'], string> = {
  regular: 'Kỳ họp thường lệ', thematic: 'Kỳ họp chuyên đề', extraordinary: 'Kỳ họp bất thường',
  standing: 'Phiên họp Thường trực HĐND', committee: 'Cuộc họp Ban', group: 'Cuộc họp Tổ đại biểu', voterContact: 'Tiếp xúc cử tri',
};

/**
 * An iCalendar feed of meetings. Times are written in UTC so every calendar app shows them correctly
 * in its own zone; a meeting without an end is given three hours. UIDs are stable, so updates replace events.
 */
export function meetingsToIcs(meetings: MeetingSummary[], origin: string, calName: string): string {
  const events: EventAttributes[] = meetings.map((m) => {
    const start = Date.parse(m.startsAt);
    const end = m.endsAt ? Date.parse(m.endsAt) : start + 3 * 3600_000;
    const lines = [`${kindLabels[m.kind]} — ${m.councilName}`];
    if (m.onlineUrl) lines.push(`Trực tuyến: ${m.onlineUrl}`);
    return {
      uid: `${m.id}@hopso`,
      title: m.title,
      description: lines.join('\n'),
      location: m.place,
      url: `${origin}/meetings/${m.id}`,
      start, startInputType: 'utc', startOutputType: 'utc',
      end, endInputType: 'utc', endOutputType: 'utc',
      status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      busyStatus: 'BUSY',
    };
  });
  const { error, value } = createEvents(events, { productId: 'hopso/calendar', calName, method: 'PUBLISH' });
  if (error || value === null) throw error ?? new Error('calendar could not be generated');
  return value;
}
