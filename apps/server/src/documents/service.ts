import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { blobs, documents, documentVersions, documentViews, invitations, members, users } from '@hopso/db/schema/index';
import { isLate, type MeetingDocument, type ReadReceipt } from '@hopso/shared/document';
import { rulesOf } from '../live/state.ts';
import type { MeetingRow } from '../meetings/access.ts';
import type { DocumentRow } from './access.ts';
import { delegateRoles } from '@hopso/shared/roles';

export interface CurrentVersion {
  version: number;
  sha256: string;
  filename: string;
  bytes: number;
  pageCount: number;
  uploadedAt: Date;
  uploadedBy: string | null;
}

/** The newest version of each of the given documents. */
async function currentVersions(db: Db, documentIds: string[]): Promise<Map<string, CurrentVersion>> {
  if (documentIds.length === 0) return new Map();
  const newest = db.select({ documentId: documentVersions.documentId, newestVersion: max(documentVersions.version).as('newest_version') })
    .from(documentVersions).where(inArray(documentVersions.documentId, documentIds)).groupBy(documentVersions.documentId).as('newest');
  const rows = await db.select({
    documentId: documentVersions.documentId, version: documentVersions.version, sha256: documentVersions.sha256, filename: documentVersions.filename,
    bytes: blobs.bytes, pageCount: blobs.pageCount, uploadedAt: documentVersions.uploadedAt, uploadedBy: users.fullName,
  }).from(documentVersions)
    .innerJoin(newest, and(eq(newest.documentId, documentVersions.documentId), eq(newest.newestVersion, documentVersions.version)))
    .innerJoin(blobs, eq(blobs.sha256, documentVersions.sha256))
    .leftJoin(users, eq(users.id, documentVersions.uploadedBy));
  return new Map(rows.map(({ documentId, ...v }) => [documentId, v]));
}

export async function currentVersion(db: Db, documentId: string): Promise<CurrentVersion | null> {
  return (await currentVersions(db, [documentId])).get(documentId) ?? null;
}

/** The documents of a meeting as the caller sees them: late and changed flags, and whether bytes may be read. */
export async function listDocuments(db: Db, meeting: MeetingRow, userId: string, only?: string): Promise<MeetingDocument[]> {
  const rows = await db.select().from(documents)
    .where(and(eq(documents.meetingId, meeting.id), only ? eq(documents.id, only) : undefined))
    .orderBy(asc(documents.createdAt));
  const ids = rows.map((r) => r.id);
  const versions = await currentVersions(db, ids);
  const seen = new Map((ids.length ? await db.select({ documentId: documentViews.documentId, versionSeen: documentViews.versionSeen }).from(documentViews)
    .where(and(eq(documentViews.userId, userId), inArray(documentViews.documentId, ids))) : []).map((v) => [v.documentId, v.versionSeen]));
  // The send-ahead period is a rule like the others (the council's rule set over the legal default).
  const days = (await rulesOf(db, meeting.councilId)).sendAheadDays;
  return rows.map((d) => {
    const current = d.confidentiality === 'secret' ? null : versions.get(d.id) ?? null;
    const versionSeen = seen.get(d.id);
    return {
      id: d.id, meetingId: d.meetingId, agendaItemId: d.agendaItemId, title: d.title, confidentiality: d.confidentiality,
      current: current ? { ...current, uploadedAt: current.uploadedAt.toISOString() } : null,
      late: current ? isLate(current.uploadedAt, meeting, days) : false,
      changed: current !== null && versionSeen !== undefined && versionSeen < current.version,
      readable: current !== null,
    };
  });
}

/** Stores a new document, or a new version of one, pointing at an already kept blob. */
export async function addVersion(db: Db, input: {
  document: DocumentRow | { meetingId: string; agendaItemId: string | null; title: string; confidentiality: 'public' | 'internal' };
  sha256: string; bytes: number; pageCount: number; filename: string; userId: string; now: Date;
}): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.insert(blobs).values({ sha256: input.sha256, bytes: input.bytes, pageCount: input.pageCount }).onConflictDoNothing();
    let documentId: string;
    let version = 1;
    if ('id' in input.document) {
      documentId = input.document.id;
      const [row] = await tx.select({ v: max(documentVersions.version) }).from(documentVersions).where(eq(documentVersions.documentId, documentId));
      version = (row?.v ?? 0) + 1;
    } else {
      const [row] = await tx.insert(documents).values({ ...input.document, createdBy: input.userId }).returning({ id: documents.id });
      documentId = row!.id;
    }
    await tx.insert(documentVersions).values({ documentId, version, sha256: input.sha256, filename: input.filename, uploadedBy: input.userId, uploadedAt: input.now });
    return documentId;
  });
}

/** Records that the user opened the document (first and last time), the page they are on, and the version seen. */
export async function recordView(db: Db, documentId: string, userId: string, page: number, version: number, now: Date): Promise<void> {
  await db.insert(documentViews).values({ documentId, userId, firstOpenedAt: now, lastOpenedAt: now, lastPage: page, versionSeen: version })
    .onConflictDoUpdate({
      target: [documentViews.documentId, documentViews.userId],
      set: { lastOpenedAt: now, lastPage: page, versionSeen: sql`greatest(${documentViews.versionSeen}, ${version})` },
    });
}

export async function lastPage(db: Db, documentId: string, userId: string): Promise<number | null> {
  const [row] = await db.select({ page: documentViews.lastPage }).from(documentViews).where(and(eq(documentViews.documentId, documentId), eq(documentViews.userId, userId)));
  return row?.page ?? null;
}

/** Who opened each document of a meeting, and the share of invited delegates (chair and delegates) who did. */
export async function readReceipts(db: Db, meeting: MeetingRow, userId: string): Promise<ReadReceipt[]> {
  const docs = await listDocuments(db, meeting, userId);
  const delegates = await db.select({ userId: invitations.userId }).from(invitations)
    .innerJoin(members, and(eq(members.userId, invitations.userId), eq(members.councilId, meeting.councilId)))
    .where(and(eq(invitations.meetingId, meeting.id), inArray(members.role, [...delegateRoles])));
  const delegateIds = new Set(delegates.map((d) => d.userId));
  const ids = docs.map((d) => d.id);
  const views = ids.length ? await db.select({ documentId: documentViews.documentId, userId: users.id, fullName: users.fullName, firstOpenedAt: documentViews.firstOpenedAt, lastOpenedAt: documentViews.lastOpenedAt })
    .from(documentViews).innerJoin(users, eq(users.id, documentViews.userId)).where(inArray(documentViews.documentId, ids)).orderBy(desc(documentViews.lastOpenedAt)) : [];
  return docs.map((d) => {
    const readers = views.filter((v) => v.documentId === d.id);
    return {
      documentId: d.id, title: d.title, late: d.late,
      delegatesInvited: delegateIds.size,
      delegatesOpened: readers.filter((r) => delegateIds.has(r.userId)).length,
      readers: readers.map((r) => ({ userId: r.userId, fullName: r.fullName, firstOpenedAt: r.firstOpenedAt.toISOString(), lastOpenedAt: r.lastOpenedAt.toISOString() })),
    };
  });
}
