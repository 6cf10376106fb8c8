import { Hono } from 'hono';
import { and, eq, isNull } from 'drizzle-orm';
import { blobs, supervisionDocuments, supervisionRecommendations, supervisionSchedule, supervisionTopics } from '@hopso/db/schema/index';
import {
  createTopicRequest, followUpQuery, publishBlockers, recommendationRequest, scheduleEntryRequest, supervisionUploadQuery,
  updateRecommendationRequest, updateSupervisionDocumentRequest, updateTopicRequest, vietnamToday,
} from '@hopso/shared/supervision';
import type { AuditEntryInput } from '@hopso/shared/audit';
import type { FieldErrors } from '@hopso/shared/errors';
import { AppError, fieldError } from '../http/errors.ts';
import { sendPdf } from '../http/download.ts';
import { idParam, readJson, readQuery, type AppContext, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { appendAudit } from '../audit/log.ts';
import { filenameOf, receivePdf } from '../documents/routes.ts';
import { loadTopic } from './access.ts';
import { checkDelegation, childOf, followUpList, listTopics, nextPosition, setDelegation, topicView, type TopicRow } from './service.ts';

// /api/councils/:councilId/supervision… and /api/supervision/:topicId… — supervision topics (giám sát chuyên
// đề) for the secretariat: reading needs supervision.read, every change supervision.manage, and every change
// is audited in its own transaction.

/** Runs a change and its audit entry in one transaction, touching the topic's `updatedAt`. */
function change<T>(c: AppContext, topic: TopicRow, entry: Omit<AuditEntryInput, 'councilId'>, work: (tx: AppContext['var']['deps']['db']) => Promise<T>): Promise<T> {
  const { db, now } = c.var.deps;
  return db.transaction(async (tx) => {
    const result = await work(tx);
    await tx.update(supervisionTopics).set({ updatedAt: now() }).where(eq(supervisionTopics.id, topic.id));
    await appendAudit(tx, { councilId: topic.councilId, targetType: 'supervision', targetId: topic.id, ...entry });
    return result;
  });
}

/** The answer to every change: the topic as it now is. */
async function viewOf(c: AppContext, topicId: string, today: string, status: 200 | 201 = 200) {
  const [row] = await c.var.deps.db.select().from(supervisionTopics).where(eq(supervisionTopics.id, topicId));
  if (!row) throw new AppError('not_found');
  return c.json({ ok: true as const, topic: await topicView(c.var.deps.db, row, today) }, status);
}

const blockerMessages: Record<ReturnType<typeof publishBlockers>[number], FieldErrors> = {
  already_published: fieldError('publishedAt', 'Kết quả giám sát đã được công bố.', 'The results are already published.'),
  not_done: fieldError('status', 'Chỉ công bố khi đã có báo cáo kết quả giám sát (trạng thái hoàn thành).', 'Publish once the report is issued (status done).'),
  no_findings: fieldError('findings', 'Nhập kết quả giám sát trước khi công bố.', 'Enter the findings before publishing.'),
};

export const councilSupervisionRoutes = new Hono<AppEnv>()
  .get('/:councilId/supervision', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'supervision.read', councilId);
    return c.json({ ok: true as const, topics: await listTopics(c.var.deps.db, councilId, vietnamToday(c.var.deps.now())) });
  })
  .get('/:councilId/supervision/follow-up', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'supervision.read', councilId);
    const { status } = readQuery(c, followUpQuery);
    return c.json({ ok: true as const, recommendations: await followUpList(c.var.deps.db, councilId, vietnamToday(c.var.deps.now()), status) });
  })
  .post('/:councilId/supervision', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'supervision.manage', councilId);
    const { members: delegation, ...plan } = await readJson(c, createTopicRequest);
    const { db, now } = c.var.deps;
    await checkDelegation(db, councilId, delegation);
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(supervisionTopics).values({ councilId, ...plan, createdBy: user.id, createdAt: now(), updatedAt: now() }).returning({ id: supervisionTopics.id });
      await setDelegation(tx, row!.id, delegation);
      await appendAudit(tx, { action: 'supervision.created', councilId, targetType: 'supervision', targetId: row!.id, details: { title: plan.title, periodFrom: plan.periodFrom, periodTo: plan.periodTo, members: delegation.length } });
      return row!.id;
    });
    c.var.log.info('supervision topic created', { topicId: id, councilId, userId: user.id });
    const [row] = await db.select().from(supervisionTopics).where(eq(supervisionTopics.id, id));
    return c.json({ ok: true as const, topic: await topicView(db, row!, vietnamToday(now())) }, 201);
  });

