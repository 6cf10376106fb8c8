import { and, eq } from 'drizzle-orm';
import { draftCommentAgents, draftCommentPeriods, draftComments } from '@hopso/db/schema/index';
import { commentsOpen, type CommentRights } from '@hopso/shared/comments';
import { can, isDelegateRole } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import { idParam, requireUser, type AppContext } from '../http/context.ts';
import { loadDocument } from '../documents/access.ts';
import { currentVersion, type CurrentVersion } from '../documents/service.ts';

export type PeriodRow = typeof draftCommentPeriods.$inferSelect;
export type CommentRow = typeof draftComments.$inferSelect;

/**
 * A document as its comments see it, with what the caller may do. Whoever may read the meeting may ask; a
 * delegate (or the chair) comments while the period is open; the drafting agency's representatives named on
 * the period and the secretariat (document.manage) see every comment and answer; only the secretariat opens
 * the period. Secret documents have no file to comment on.
 */
export async function loadCommentDocument(c: AppContext, documentId: string) {
  const loaded = await loadDocument(c, documentId, 'read');
  const { db, now } = c.var.deps;
  const [period] = await db.select().from(draftCommentPeriods).where(eq(draftCommentPeriods.documentId, documentId));
  const [agent] = period ? await db.select().from(draftCommentAgents)
    .where(and(eq(draftCommentAgents.documentId, documentId), eq(draftCommentAgents.userId, loaded.user.id))) : [];
  const current: CurrentVersion | null = loaded.doc.confidentiality === 'secret' ? null : await currentVersion(db, documentId);
  const secretariat = can('document.manage', loaded.role, loaded.user.isSystemAdmin);
  const open = current !== null && commentsOpen(period ?? null, now());
  const rights: CommentRights = {
    comment: open && isDelegateRole(loaded.role),
    answer: period !== undefined && (secretariat || agent !== undefined),
    manage: secretariat && loaded.doc.confidentiality !== 'secret',
  };
  return { ...loaded, period: period ?? null, current, open, rights };
}
export type CommentDocument = Awaited<ReturnType<typeof loadCommentDocument>>;

/** Why a comment cannot be added or changed now, as the refusal the caller reads. */
export function checkWritable(d: CommentDocument): void {
  if (d.doc.confidentiality === 'secret') throw new AppError('secret_document');
  if (!d.period || !d.current) throw new AppError('comments_not_open');
  if (!d.open) throw new AppError('comments_closed');
}

/**
 * The comment named by `:commentId` with its document. A delegate reaches only their own comments; the agency
 * and the secretariat reach any; others get a 404, as for a comment that does not exist.
 */
export async function loadComment(c: AppContext, need: 'own' | 'answer') {
  requireUser(c);
  const [comment] = await c.var.deps.db.select().from(draftComments).where(eq(draftComments.id, idParam(c, 'commentId')));
  if (!comment) throw new AppError('not_found');
  const d = await loadCommentDocument(c, comment.documentId);
  const mine = comment.authorId === d.user.id;
  if (need === 'own' && !mine) throw new AppError(d.rights.answer ? 'forbidden' : 'not_found');
  if (need === 'answer' && !d.rights.answer) throw new AppError(mine ? 'forbidden' : 'not_found');
  return { comment, d };
}
