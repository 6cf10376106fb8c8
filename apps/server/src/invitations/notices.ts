import { and, eq, gt, inArray, isNotNull, lte, ne } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { documentViews, documents, meetingNotices, meetings } from '@hopso/db/schema/index';
import { meetingChanges } from '@hopso/shared/invitations';
import type { Logger } from '../log.ts';
import type { Config } from '../config.ts';
import { councilName, meetingView } from '../meetings/service.ts';
import { rulesOf } from '../live/state.ts';
import { startPeriodic } from '../periodic.ts';
import { notify } from '../notifications/notify.ts';
import { changeQuietMs, isEmpty } from './changes.ts';
import { dueNotices, noticeKey } from './schedule.ts';
import { attendingInvitees } from './service.ts';
import { changeMessage, reminderMessage, unreadDocumentsMessage } from './templates.ts';

/** The address people open, for links in notices sent with no request at hand (the scheduler). */
export function publicOrigin(config: Pick<Config, 'PORT' | 'PUBLIC_URL'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/**
 * Sends the change notice of every meeting whose edits have been quiet for `changeQuietMs`. Each meeting is
 * taken in its own transaction with SKIP LOCKED, so two nodes never handle the same one, and the notice is
 * keyed by the meeting's notice number: a retry after a crash between notify and commit sends nothing twice.
 */
export async function flushChangeNotices(db: Db, origin: string, now: Date): Promise<number> {
  const due = await db.select({ meetingId: meetingNotices.meetingId }).from(meetingNotices)
    .where(and(isNotNull(meetingNotices.changedAt), lte(meetingNotices.changedAt, new Date(now.getTime() - changeQuietMs))));
  let sent = 0;
  for (const { meetingId } of due) {
    sent += await db.transaction(async (tx) => {
      const [row] = await tx.select().from(meetingNotices).where(and(eq(meetingNotices.meetingId, meetingId), isNotNull(meetingNotices.changedAt)))
        .for('update', { skipLocked: true });
      if (!row) return 0;
      const seq = row.changeSeq + 1;
      await tx.update(meetingNotices).set({ pending: null, changedAt: null, changeSeq: seq }).where(eq(meetingNotices.meetingId, meetingId));
      const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId));
      const changes = meetingChanges.safeParse(row.pending ?? {});
      if (!meeting || meeting.status !== 'published' || !changes.success || isEmpty(changes.data)) return 0;
      const view = meetingView(meeting, await councilName(tx, meeting.councilId));
      const content = changeMessage(view, changes.data, origin);
      const recipients = await attendingInvitees(tx, meetingId);
      const { created } = await notify(tx, {
        councilId: meeting.councilId, meetingId, event: 'meeting.changed', key: `changed:${meetingId}:${seq}`,
        messages: recipients.map((r) => ({ userId: r.userId, link: `/meetings/${meetingId}`, ...content })),
      });
      return created;
    });
  }
  return sent;
}

/** Longest offset a rule set accepts (rules.ts): meetings further ahead than this cannot be due. */
const maxLookAheadMs = 30 * 24 * 3600_000;

/**
 * Sends the reminders due now (schedule.ts) for every published meeting ahead: the reminder to everyone still
 * expected, and the "documents not yet opened" one to those who have not opened every readable document.
 * Idempotent by key (meeting, start, offset), so every node may run it on every tick.
 */
export async function sendDueReminders(db: Db, origin: string, now: Date): Promise<number> {
  const rows = await db.select({ meeting: meetings, publishedAt: meetingNotices.publishedAt }).from(meetings)
    .innerJoin(meetingNotices, eq(meetingNotices.meetingId, meetings.id))
    .where(and(eq(meetings.status, 'published'), gt(meetings.startsAt, now), lte(meetings.startsAt, new Date(now.getTime() + maxLookAheadMs))));
  let sent = 0;
  for (const { meeting, publishedAt } of rows) {
    const due = dueNotices({ startsAt: meeting.startsAt, publishedAt, status: meeting.status }, await rulesOf(db, meeting.councilId), now);
    if (!due.length) continue;
    const view = meetingView(meeting, await councilName(db, meeting.councilId));
    const recipients = await attendingInvitees(db, meeting.id);
    for (const notice of due) {
      const key = noticeKey(notice, meeting.id, meeting.startsAt);
      const link = `/meetings/${meeting.id}`;
      if (notice.kind === 'reminder') {
        const content = reminderMessage(view, notice.minutes, origin);
        sent += (await notify(db, { councilId: meeting.councilId, meetingId: meeting.id, event: 'meeting.reminder', key, messages: recipients.map((r) => ({ userId: r.userId, link, ...content })) })).created;
        continue;
      }
      const unread = await unreadDocuments(db, meeting.id, recipients.map((r) => r.userId));
      const messages = [...unread].map(([userId, titles]) => ({ userId, link, ...unreadDocumentsMessage(view, titles, origin) }));
      sent += (await notify(db, { councilId: meeting.councilId, meetingId: meeting.id, event: 'documents.unread', key, messages })).created;
    }
  }
  return sent;
}

/** Per invitee, the titles of the meeting's readable documents (not secret: those are never served) they have not opened. */
async function unreadDocuments(db: Db, meetingId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const docs = await db.select({ id: documents.id, title: documents.title }).from(documents)
    .where(and(eq(documents.meetingId, meetingId), ne(documents.confidentiality, 'secret')));
  const out = new Map<string, string[]>();
  if (!docs.length || !userIds.length) return out;
  const seen = await db.select({ documentId: documentViews.documentId, userId: documentViews.userId }).from(documentViews)
    .where(and(inArray(documentViews.documentId, docs.map((d) => d.id)), inArray(documentViews.userId, userIds)));
  const opened = new Set(seen.map((s) => `${s.userId}:${s.documentId}`));
  for (const userId of userIds) {
    const titles = docs.filter((d) => !opened.has(`${userId}:${d.id}`)).map((d) => d.title);
    if (titles.length) out.set(userId, titles);
  }
  return out;
}

/** One pass of the scheduler: change notices first (they may mention what a reminder then repeats), then reminders. */
export async function runInvitationNotices(db: Db, origin: string, now: Date): Promise<{ changes: number; reminders: number }> {
  return { changes: await flushChangeNotices(db, origin, now), reminders: await sendDueReminders(db, origin, now) };
}

/**
 * Starts the invitation scheduler (server.ts): a pass every `everyMs`, never two at once on this node; a
 * failed pass is logged and the next one tries again. Returns the function that stops it.
 */
export function startInvitationScheduler(deps: { db: Db; log: Logger; now: () => Date; config: Config }, everyMs = 30_000): () => Promise<void> {
  const origin = publicOrigin(deps.config);
  return startPeriodic({
    everyMs, log: deps.log, failure: 'invitation notices failed',
    pass: () => runInvitationNotices(deps.db, origin, deps.now()).then((r) => { if (r.changes || r.reminders) deps.log.info('invitation notices sent', r); }),
  });
}
