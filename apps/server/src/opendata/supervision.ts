import { Hono } from 'hono';
import { publicListQuery } from '@hopso/shared/portal';
import { vietnamToday } from '@hopso/shared/supervision';
import { AppError } from '../http/errors.ts';
import { sendPdf } from '../http/download.ts';
import { idParam, readQuery, type AppEnv } from '../http/context.ts';
import { publishedSupervisionDocument, publishedTopic, publishedTopics } from '../supervision/published.ts';
import { cache, councilOf, sendCsv } from './routes.ts';

// /api/public/… open data of published supervision results (issue 8 items 3 and 5): JSON, CSV of the topics
// and of every recommendation with its follow-up, and the public documents. Publication: supervision/published.ts.

const topicColumns = ['id', 'councilId', 'title', 'scope', 'periodFrom', 'periodTo', 'doneOn', 'publishedAt', 'findings', 'delegation', 'recommendations', 'recommendationsDone', 'recommendationsOverdue'];
const recommendationColumns = ['topicId', 'topicTitle', 'id', 'content', 'addressee', 'dueOn', 'followUp', 'doneOn', 'progress'];

export const supervisionOpenDataRoutes = new Hono<AppEnv>()
  .get('/councils/:councilId/supervision', async (c) => {
    const council = await councilOf(c);
    return c.json({ ok: true as const, topics: await publishedTopics(c.var.deps.db, council.id, vietnamToday(c.var.deps.now()), readQuery(c, publicListQuery)) }, 200, cache);
  })
  .get('/councils/:councilId/supervision.csv', async (c) => {
    const council = await councilOf(c);
    const topics = await publishedTopics(c.var.deps.db, council.id, vietnamToday(c.var.deps.now()), readQuery(c, publicListQuery));
    return sendCsv(c, `supervision-${council.slug}`, topics.map((t) => ({
      ...t, delegation: t.delegation.map((m) => m.fullName).join('; '), recommendations: t.recommendations.length,
      recommendationsDone: t.recommendations.filter((r) => r.followUp === 'done').length, recommendationsOverdue: t.recommendations.filter((r) => r.followUp === 'overdue').length,
    })), topicColumns);
  })
  .get('/councils/:councilId/supervision-recommendations.csv', async (c) => {
    const council = await councilOf(c);
    const topics = await publishedTopics(c.var.deps.db, council.id, vietnamToday(c.var.deps.now()), readQuery(c, publicListQuery));
    return sendCsv(c, `supervision-recommendations-${council.slug}`, topics.flatMap((t) => t.recommendations.map((r) => ({ topicId: t.id, topicTitle: t.title, ...r }))), recommendationColumns);
  })
  .get('/supervision/:topicId', async (c) => {
    const topic = await publishedTopic(c.var.deps.db, null, idParam(c, 'topicId'), vietnamToday(c.var.deps.now()));
    if (!topic) throw new AppError('not_found');
    return c.json({ ok: true as const, topic }, 200, cache);
  })
  .get('/supervision-documents/:documentId/file', async (c) => {
    const doc = await publishedSupervisionDocument(c.var.deps.db, idParam(c, 'documentId'));
    if (!doc) throw new AppError('not_found');
    return sendPdf(c, await c.var.deps.blobs.read(doc.sha256), { name: doc.filename, disposition: 'inline', etag: doc.sha256, headers: cache });
  });
