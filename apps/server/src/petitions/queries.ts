import { and, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { petitionAttachments, petitions } from '@hopso/db/schema/index';
import { isOverdue, vietnamDate, type Petition, type PetitionListQuery } from '@hopso/shared/petitions';
import type { z } from 'zod';
import type { petitionListQuery } from '@hopso/shared/petitions';
import { likePattern } from '../portal/queries.ts';

// The secretariat's reads: one petition, the filtered list, what the views need around a row.

export type PetitionRow = typeof petitions.$inferSelect;
type ListFilter = z.output<typeof petitionListQuery>;

// Qualified by hand: drizzle writes a column of the queried table unqualified, which inside these subqueries
// would name the subquery's own row.
/** How many petitions were merged into the row's (the voters who raised the same issue, less the first). */
export const mergedCount = sql<number>`(select count(*) from petitions m where m.merged_into = "petitions"."id")`.mapWith(Number);
const mergedCode = sql<string | null>`(select t.code from petitions t where t.id = "petitions"."merged_into")`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Rows with what their views need beside the row: merged counts, the target's code, attachments. */
async function views(db: Db, rows: (PetitionRow & { mergedCount: number; mergedCode: string | null })[], today: string): Promise<Petition[]> {
  const files = rows.length ? await db.select().from(petitionAttachments).where(inArray(petitionAttachments.petitionId, rows.map((r) => r.id))) : [];
  return rows.map((r) => ({
    id: r.id, councilId: r.councilId, code: r.code, channel: r.channel, status: r.status, submitterName: r.submitterName, submitterContact: r.submitterContact,
    locality: r.locality, content: r.content, field: r.field, agency: r.agency, deadline: r.deadline, answer: r.answer, summary: r.summary, closedReason: r.closedReason,
    mergedInto: r.mergedInto && r.mergedCode ? { id: r.mergedInto, code: r.mergedCode } : null, mergedCount: r.mergedCount, meetingId: r.meetingId,
    receivedAt: r.receivedAt.toISOString(), answeredAt: iso(r.answeredAt), publishedAt: iso(r.publishedAt), overdue: isOverdue(r, today),
    attachments: files.filter((f) => f.petitionId === r.id).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, bytes: f.bytes })),
  }));
}

const withExtras = { mergedCount, mergedCode };

export async function getPetition(db: Db, id: string): Promise<PetitionRow | null> {
  const [row] = await db.select().from(petitions).where(eq(petitions.id, id));
  return row ?? null;
}

export async function petitionView(db: Db, id: string, now: Date): Promise<Petition | null> {
  const rows = await db.select({ row: petitions, ...withExtras }).from(petitions).where(eq(petitions.id, id));
  const [view] = await views(db, rows.map((r) => ({ ...r.row, mergedCount: r.mergedCount, mergedCode: r.mergedCode })), vietnamDate(now));
  return view ?? null;
}

/** Overdue in SQL, as shared `isOverdue` says: assigned, deadline before today (Vietnam). */
export const overdueWhere = (today: string) => and(eq(petitions.status, 'assigned'), lt(petitions.deadline, today))!;

/** The council's petitions, newest first, with the filters of the secretariat's list and the total count. */
export async function listPetitions(db: Db, councilId: string, filter: ListFilter, now: Date): Promise<{ petitions: Petition[]; total: number }> {
  const today = vietnamDate(now);
  const where: SQL[] = [eq(petitions.councilId, councilId)];
  if (filter.status) where.push(eq(petitions.status, filter.status));
  if (filter.channel) where.push(eq(petitions.channel, filter.channel));
  if (filter.field) where.push(eq(petitions.field, filter.field));
  if (filter.locality) where.push(eq(petitions.locality, filter.locality));
  if (filter.agency) where.push(eq(petitions.agency, filter.agency));
  if (filter.overdue) where.push(overdueWhere(today));
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(or(ilike(petitions.content, p), ilike(petitions.code, p), ilike(petitions.submitterName, p), ilike(petitions.locality, p))!);
  }
  const [rows, [count]] = await Promise.all([
    db.select({ row: petitions, ...withExtras }).from(petitions).where(and(...where))
      .orderBy(filter.overdue ? petitions.deadline : desc(petitions.receivedAt), desc(petitions.id)).limit(filter.limit).offset(filter.offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(petitions).where(and(...where)),
  ]);
  return { petitions: await views(db, rows.map((r) => ({ ...r.row, mergedCount: r.mergedCount, mergedCode: r.mergedCode })), today), total: count?.n ?? 0 };
}
