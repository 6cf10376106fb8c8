import { Hono } from 'hono';
import { and, eq, isNull } from 'drizzle-orm';
import { draftComments } from '@hopso/db/schema/index';
import { addCommentRequest, answerCommentRequest, commentSettingsRequest, updateCommentRequest, type CommentsView } from '@hopso/shared/comments';
import { AppError, fieldError } from '../http/errors.ts';
import { idParam, readJson, type AppContext, type AppEnv } from '../http/context.ts';
import { appendAudit, audited } from '../audit/log.ts';
import { fileAccess } from '../documents/file-access.ts';
import { listDocuments } from '../documents/service.ts';
import { checkWritable, loadComment, loadCommentDocument, type CommentDocument, type CommentRow } from './access.ts';
import { checkAgents, commentView, listComments, savePeriod, settingsView } from './service.ts';
import { generateSummary } from './summary.ts';

// /api/documents/:documentId/comment… and /api/draft-comments/:commentId… — comments on drafts (góp ý dự
// thảo): delegates comment while the period is open, the drafting agency and the secretariat answer and make
// the summary table. Every change is audited in its own transaction (access.ts says who may do what).

const entry = (d: CommentDocument, action: 'comment.added' | 'comment.updated' | 'comment.withdrawn' | 'comment.answered' | 'comment.periodChanged', targetId: string, details: Record<string, unknown>) =>
  ({ action, councilId: d.meeting.councilId, meetingId: d.meeting.id, targetType: action === 'comment.periodChanged' ? 'document' : 'comment', targetId, details: { documentId: d.doc.id, ...details } });

async function commentsView(c: AppContext, d: CommentDocument): Promise<CommentsView> {
  const all = d.rights.answer;
  const comments = await listComments(c.var.deps.db, d.doc.id, d.user.id, all);
  return {
    ok: true, settings: await settingsView(c.var.deps.db, d.period), currentVersion: d.current?.version ?? 0, open: d.open, rights: d.rights,
    comments: comments.map(({ authorId: _, ...rest }) => rest),
  };
}

/** Open "Góp ý" panels on the meeting's tablets read the comments again, each as its reader may see them. */
function notifyChanged(c: AppContext, d: CommentDocument): void {
  c.var.deps.notifyComments(d.meeting.id, d.doc.id);
}

/** A comment written on a version since replaced cannot change: its anchor points into a text that is gone. */
function checkCurrent(d: CommentDocument, comment: CommentRow): void {
  if (comment.withdrawnAt || comment.answeredAt) throw new AppError('comment_state');
  if (comment.version !== d.current?.version) throw new AppError('comment_outdated');
}

export const documentCommentRoutes = new Hono<AppEnv>()
  .get('/:documentId/comments', async (c) => c.json(await commentsView(c, await loadCommentDocument(c, idParam(c, 'documentId')))))
  .put('/:documentId/comment-period', async (c) => {
    const d = await loadCommentDocument(c, idParam(c, 'documentId'));
    if (!d.canManageDocuments) throw new AppError('forbidden');
    if (!d.rights.manage) throw new AppError('secret_document');
    const input = await readJson(c, commentSettingsRequest);
    const { db, now } = c.var.deps;
    await checkAgents(db, d.meeting.councilId, d.meeting.id, input.agentUserIds);
    await audited(db, (tx) => savePeriod(tx, { documentId: d.doc.id, closesAt: new Date(input.closesAt), agencyName: input.agencyName, agentUserIds: input.agentUserIds, userId: d.user.id, now: now() }),
      entry(d, 'comment.periodChanged', d.doc.id, { closesAt: input.closesAt, agencyName: input.agencyName, agents: input.agentUserIds, opened: d.period === null }));
    notifyChanged(c, d);
    return c.json(await commentsView(c, await loadCommentDocument(c, d.doc.id)));
  })
  .post('/:documentId/comments', async (c) => {
    const d = await loadCommentDocument(c, idParam(c, 'documentId'));
    checkWritable(d);
    if (!d.rights.comment) throw new AppError('forbidden');
    const input = await readJson(c, addCommentRequest);
    if (input.version !== undefined && input.version !== d.current!.version) throw new AppError('comment_outdated');
    if (input.page > d.current!.pageCount) {
      throw new AppError('validation', { fields: fieldError('page', `Tài liệu chỉ có ${d.current!.pageCount} trang.`, `The document has ${d.current!.pageCount} pages.`) });
    }
    const { version: _, ...anchor } = input;
    const { db, now } = c.var.deps;
    const [row] = await audited(db, (tx) => tx.insert(draftComments).values({ documentId: d.doc.id, version: d.current!.version, ...anchor, authorId: d.user.id, createdAt: now(), updatedAt: now() }).returning(),
      (rows) => entry(d, 'comment.added', rows[0]!.id, { version: d.current!.version, page: input.page, section: input.section, text: input.text.slice(0, 500) }));
    c.var.log.info('draft comment added', { documentId: d.doc.id, commentId: row!.id, userId: d.user.id });
    notifyChanged(c, d);
    return c.json({ ok: true as const, comment: await commentView(db, row!.id, d.user.id) }, 201);
  })
  .post('/:documentId/comment-summary', async (c) => {
    const d = await loadCommentDocument(c, idParam(c, 'documentId'));
    if (!d.rights.answer) throw new AppError(d.period ? 'forbidden' : 'comments_not_open');
    const made = await generateSummary(c.var.deps, d);
    fileAccess(c.var.deps).forgetDocument(made.documentId);
    c.var.deps.notifyMeeting(d.meeting.id);
    notifyChanged(c, d);
    c.var.log.info('comment summary generated', { documentId: d.doc.id, summaryDocumentId: made.documentId, comments: made.comments });
    const [document] = await listDocuments(c.var.deps.db, d.meeting, d.user.id, made.documentId);
    return c.json({ ok: true as const, document: document! }, made.replaced ? 200 : 201);
  });

