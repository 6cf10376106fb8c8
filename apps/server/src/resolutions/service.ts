import { and, desc, eq, gte, ilike, inArray, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { agendaItems, documents, documentVersions, meetings, members, polls, resolutionCounters, resolutions, users } from '@hopso/db/schema/index';
import { resolutionCode, vietnamYear, type Resolution, type ResolutionSearchQuery } from '@hopso/shared/resolution';
import { vietnamDateParts } from '@hopso/shared/time';
import { AppError, fieldError } from '../http/errors.ts';
import { appendAudit } from '../audit/log.ts';
import { councilRole } from '../councils/access.ts';
import type { CouncilRole } from '@hopso/shared/roles';

export type ResolutionRow = typeof resolutions.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Poll kinds whose adoption is a resolution of the council (elections and confidence polls are confirmed separately). */
const resolvingKinds = new Set(['motion', 'dismissal']);

/**
 * The next number of a council's resolutions in a year. The upsert takes the counter row's lock until the
 * caller's transaction ends, so concurrent adoptions get consecutive numbers, and a rolled-back adoption
 * gives its number back: no duplicates, no gaps.
 */
export async function nextNumber(tx: Tx, councilId: string, year: number): Promise<number> {
  const [row] = await tx.insert(resolutionCounters).values({ councilId, year, last: 1 })
    .onConflictDoUpdate({ target: [resolutionCounters.councilId, resolutionCounters.year], set: { last: sql`${resolutionCounters.last} + 1` } })
    .returning({ last: resolutionCounters.last });
  return row!.last;
}

/** The draft PDF of an adopted poll: the one given, or the single readable document of the poll's agenda item. */
async function draftOf(tx: Tx, poll: typeof polls.$inferSelect, draftDocumentId: string | undefined) {
  const candidates = await tx.select({ id: documents.id, agendaItemId: documents.agendaItemId, sha256: documentVersions.sha256, version: documentVersions.version })
    .from(documents).innerJoin(documentVersions, eq(documentVersions.documentId, documents.id))
    .where(and(eq(documents.meetingId, poll.meetingId), inArray(documents.confidentiality, ['public', 'internal']),
      draftDocumentId ? eq(documents.id, draftDocumentId) : poll.agendaItemId ? eq(documents.agendaItemId, poll.agendaItemId) : sql`false`))
    .orderBy(desc(documentVersions.version));
  const current = new Map<string, string>();
  for (const c of candidates) if (!current.has(c.id)) current.set(c.id, c.sha256);
  if (current.size === 1) {
    const [id, sha256] = [...current][0]!;
    return { id, sha256 };
  }
  if (current.size === 0) {
    throw new AppError('validation', { fields: fieldError('draftDocumentId', 'Mục chương trình của biểu quyết chưa có dự thảo nghị quyết (PDF).', 'The poll\'s agenda item has no draft resolution (PDF).') });
  }
  throw new AppError('validation', { fields: fieldError('draftDocumentId', 'Mục chương trình có nhiều tài liệu; hãy chọn dự thảo nghị quyết.', 'The agenda item has several documents; choose the draft resolution.') });
}

/**
 * Turns an adopted poll into a numbered resolution, ready for signature. A poll that is still open, was
 * cancelled, was rejected, or is not a motion is refused with `poll_not_adopted`.
 */
export async function createResolution(db: Db, input: { poll: typeof polls.$inferSelect; councilId: string; draftDocumentId?: string; title?: string; signerId?: string | null; userId: string; now: Date }): Promise<string> {
  const { poll } = input;
  const result = poll.result as { adopted?: unknown } | null;
  if (poll.status !== 'closed' || !resolvingKinds.has(poll.kind) || result?.adopted !== true) throw new AppError('poll_not_adopted');
  // A practice poll is adopted only in play: a rehearsal never numbers a resolution.
  const [meeting] = await db.select({ rehearsal: meetings.rehearsal }).from(meetings).where(eq(meetings.id, poll.meetingId));
  if (meeting?.rehearsal) throw new AppError('rehearsal_meeting');
  if (input.signerId) await assertSignerIsMember(db, input.councilId, input.signerId);
  return db.transaction(async (tx) => {
    // Two requests for the same poll queue here, so the second sees the first's resolution (409, no number used).
    await tx.select({ id: polls.id }).from(polls).where(eq(polls.id, poll.id)).for('update');
    const [existing] = await tx.select({ id: resolutions.id }).from(resolutions).where(eq(resolutions.pollId, poll.id));
    if (existing) throw new AppError('conflict');
    const draft = await draftOf(tx, poll, input.draftDocumentId);
    const adoptedAt = poll.closedAt ?? input.now;
    const year = vietnamYear(adoptedAt);
    const number = await nextNumber(tx, input.councilId, year);
    const [row] = await tx.insert(resolutions).values({
      councilId: input.councilId, meetingId: poll.meetingId, agendaItemId: poll.agendaItemId, pollId: poll.id,
      draftDocumentId: draft.id, draftSha256: draft.sha256, year, number, code: resolutionCode(number),
      title: input.title ?? poll.title, adoptedOn: vietnamDate(adoptedAt), pollResult: poll.result!,
      signerId: input.signerId ?? null, createdBy: input.userId,
    }).returning({ id: resolutions.id });
    await appendAudit(tx, { action: 'resolution.created', actorId: input.userId, councilId: input.councilId, meetingId: poll.meetingId, targetType: 'resolution', targetId: row!.id, details: { pollId: poll.id, code: resolutionCode(number), year } });
    return row!.id;
  });
}

/** An assigned signer (of a resolution or minutes) must be a member of the council: otherwise a field error. */
export async function assertSignerIsMember(db: Db, councilId: string, signerId: string): Promise<void> {
  const [member] = await db.select({ id: members.id }).from(members).where(and(eq(members.councilId, councilId), eq(members.userId, signerId)));
  if (!member) throw new AppError('validation', { fields: fieldError('signerId', 'Người ký phải là thành viên của HĐND.', 'The signer must be a member of the council.') });
}

/** The date in Vietnam of an instant, as YYYY-MM-DD. */
function vietnamDate(at: Date): string {
  const { year, month, day } = vietnamDateParts(at.toISOString());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether a user, with `role` in the council, may sign a resolution or minutes: the assigned signer, or when
 * nobody is assigned, a chair of the council.
 */
export function maySign(row: { signerId: string | null }, userId: string, role: CouncilRole | null): boolean {
  return row.signerId ? row.signerId === userId : role === 'chair';
}

/** The file a reader downloads: the sealed PDF once sealed, the chair-signed one before, else the adopted draft. */
export function currentSha256(row: ResolutionRow): string {
  return row.sealedSha256 ?? row.signedSha256 ?? row.draftSha256;
}

/**
 * The API views of resolution rows for one caller: the signers' names in one query and the caller's role once
 * per council, so an archive page is two queries rather than two per resolution.
 */
export async function resolutionViews(db: Db, rows: ResolutionRow[], userId: string | null): Promise<Resolution[]> {
  const signerIds = [...new Set(rows.flatMap((r) => r.signedBy ?? r.signerId ?? []))];
  const names = new Map(signerIds.length
    ? (await db.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, signerIds))).map((u) => [u.id, u.fullName])
    : []);
  const roleIn = new Map<string, Promise<CouncilRole | null>>();
  const canSign = async (row: ResolutionRow): Promise<boolean> => {
    if (userId === null || row.status !== 'ready') return false;
    if (row.signerId) return row.signerId === userId;
    let role = roleIn.get(row.councilId);
    if (!role) roleIn.set(row.councilId, (role = councilRole(db, userId, row.councilId)));
    return maySign(row, userId, await role);
  };
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return Promise.all(rows.map(async (row) => ({
    id: row.id, councilId: row.councilId, meetingId: row.meetingId, pollId: row.pollId, code: row.code, number: row.number, year: row.year,
    title: row.title, adoptedOn: row.adoptedOn, status: row.status, pollResult: row.pollResult as Resolution['pollResult'],
    signerId: row.signerId, signerName: names.get((row.signedBy ?? row.signerId)!) ?? null,
    signedAt: iso(row.signedAt), sealedAt: iso(row.sealedAt), publishedAt: iso(row.publishedAt),
    sha256: currentSha256(row), canSign: await canSign(row),
  })));
}

