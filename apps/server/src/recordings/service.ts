import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { agendaItems, recordings } from '@hopso/db/schema/index';
import { recordingOffsets, type recordingInput, type RecordingView, type UpdateRecordingRequest } from '@hopso/shared/record';
import type { z } from 'zod';
import { AppError, fieldError } from '../http/errors.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { timedAgenda } from '../minutes/agenda.ts';

export type RecordingRow = typeof recordings.$inferSelect;

/** Agenda items in printed order with when each first went live, from the meeting event log. */
async function itemsWithLiveTimes(db: Db, meetingId: string) {
  return (await timedAgenda(db, meetingId)).map((n) => ({ id: n.id, title: `${n.number}. ${n.title}`, liveAt: n.liveAt?.toISOString() ?? null }));
}

const view = (r: RecordingRow, items: Awaited<ReturnType<typeof itemsWithLiveTimes>>): RecordingView => {
  const startedAt = r.startedAt?.toISOString() ?? null;
  return {
    id: r.id, title: r.title, url: r.url, startedAt, durationSeconds: r.durationSeconds,
    items: recordingOffsets({ startedAt, durationSeconds: r.durationSeconds, offsets: r.offsets }, items),
  };
};

/** A meeting's recordings with offsets per agenda item: automatic from the event log, or as corrected by hand. */
export async function recordingViews(db: Db, meeting: Pick<MeetingRow, 'id'>): Promise<RecordingView[]> {
  const rows = await db.select().from(recordings).where(eq(recordings.meetingId, meeting.id)).orderBy(asc(recordings.position), asc(recordings.createdAt));
  if (!rows.length) return [];
  const items = await itemsWithLiveTimes(db, meeting.id);
  return rows.map((r) => view(r, items));
}

/** Manual offsets must name agenda items of this meeting. */
async function checkOffsets(db: Db, meetingId: string, offsets: Record<string, number> | undefined): Promise<void> {
  const ids = Object.keys(offsets ?? {});
  if (!ids.length) return;
  const known = new Set((await db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId))).map((r) => r.id));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) throw new AppError('validation', { fields: fieldError(`offsets.${unknown}`, 'Mục chương trình không thuộc cuộc họp này', 'The agenda item is not part of this meeting') });
}

export async function addRecording(db: Db, meeting: MeetingRow, input: z.output<typeof recordingInput>, userId: string): Promise<RecordingView> {
  await checkOffsets(db, meeting.id, input.offsets);
  const [next] = await db.select({ n: sql<number>`coalesce(max(${recordings.position}) + 1, 0)`.mapWith(Number) }).from(recordings).where(eq(recordings.meetingId, meeting.id));
  const [row] = await db.insert(recordings).values({
    meetingId: meeting.id, title: input.title, url: input.url, startedAt: input.startedAt ? new Date(input.startedAt) : null,
    durationSeconds: input.durationSeconds, offsets: input.offsets, position: next?.n ?? 0, createdBy: userId,
  }).returning();
  return view(row!, await itemsWithLiveTimes(db, meeting.id));
}

export async function updateRecording(db: Db, row: RecordingRow, input: UpdateRecordingRequest): Promise<RecordingView> {
  await checkOffsets(db, row.meetingId, input.offsets);
  const [updated] = await db.update(recordings).set({
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.startedAt !== undefined ? { startedAt: input.startedAt ? new Date(input.startedAt) : null } : {}),
    ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
    ...(input.offsets !== undefined ? { offsets: input.offsets } : {}),
  }).where(eq(recordings.id, row.id)).returning();
  return view(updated!, await itemsWithLiveTimes(db, row.meetingId));
}

export async function getRecording(db: Db, id: string): Promise<RecordingRow | null> {
  const [row] = await db.select().from(recordings).where(eq(recordings.id, id));
  return row ?? null;
}

export async function deleteRecording(db: Db, id: string): Promise<void> {
  await db.delete(recordings).where(eq(recordings.id, id));
}
