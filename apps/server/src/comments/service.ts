import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { draftCommentAgents, draftCommentPeriods, draftComments, invitations, members, users } from '@hopso/db/schema/index';
import type { CommentSettings, DraftComment } from '@hopso/shared/comments';
import { AppError, fieldError } from '../http/errors.ts';
import type { CommentRow, PeriodRow } from './access.ts';

export interface CommentWithAuthor extends DraftComment {
  authorId: string;
}

function view(r: CommentRow, authorName: string, userId: string): CommentWithAuthor {
  return {
    id: r.id, documentId: r.documentId, version: r.version, page: r.page, quote: r.quote, section: r.section, text: r.text,
    authorId: r.authorId, authorName, mine: r.authorId === userId, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    answer: r.answerKind && r.answerText !== null && r.answeredAt
      ? { kind: r.answerKind, text: r.answerText, answeredBy: r.answeredBy, answeredAt: r.answeredAt.toISOString() } : null,
  };
}

/**
 * The comments of a document not withdrawn, oldest first: every one for the agency and the secretariat
 * (`all`), else only the caller's own — a delegate never reads another delegate's comments here.
 */
export async function listComments(db: Db, documentId: string, userId: string, all: boolean): Promise<CommentWithAuthor[]> {
  const rows = await db.select({ c: draftComments, authorName: users.fullName }).from(draftComments)
    .innerJoin(users, eq(users.id, draftComments.authorId))
    .where(and(eq(draftComments.documentId, documentId), isNull(draftComments.withdrawnAt), all ? undefined : eq(draftComments.authorId, userId)))
    .orderBy(asc(draftComments.createdAt), asc(draftComments.version), asc(draftComments.page));
  return rows.map((r) => view(r.c, r.authorName, userId));
}

/** One comment as its reader sees it. */
export async function commentView(db: Db, id: string, userId: string): Promise<DraftComment> {
  const [row] = await db.select({ c: draftComments, authorName: users.fullName }).from(draftComments)
    .innerJoin(users, eq(users.id, draftComments.authorId)).where(eq(draftComments.id, id));
  if (!row) throw new AppError('not_found');
  const { authorId: _, ...out } = view(row.c, row.authorName, userId);
  return out;
}

export async function settingsView(db: Db, period: PeriodRow | null): Promise<CommentSettings | null> {
  if (!period) return null;
  const agents = await db.select({ userId: users.id, fullName: users.fullName }).from(draftCommentAgents)
    .innerJoin(users, eq(users.id, draftCommentAgents.userId)).where(eq(draftCommentAgents.documentId, period.documentId))
    .orderBy(asc(users.fullName));
  return { closesAt: period.closesAt.toISOString(), agencyName: period.agencyName, agents, summaryDocumentId: period.summaryDocumentId };
}

/**
 * Refuses representatives who could not open the draft: each must be a member of the council (a UBND guest
 * account, a clerk…) invited to the meeting, or of its secretariat, who sees every meeting.
 */
export async function checkAgents(db: Db, councilId: string, meetingId: string, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  const ids = [...new Set(userIds)];
  const rows = await db.select({ userId: members.userId, role: members.role }).from(members)
    .where(and(eq(members.councilId, councilId), inArray(members.userId, ids)));
  const invited = new Set((await db.select({ userId: invitations.userId }).from(invitations)
    .where(and(eq(invitations.meetingId, meetingId), inArray(invitations.userId, ids)))).map((r) => r.userId));
  const reach = new Set(rows.filter((r) => invited.has(r.userId) || ['admin', 'chair', 'secretary', 'clerk'].includes(r.role)).map((r) => r.userId));
  if (ids.some((id) => !reach.has(id))) {
    throw new AppError('validation', { fields: fieldError('agentUserIds', 'Người đại diện cơ quan soạn thảo phải là thành viên của HĐND được mời dự cuộc họp.', 'The agency\'s representatives must be council members invited to the meeting.') });
  }
}

/** Opens or changes a document's comment period and replaces its representatives. */
export async function savePeriod(tx: Db, input: { documentId: string; closesAt: Date; agencyName: string; agentUserIds: string[]; userId: string; now: Date }): Promise<void> {
  const values = { closesAt: input.closesAt, agencyName: input.agencyName, updatedBy: input.userId, updatedAt: input.now };
  await tx.insert(draftCommentPeriods).values({ documentId: input.documentId, ...values })
    .onConflictDoUpdate({ target: draftCommentPeriods.documentId, set: values });
  await tx.delete(draftCommentAgents).where(eq(draftCommentAgents.documentId, input.documentId));
  const ids = [...new Set(input.agentUserIds)];
  if (ids.length) await tx.insert(draftCommentAgents).values(ids.map((userId) => ({ documentId: input.documentId, userId })));
}
