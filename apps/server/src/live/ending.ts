import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { agendaItems, meetings, polls, questions, speakerRequests } from '@hopso/db/schema/index';
import type { MeetingEvent } from '@hopso/shared/live';
import type { MeetingRow } from '../meetings/access.ts';
import { LiveError, lockRunningMeeting, type Outcome } from './commands.ts';
import { questionViews } from './questions.ts';
import { speakerViews } from './speakers.ts';
import { appendEvent } from './state.ts';

/**
 * Ends the meeting (Kết thúc phiên họp), for those running it: in one transaction the meeting is `closed`, the
 * live item is done and cleared, whoever still had the floor (a speaker, a question or its answer) stops now,
 * and `meeting.ended` goes to the event log (and with it the audit log). Refused while a poll is open — its
 * result must be decided first — and for a draft; a second end answers `meeting_ended`.
 */
export async function endMeeting(db: Db, meeting: MeetingRow, now: Date): Promise<Outcome<{ endedAt: string }>> {
  return db.transaction(async (tx) => {
    const current = await lockRunningMeeting(tx, meeting.id);
    if (current.status !== 'live' && current.status !== 'published') throw new LiveError('meeting_state');
    const [open] = await tx.select({ id: polls.id }).from(polls).where(and(eq(polls.meetingId, meeting.id), eq(polls.status, 'open')));
    if (open) throw new LiveError('poll_still_open');

    const events: MeetingEvent[] = [];
    const speaking = await tx.update(speakerRequests).set({ status: 'done', endedAt: now })
      .where(and(eq(speakerRequests.meetingId, meeting.id), eq(speakerRequests.status, 'speaking'))).returning({ id: speakerRequests.id });
    if (speaking.length) events.push(await appendEvent(tx, meeting.id, 'speaker', { speakers: await speakerViews(tx, meeting.id, speaking.map((s) => s.id)) }));
    const asking = await tx.update(questions).set({ questionEndedAt: now })
      .where(and(eq(questions.meetingId, meeting.id), isNotNull(questions.questionStartedAt), isNull(questions.questionEndedAt))).returning({ id: questions.id });
    const answering = await tx.update(questions).set({ answerEndedAt: now })
      .where(and(eq(questions.meetingId, meeting.id), isNotNull(questions.answerStartedAt), isNull(questions.answerEndedAt))).returning({ id: questions.id });
    const timed = [...new Set([...asking, ...answering].map((q) => q.id))];
    if (timed.length) events.push(await appendEvent(tx, meeting.id, 'question', { questions: await questionViews(tx, meeting.id, timed) }));

    await tx.update(agendaItems).set({ status: 'done' }).where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.status, 'live')));
    await tx.update(meetings).set({ status: 'closed', liveItemId: null, liveSince: null, updatedAt: now }).where(eq(meetings.id, meeting.id));
    const endedAt = now.toISOString();
    events.push(await appendEvent(tx, meeting.id, 'meeting.ended', { status: 'closed', endedAt, finishedItemId: current.liveItemId, previousStatus: current.status }));
    return { events, result: { endedAt } };
  });
}