export const draftCommentRoutes = new Hono<AppEnv>()
  .patch('/:commentId', async (c) => {
    const { comment, d } = await loadComment(c, 'own');
    checkWritable(d);
    checkCurrent(d, comment);
    const input = await readJson(c, updateCommentRequest);
    if (input.page !== undefined && input.page > d.current!.pageCount) {
      throw new AppError('validation', { fields: fieldError('page', `Tài liệu chỉ có ${d.current!.pageCount} trang.`, `The document has ${d.current!.pageCount} pages.`) });
    }
    const { db, now } = c.var.deps;
    const changed = await audited(db, async (tx) => (await tx.update(draftComments).set({ ...input, updatedAt: now() })
      .where(and(eq(draftComments.id, comment.id), isNull(draftComments.withdrawnAt), isNull(draftComments.answeredAt))).returning({ id: draftComments.id })).length,
    (n) => (n ? entry(d, 'comment.updated', comment.id, { changed: Object.keys(input), ...(input.text ? { text: input.text.slice(0, 500) } : {}) }) : []));
    if (!changed) throw new AppError('comment_state');
    notifyChanged(c, d);
    return c.json({ ok: true as const, comment: await commentView(db, comment.id, d.user.id) });
  })
  .delete('/:commentId', async (c) => {
    const { comment, d } = await loadComment(c, 'own');
    checkWritable(d);
    if (comment.withdrawnAt || comment.answeredAt) throw new AppError('comment_state');
    const { db, now } = c.var.deps;
    // Withdrawn, not deleted: the audit log names it, and it leaves every list and the summary table.
    const changed = await audited(db, async (tx) => (await tx.update(draftComments).set({ withdrawnAt: now(), updatedAt: now() })
      .where(and(eq(draftComments.id, comment.id), isNull(draftComments.withdrawnAt), isNull(draftComments.answeredAt))).returning({ id: draftComments.id })).length,
    (n) => (n ? entry(d, 'comment.withdrawn', comment.id, { version: comment.version, page: comment.page }) : []));
    if (!changed) throw new AppError('comment_state');
    notifyChanged(c, d);
    return c.json({ ok: true as const });
  })
  .put('/:commentId/answer', async (c) => {
    const { comment, d } = await loadComment(c, 'answer');
    if (comment.withdrawnAt) throw new AppError('comment_state');
    const input = await readJson(c, answerCommentRequest);
    const { db, now } = c.var.deps;
    await db.transaction(async (tx) => {
      const rows = await tx.update(draftComments).set({ answerKind: input.kind, answerText: input.text, answeredBy: d.user.id, answeredAt: now() })
        .where(and(eq(draftComments.id, comment.id), isNull(draftComments.withdrawnAt))).returning({ id: draftComments.id });
      if (!rows.length) throw new AppError('comment_state');
      await appendAudit(tx, entry(d, 'comment.answered', comment.id, { kind: input.kind, text: input.text.slice(0, 500), again: comment.answeredAt !== null }));
    });
    notifyChanged(c, d);
    return c.json({ ok: true as const, comment: await commentView(db, comment.id, d.user.id) });
  });
