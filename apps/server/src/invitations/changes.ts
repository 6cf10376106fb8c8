import { eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { meetingNotices, meetings } from '@hopso/db/schema/index';
import { meetingChanges, type MeetingChanges } from '@hopso/shared/invitations';

/**
 * Change notices are debounced in the database: every edit of a published meeting merges into the meeting's
 * pending changes and moves `changedAt`; the scheduler sends one notice once no edit has come for
 * `changeQuietMs`. Chosen over a key per minute, which would split a burst that crosses a minute boundary into
 * two notices; kept in a table rather than a timer, so a restart or another node sends what was pending.
 */
export const changeQuietMs = 2 * 60_000;

/** Merges a new edit into the pending changes: the first old value stays, the newest new value wins. */
export function mergeChanges(pending: MeetingChanges, next: MeetingChanges): MeetingChanges {
  const out: MeetingChanges = { ...pending };
  for (const key of ['startsAt', 'place', 'onlineUrl'] as const) {
    const n = next[key];
    if (!n) continue;
    const old = pending[key];
    const merged = { from: old ? old.from : n.from, to: n.to };
    if (merged.from === merged.to) delete out[key];
    else Object.assign(out, { [key]: merged });
  }
  if (next.documents?.length) out.documents = [...new Set([...(pending.documents ?? []), ...next.documents])];
  if (next.agenda) out.agenda = true;
  return out;
}

/** Whether an edit of these fields is worth a notice: a change of time, place, online link, documents or agenda. */
export function isEmpty(c: MeetingChanges): boolean {
  return !c.startsAt && !c.place && !c.onlineUrl && !c.documents?.length && !c.agenda;
}

/**
 * Records an edit of a meeting for its next change notice, inside the edit's transaction. Only meetings whose
 * invitations went out (published, a meeting_notices row) and that are still ahead (status published) get one:
 * a draft is nobody's business yet, a live meeting is followed on the tablets.
 */
export async function recordChange(db: Db, meetingId: string, change: MeetingChanges, now: Date): Promise<void> {
  if (isEmpty(change)) return;
  const [row] = await db.select({ pending: meetingNotices.pending, status: meetings.status }).from(meetingNotices)
    .innerJoin(meetings, eq(meetings.id, meetingNotices.meetingId)).where(eq(meetingNotices.meetingId, meetingId)).for('update', { of: meetingNotices });
  if (!row || row.status !== 'published') return;
  const before = meetingChanges.safeParse(row.pending ?? {});
  const merged = mergeChanges(before.success ? before.data : {}, change);
  await db.update(meetingNotices).set(isEmpty(merged) ? { pending: null, changedAt: null } : { pending: merged, changedAt: now })
    .where(eq(meetingNotices.meetingId, meetingId));
}

/** For `.then` after an agenda edit inside its transaction: records it for the change notice, passes the result on. */
export function agendaChanged(db: Db, meetingId: string, now: Date) {
  return async <T>(result: T): Promise<T> => {
    await recordChange(db, meetingId, { agenda: true }, now);
    return result;
  };
}

/** The changes between a meeting before and after an update, in the notice's terms. */
export function meetingEditChanges(before: { startsAt: Date; place: string; onlineUrl: string | null }, after: { startsAt: string; place: string; onlineUrl: string | null }): MeetingChanges {
  const out: MeetingChanges = {};
  if (before.startsAt.getTime() !== Date.parse(after.startsAt)) out.startsAt = { from: before.startsAt.toISOString(), to: after.startsAt };
  if (before.place !== after.place) out.place = { from: before.place, to: after.place };
  if ((before.onlineUrl ?? null) !== (after.onlineUrl ?? null)) out.onlineUrl = { from: before.onlineUrl, to: after.onlineUrl };
  return out;
}
