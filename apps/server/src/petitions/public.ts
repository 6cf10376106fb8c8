import { and, desc, eq, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { petitions } from '@hopso/db/schema/index';
import { normalizeTrackingCode, type PetitionLookup, type PublicPetition } from '@hopso/shared/petitions';
import { likePattern } from '../portal/queries.ts';
import { mergedCount } from './queries.ts';

// Every read of petitions the portal and open data make. The publication rule lives here and nowhere else:
// a petition is public once published (with its answer), and then only as published — the summary the
// secretariat wrote, or the content when it wrote none; never who sent it, how to reach them, attachments.

const isPublished = and(eq(petitions.status, 'published'), isNotNull(petitions.publishedAt), isNotNull(petitions.answer))!;
/** The text the public reads, and the only text a public search may match. */
const publicText = sql<string>`coalesce(${petitions.summary}, ${petitions.content})`;
const voters = sql<number>`1 + ${mergedCount}`.mapWith(Number);

const columns = {
  id: petitions.id, councilId: petitions.councilId, channel: petitions.channel, locality: petitions.locality, field: petitions.field, agency: petitions.agency,
  content: publicText, answer: petitions.answer, voters, receivedAt: petitions.receivedAt, answeredAt: petitions.answeredAt, publishedAt: petitions.publishedAt,
};
type Row = Omit<PublicPetition, 'answer' | 'receivedAt' | 'answeredAt' | 'publishedAt'> & { answer: string | null; receivedAt: Date; answeredAt: Date | null; publishedAt: Date | null };
const view = (r: Row): PublicPetition => ({
  ...r, answer: r.answer!, receivedAt: r.receivedAt.toISOString(), answeredAt: r.answeredAt?.toISOString() ?? null, publishedAt: r.publishedAt!.toISOString(),
});

/** Published petitions of a council, latest published first; `q` matches the public text, answer, place, field, agency. */
export async function publishedPetitions(db: Db, councilId: string, options: { q?: string; limit?: number; offset?: number } = {}): Promise<PublicPetition[]> {
  const where: SQL[] = [eq(petitions.councilId, councilId), isPublished];
  if (options.q) {
    const p = likePattern(options.q);
    where.push(or(sql`${publicText} ilike ${p}`, ilike(petitions.answer, p), ilike(petitions.locality, p), ilike(petitions.field, p), ilike(petitions.agency, p))!);
  }
  const rows = await db.select(columns).from(petitions).where(and(...where))
    .orderBy(desc(petitions.publishedAt), desc(petitions.id)).limit(options.limit ?? 100).offset(options.offset ?? 0);
  return rows.map(view);
}

export async function publishedPetition(db: Db, councilId: string, id: string): Promise<PublicPetition | null> {
  const [row] = await db.select(columns).from(petitions).where(and(eq(petitions.id, id), eq(petitions.councilId, councilId), isPublished));
  return row ? view(row) : null;
}

/**
 * What a tracking code tells its holder: the status and date, and the published answer — of this petition,
 * or of the one it was merged into. Codes are per council on the portal: another council's code is unknown.
 */
export async function lookupPetition(db: Db, councilId: string, typed: string): Promise<PetitionLookup | null> {
  const code = normalizeTrackingCode(typed);
  if (!code) return null;
  const [row] = await db.select({ id: petitions.id, code: petitions.code, status: petitions.status, receivedAt: petitions.receivedAt, mergedInto: petitions.mergedInto })
    .from(petitions).where(and(eq(petitions.code, code), eq(petitions.councilId, councilId)));
  if (!row) return null;
  const published = await publishedPetition(db, councilId, row.mergedInto ?? row.id);
  return { code: row.code, status: row.status, receivedAt: row.receivedAt.toISOString(), published };
}