export const supervisionRoutes = new Hono<AppEnv>()
  .get('/:topicId', async (c) => {
    const { topic, today } = await loadTopic(c, 'read');
    return c.json({ ok: true as const, topic: await topicView(c.var.deps.db, topic, today) });
  })
  .patch('/:topicId', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const { members: delegation, ...input } = await readJson(c, updateTopicRequest);
    if ((input.periodFrom ?? topic.periodFrom) > (input.periodTo ?? topic.periodTo)) {
      throw new AppError('validation', { fields: fieldError('periodTo', 'Ngày kết thúc phải sau ngày bắt đầu.', 'The end date must be after the start date.') });
    }
    // Published results stay a finished report with findings; the follow-up goes on through the recommendations.
    if (topic.publishedAt && input.status !== undefined && input.status !== 'done') throw new AppError('supervision_state', { fields: blockerMessages.not_done });
    if (topic.publishedAt && input.findings !== undefined && input.findings === '') throw new AppError('supervision_state', { fields: blockerMessages.no_findings });
    if (delegation) await checkDelegation(c.var.deps.db, topic.councilId, delegation);
    const status = input.status ?? topic.status;
    const doneOn = status === 'done' ? input.doneOn ?? topic.doneOn ?? today : null;
    await change(c, topic, { action: 'supervision.updated', details: { changed: [...Object.keys(input), ...(delegation ? ['members'] : [])], status, doneOn } }, async (tx) => {
      await tx.update(supervisionTopics).set({ ...input, doneOn }).where(eq(supervisionTopics.id, topic.id));
      if (delegation) await setDelegation(tx, topic.id, delegation);
    });
    return viewOf(c, topic.id, today);
  })
  .delete('/:topicId', async (c) => {
    const { topic } = await loadTopic(c, 'manage');
    const { db } = c.var.deps;
    // Published results are part of the public record: they are never taken down by deleting the topic.
    const deleted = await db.transaction(async (tx) => {
      const rows = await tx.delete(supervisionTopics).where(and(eq(supervisionTopics.id, topic.id), isNull(supervisionTopics.publishedAt))).returning({ id: supervisionTopics.id });
      if (rows.length) await appendAudit(tx, { action: 'supervision.deleted', councilId: topic.councilId, targetType: 'supervision', targetId: topic.id, details: { title: topic.title } });
      return rows.length > 0;
    });
    if (!deleted) throw new AppError('supervision_state', { fields: blockerMessages.already_published });
    return c.json({ ok: true as const });
  })
  .post('/:topicId/publish', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const [first] = publishBlockers({ status: topic.status, findings: topic.findings, publishedAt: topic.publishedAt?.toISOString() ?? null });
    if (first) throw new AppError('supervision_state', { fields: blockerMessages[first] });
    const published = await change(c, topic, { action: 'supervision.published', details: { title: topic.title, doneOn: topic.doneOn } }, async (tx) =>
      (await tx.update(supervisionTopics).set({ publishedAt: c.var.deps.now() }).where(and(eq(supervisionTopics.id, topic.id), isNull(supervisionTopics.publishedAt))).returning({ id: supervisionTopics.id })).length);
    if (!published) throw new AppError('supervision_state', { fields: blockerMessages.already_published });
    c.var.log.info('supervision results published', { topicId: topic.id });
    return viewOf(c, topic.id, today);
  })
  .post('/:topicId/schedule', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const input = await readJson(c, scheduleEntryRequest);
    await change(c, topic, { action: 'supervision.schedule', details: { added: input } }, (tx) =>
      tx.insert(supervisionSchedule).values({ topicId: topic.id, ...input, startsAt: new Date(input.startsAt) }));
    return viewOf(c, topic.id, today);
  })
  .delete('/:topicId/schedule/:entryId', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const entry = await childOf(c.var.deps.db, supervisionSchedule, topic.id, idParam(c, 'entryId'));
    await change(c, topic, { action: 'supervision.schedule', details: { removed: entry.id, subject: entry.subject } }, (tx) =>
      tx.delete(supervisionSchedule).where(eq(supervisionSchedule.id, entry.id)));
    return viewOf(c, topic.id, today);
  })
  .post('/:topicId/documents', async (c) => {
    const { topic, user, today } = await loadTopic(c, 'manage');
    const meta = readQuery(c, supervisionUploadQuery);
    const pdf = await receivePdf(c);
    const filename = filenameOf(c, meta.title);
    await change(c, topic, { action: 'supervision.document', details: { added: meta.title, kind: meta.kind, public: meta.public, sha256: pdf.sha256, bytes: pdf.bytes } }, async (tx) => {
      await tx.insert(blobs).values(pdf).onConflictDoNothing();
      await tx.insert(supervisionDocuments).values({ topicId: topic.id, title: meta.title, kind: meta.kind, public: meta.public, sha256: pdf.sha256, filename, uploadedBy: user.id, uploadedAt: c.var.deps.now() });
    });
    c.var.log.info('supervision document uploaded', { topicId: topic.id, bytes: pdf.bytes, pages: pdf.pageCount });
    return viewOf(c, topic.id, today, 201);
  })
  .get('/:topicId/documents/:documentId/file', async (c) => {
    const { topic } = await loadTopic(c, 'read');
    const doc = await childOf(c.var.deps.db, supervisionDocuments, topic.id, idParam(c, 'documentId'));
    return sendPdf(c, await c.var.deps.blobs.read(doc.sha256), { name: doc.filename, etag: doc.sha256 });
  })
  .patch('/:topicId/documents/:documentId', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const doc = await childOf(c.var.deps.db, supervisionDocuments, topic.id, idParam(c, 'documentId'));
    const input = await readJson(c, updateSupervisionDocumentRequest);
    await change(c, topic, { action: 'supervision.document', details: { updated: doc.id, ...input } }, (tx) =>
      tx.update(supervisionDocuments).set(input).where(eq(supervisionDocuments.id, doc.id)));
    return viewOf(c, topic.id, today);
  })
  .delete('/:topicId/documents/:documentId', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const doc = await childOf(c.var.deps.db, supervisionDocuments, topic.id, idParam(c, 'documentId'));
    // The blob stays: another document or an archive may share the same bytes.
    await change(c, topic, { action: 'supervision.document', details: { removed: doc.id, title: doc.title, sha256: doc.sha256 } }, (tx) =>
      tx.delete(supervisionDocuments).where(eq(supervisionDocuments.id, doc.id)));
    return viewOf(c, topic.id, today);
  })
  .post('/:topicId/recommendations', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const input = await readJson(c, recommendationRequest);
    await change(c, topic, { action: 'supervision.recommendation', details: { added: input.content.slice(0, 200), addressee: input.addressee, dueOn: input.dueOn } }, async (tx) =>
      tx.insert(supervisionRecommendations).values({ topicId: topic.id, position: await nextPosition(tx, topic.id), ...input, updatedAt: c.var.deps.now() }));
    return viewOf(c, topic.id, today, 201);
  })
  .patch('/:topicId/recommendations/:recommendationId', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const rec = await childOf(c.var.deps.db, supervisionRecommendations, topic.id, idParam(c, 'recommendationId'));
    const input = await readJson(c, updateRecommendationRequest);
    const status = input.status ?? rec.status;
    const doneOn = status === 'done' ? input.doneOn ?? rec.doneOn ?? today : null;
    await change(c, topic, { action: 'supervision.recommendation', details: { updated: rec.id, changed: Object.keys(input), status, doneOn } }, (tx) =>
      tx.update(supervisionRecommendations).set({ ...input, doneOn, updatedAt: c.var.deps.now() }).where(eq(supervisionRecommendations.id, rec.id)));
    return viewOf(c, topic.id, today);
  })
  .delete('/:topicId/recommendations/:recommendationId', async (c) => {
    const { topic, today } = await loadTopic(c, 'manage');
    const rec = await childOf(c.var.deps.db, supervisionRecommendations, topic.id, idParam(c, 'recommendationId'));
    await change(c, topic, { action: 'supervision.recommendation', details: { removed: rec.id, content: rec.content.slice(0, 200) } }, (tx) =>
      tx.delete(supervisionRecommendations).where(eq(supervisionRecommendations.id, rec.id)));
    return viewOf(c, topic.id, today);
  });
