import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { blobs, councils, documents, documentVersions, meetings, resolutions } from '@hopso/db/schema/index';
import { councilSlug, type PublicCouncil, type PublicDocument, type PublicMeeting, type PublicResolution } from '@hopso/shared/portal';

// Every read the portal and the open data API make. Publication rules live here and nowhere else:
// a meeting is public when published, live or held and neither a closed sitting nor a rehearsal; a document when it is `public`
// and its meeting is public; a resolution when it has been published.

const publicStatuses = ['published', 'live', 'closed'] as const;
const meetingIsPublic = and(inArray(meetings.status, [...publicStatuses]), eq(meetings.closedSitting, false), eq(meetings.rehearsal, false))!;
const resolutionIsPublished = and(eq(resolutions.status, 'published'), isNotNull(resolutions.publishedAt))!;

/** `%text%` for ILIKE with the user's wildcards taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** All councils with their portal slugs; a slug shared by two names gets the id's start appended. */
export async function publicCouncils(db: Db): Promise<PublicCouncil[]> {
  const rows = await db.select({ id: councils.id, name: councils.name, level: councils.level, locality: councils.locality }).from(councils).orderBy(asc(councils.name), asc(councils.id));
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(councilSlug(r.name), (seen.get(councilSlug(r.name)) ?? 0) + 1);
  return rows.map((r) => {
    const slug = councilSlug(r.name);
    return { ...r, slug: seen.get(slug)! > 1 ? `${slug}-${r.id.slice(0, 8)}` : slug };
  });
}

export async function councilBySlug(db: Db, slug: string): Promise<PublicCouncil | null> {
  return (await publicCouncils(db)).find((c) => c.slug === slug) ?? null;
}

const meetingColumns = {
  id: meetings.id, councilId: meetings.councilId, title: meetings.title, kind: meetings.kind, status: meetings.status,
  startsAt: meetings.startsAt, endsAt: meetings.endsAt, place: meetings.place, livestreamUrl: meetings.livestreamUrl,
};
type MeetingRow = { [K in keyof typeof meetingColumns]: (typeof meetings.$inferSelect)[K] };
const meetingView = (m: MeetingRow): PublicMeeting => ({
  ...m, status: m.status as PublicMeeting['status'], startsAt: m.startsAt.toISOString(), endsAt: m.endsAt?.toISOString() ?? null,
});

/** Public meetings of a council; `from` keeps those not yet over (upcoming first), else newest first. */
export async function publicMeetings(db: Db, councilId: string, options: { from?: Date; q?: string; limit?: number; offset?: number } = {}): Promise<PublicMeeting[]> {
  const where: SQL[] = [eq(meetings.councilId, councilId), meetingIsPublic];
  if (options.from) where.push(gte(sql`coalesce(${meetings.endsAt}, ${meetings.startsAt} + interval '12 hours')`, sql`${options.from.toISOString()}::timestamptz`));
  if (options.q) where.push(ilike(meetings.title, likePattern(options.q)));
  const rows = await db.select(meetingColumns).from(meetings).where(and(...where))
    .orderBy(options.from ? asc(meetings.startsAt) : desc(meetings.startsAt)).limit(options.limit ?? 100).offset(options.offset ?? 0);
  return rows.map(meetingView);
}

/** A public meeting by id; with `councilId`, only one of that council (a portal URL names the council). */
export async function publicMeeting(db: Db, councilId: string | null, meetingId: string): Promise<PublicMeeting | null> {
  const [row] = await db.select(meetingColumns).from(meetings).where(and(eq(meetings.id, meetingId), councilId ? eq(meetings.councilId, councilId) : undefined, meetingIsPublic));
  return row ? meetingView(row) : null;
}

