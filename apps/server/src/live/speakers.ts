import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { speakerRequests, users } from '@hopso/db/schema/index';
import type { SpeakerView } from '@hopso/shared/live';
import type { MeetingRow } from '../meetings/access.ts';
import { LiveError, lockRunningMeeting, type Outcome } from './commands.ts';
import { appendEvent, rulesOf } from './state.ts';

type Row = typeof speakerRequests.$inferSelect;

export async function speakerViews(db: Db, meetingId: string, ids?: string[]): Promise<SpeakerView[]> {
  const rows = await db.select({ r: speakerRequests, fullName: users.fullName }).from(speakerRequests)
    .innerJoin(users, eq(users.id, speakerRequests.userId))
    .where(and(eq(speakerRequests.meetingId, meetingId), ids ? inArray(speakerRequests.id, ids) : undefined))
    .orderBy(asc(speakerRequests.position));
  return rows.map(({ r, fullName }) => ({
    id: r.id, agendaItemId: r.agendaItemId, userId: r.userId, fullName, status: r.status, position: r.position, limitSeconds: r.limitSeconds,
    requestedAt: r.requestedAt.toISOString(), startedAt: r.startedAt?.toISOString() ?? null, endedAt: r.endedAt?.toISOString() ?? null,
  }));
}

async function changed(db: Db, meetingId: string, ids: string[]): Promise<Outcome<{ speakers: SpeakerView[] }>> {
  const speakers = await speakerViews(db, meetingId, ids);
  return { events: [await appendEvent(db, meetingId, 'speaker', { speakers })], result: { speakers } };
}

async function lockRequest(db: Db, meetingId: string, requestId: string): Promise<Row> {
  const [row] = await db.select().from(speakerRequests).where(eq(speakerRequests.id, requestId)).for('update');
  if (!row || row.meetingId !== meetingId) throw new LiveError('not_found');
  return row;
}

/** A delegate asks to speak on the live agenda item; the queue is per item, in request order. */
export async function requestToSpeak(db: Db, meeting: MeetingRow, userId: string, now: Date) {
  return db.transaction(async (tx) => {
    // The locked row, not the caller's copy: the live item may have moved since it was read.
    const { liveItemId: agendaItemId } = await lockRunningMeeting(tx, meeting.id);
    const mine = await tx.select({ id: speakerRequests.id }).from(speakerRequests).where(and(
      eq(speakerRequests.meetingId, meeting.id), eq(speakerRequests.userId, userId),
      agendaItemId ? eq(speakerRequests.agendaItemId, agendaItemId) : undefined, inArray(speakerRequests.status, ['waiting', 'speaking'])));
    if (mine.length) throw new LiveError('conflict');
    const [last] = await tx.select({ p: max(speakerRequests.position) }).from(speakerRequests).where(eq(speakerRequests.meetingId, meeting.id));
    const { speakerSeconds } = await rulesOf(tx, meeting.councilId);
    const [row] = await tx.insert(speakerRequests).values({ meetingId: meeting.id, agendaItemId, userId, position: (last?.p ?? -1) + 1, limitSeconds: speakerSeconds, requestedAt: now }).returning();
    return changed(tx, meeting.id, [row!.id]);
  });
}

/** Withdraws one's own waiting request. */
export async function withdraw(db: Db, meeting: MeetingRow, requestId: string, userId: string) {
  return db.transaction(async (tx) => {
    const row = await lockRequest(tx, meeting.id, requestId);
    if (row.userId !== userId) throw new LiveError('forbidden');
    if (row.status !== 'waiting') throw new LiveError('conflict');
    await tx.update(speakerRequests).set({ status: 'withdrawn' }).where(eq(speakerRequests.id, requestId));
    return changed(tx, meeting.id, [requestId]);
  });
}

/** The secretary's order of the waiting speakers: the listed requests take the first positions, in order. */
export async function reorder(db: Db, meeting: MeetingRow, order: string[]) {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(speakerRequests).where(eq(speakerRequests.meetingId, meeting.id)).orderBy(asc(speakerRequests.position)).for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    if (order.some((id) => !byId.has(id))) throw new LiveError('not_found');
    const ordered = [...order.map((id) => byId.get(id)!), ...rows.filter((r) => !order.includes(r.id))];
    const moved: string[] = [];
    for (const [position, r] of ordered.entries()) {
      if (r.position === position) continue;
      await tx.update(speakerRequests).set({ position }).where(eq(speakerRequests.id, r.id));
      moved.push(r.id);
    }
    return changed(tx, meeting.id, moved);
  });
}

/** Gives the floor: whoever was speaking is done, the countdown of this speaker starts now. */
export async function start(db: Db, meeting: MeetingRow, requestId: string, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockRequest(tx, meeting.id, requestId);
    if (row.status !== 'waiting') throw new LiveError('conflict');
    const ended = await tx.update(speakerRequests).set({ status: 'done', endedAt: now })
      .where(and(eq(speakerRequests.meetingId, meeting.id), eq(speakerRequests.status, 'speaking'))).returning({ id: speakerRequests.id });
    await tx.update(speakerRequests).set({ status: 'speaking', startedAt: now }).where(eq(speakerRequests.id, requestId));
    return changed(tx, meeting.id, [...ended.map((e) => e.id), requestId]);
  });
}

export async function stop(db: Db, meeting: MeetingRow, requestId: string, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockRequest(tx, meeting.id, requestId);
    if (row.status !== 'speaking') throw new LiveError('conflict');
    await tx.update(speakerRequests).set({ status: 'done', endedAt: now }).where(eq(speakerRequests.id, requestId));
    return changed(tx, meeting.id, [requestId]);
  });
}