/** The API view of one resolution row for one caller. */
export async function resolutionView(db: Db, row: ResolutionRow, userId: string | null): Promise<Resolution> {
  return (await resolutionViews(db, [row], userId))[0]!;
}

/**
 * Archive search over a council's resolutions: the free text matches the number ("12/NQ"), the title or the
 * sealed document's text, case-insensitively (ILIKE, the same on PostgreSQL and PGlite).
 */
export async function searchResolutions(db: Db, councilId: string, query: ResolutionSearchQuery & { publishedOnly?: boolean }): Promise<ResolutionRow[]> {
  const where: SQL[] = [eq(resolutions.councilId, councilId)];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(or(ilike(resolutions.code, pattern), ilike(resolutions.title, pattern), ilike(resolutions.fullText, pattern))!);
  }
  if (query.from) where.push(gte(resolutions.adoptedOn, query.from));
  if (query.to) where.push(lte(resolutions.adoptedOn, query.to));
  if (query.status) where.push(eq(resolutions.status, query.status));
  if (query.publishedOnly) where.push(isNotNull(resolutions.publishedAt));
  return db.select().from(resolutions).where(and(...where)).orderBy(desc(resolutions.year), desc(resolutions.number)).limit(500);
}

/** Adopted polls of a council that have no resolution yet, with their agenda item: what the secretariat can number next. */
export async function candidatePolls(db: Db, councilId: string) {
  const rows = await db.select({ id: polls.id, title: polls.title, kind: polls.kind, meetingId: polls.meetingId, agendaItemId: polls.agendaItemId, agendaTitle: agendaItems.title, closedAt: polls.closedAt, result: polls.result, resolutionId: resolutions.id })
    .from(polls)
    .innerJoin(meetings, and(eq(meetings.id, polls.meetingId), eq(meetings.councilId, councilId), eq(meetings.rehearsal, false)))
    .leftJoin(agendaItems, eq(agendaItems.id, polls.agendaItemId))
    .leftJoin(resolutions, eq(resolutions.pollId, polls.id))
    .where(and(eq(polls.status, 'closed'), inArray(polls.kind, ['motion', 'dismissal'])))
    .orderBy(desc(polls.closedAt));
  return rows
    .filter((r) => r.resolutionId === null && (r.result as { adopted?: unknown } | null)?.adopted === true)
    .map((r) => ({ pollId: r.id, title: r.title, meetingId: r.meetingId, agendaItemId: r.agendaItemId, agendaTitle: r.agendaTitle, closedAt: r.closedAt?.toISOString() ?? null }));
}