/** `public` documents of public meetings, with their current version. */
export async function publicDocuments(db: Db, filter: { councilId: string; meetingId?: string; documentId?: string; q?: string; limit?: number; offset?: number }): Promise<PublicDocument[]> {
  const where: SQL[] = [eq(meetings.councilId, filter.councilId), meetingIsPublic, eq(documents.confidentiality, 'public')];
  if (filter.meetingId) where.push(eq(documents.meetingId, filter.meetingId));
  if (filter.documentId) where.push(eq(documents.id, filter.documentId));
  if (filter.q) where.push(ilike(documents.title, likePattern(filter.q)));
  const rows = await db.select({
    id: documents.id, meetingId: documents.meetingId, title: documents.title, filename: documentVersions.filename, sha256: documentVersions.sha256,
    bytes: blobs.bytes, pageCount: blobs.pageCount, uploadedAt: documentVersions.uploadedAt,
  }).from(documents).innerJoin(meetings, eq(meetings.id, documents.meetingId))
    .leftJoin(documentVersions, and(eq(documentVersions.documentId, documents.id),
      sql`${documentVersions.version} = (select max(v.version) from document_versions v where v.document_id = ${documents.id})`))
    .leftJoin(blobs, eq(blobs.sha256, documentVersions.sha256))
    .where(and(...where)).orderBy(desc(documents.createdAt), asc(documents.title)).limit(filter.limit ?? 200).offset(filter.offset ?? 0);
  return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt?.toISOString() ?? null, fileUrl: r.sha256 ? `/api/public/documents/${r.id}/file` : null }));
}

const resolutionColumns = {
  id: resolutions.id, councilId: resolutions.councilId, meetingId: resolutions.meetingId, code: resolutions.code, title: resolutions.title,
  adoptedOn: resolutions.adoptedOn, signedAt: resolutions.signedAt, publishedAt: resolutions.publishedAt,
  signedSha256: resolutions.signedSha256, sealedSha256: resolutions.sealedSha256, draftSha256: resolutions.draftSha256,
};
type ResolutionRow = { [K in keyof typeof resolutionColumns]: (typeof resolutions.$inferSelect)[K] };
const resolutionView = (r: ResolutionRow): PublicResolution => ({
  id: r.id, councilId: r.councilId, meetingId: r.meetingId, code: r.code, title: r.title, adoptedOn: r.adoptedOn,
  signedAt: r.signedAt?.toISOString() ?? null, publishedAt: r.publishedAt!.toISOString(),
  sha256: r.sealedSha256 ?? r.signedSha256 ?? r.draftSha256,
  // A resolution only reaches `sealed` after the server verified the chair's signature against the council's
  // trust store and then its own seal (resolutions/signing.ts, seal.ts): both hashes are that record.
  signatureVerified: r.signedSha256 !== null && r.sealedSha256 !== null && r.signedAt !== null,
  fileUrl: `/api/public/resolutions/${r.id}/file`,
});

/** Published resolutions, newest number first; `q` matches the number, the title or the signed text. */
export async function publishedResolutions(db: Db, councilId: string, options: { q?: string; limit?: number; offset?: number } = {}): Promise<PublicResolution[]> {
  const where: SQL[] = [eq(resolutions.councilId, councilId), resolutionIsPublished];
  if (options.q) {
    const p = likePattern(options.q);
    where.push(or(ilike(resolutions.code, p), ilike(resolutions.title, p), ilike(resolutions.fullText, p))!);
  }
  const rows = await db.select(resolutionColumns).from(resolutions).where(and(...where))
    .orderBy(desc(resolutions.year), desc(resolutions.number)).limit(options.limit ?? 100).offset(options.offset ?? 0);
  return rows.map(resolutionView);
}

export async function publishedResolution(db: Db, councilId: string, id: string): Promise<PublicResolution | null> {
  const [row] = await db.select(resolutionColumns).from(resolutions).where(and(eq(resolutions.id, id), eq(resolutions.councilId, councilId), resolutionIsPublished));
  return row ? resolutionView(row) : null;
}

/** A published resolution by id alone (open data links carry no council). */
export async function publishedResolutionById(db: Db, id: string): Promise<PublicResolution | null> {
  const [row] = await db.select(resolutionColumns).from(resolutions).where(and(eq(resolutions.id, id), resolutionIsPublished));
  return row ? resolutionView(row) : null;
}

/** A public document with a file, by id alone. */
export async function publicDocumentFile(db: Db, id: string): Promise<PublicDocument | null> {
  const [doc] = await db.select({ councilId: meetings.councilId }).from(documents).innerJoin(meetings, eq(meetings.id, documents.meetingId)).where(eq(documents.id, id));
  if (!doc) return null;
  const [found] = await publicDocuments(db, { councilId: doc.councilId, documentId: id });
  return found?.sha256 ? found : null;
}

/** How many published resolutions each council has (portal home). */
export async function publishedCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ councilId: resolutions.councilId, n: sql<number>`count(*)`.mapWith(Number) }).from(resolutions).where(resolutionIsPublished).groupBy(resolutions.councilId);
  return new Map(rows.map((r) => [r.councilId, r.n]));
}
