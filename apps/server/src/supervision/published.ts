import { and, desc, eq, ilike, isNotNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { supervisionDocuments, supervisionTopics } from '@hopso/db/schema/index';
import type { PublicSupervisionTopic } from '@hopso/shared/supervision';
import { likePattern } from '../portal/queries.ts';
import { topicView, type TopicRow } from './service.ts';

// What the portal and the open data show of supervision: published topics only (`published_at` set), their
// delegation by name and role, findings, recommendations with follow-up, and the documents marked public.
// The one place that rule lives, as portal/queries.ts is for meetings, documents and resolutions.

const isPublished = isNotNull(supervisionTopics.publishedAt);

/** The public view of a published topic row. */
async function publicView(db: Db, row: TopicRow, today: string): Promise<PublicSupervisionTopic> {
  const t = await topicView(db, row, today);
  return {
    id: t.id, councilId: t.councilId, title: t.title, scope: t.scope, periodFrom: t.periodFrom, periodTo: t.periodTo,
    doneOn: t.doneOn, publishedAt: t.publishedAt!, findings: t.findings,
    delegation: t.members.map((m) => ({ fullName: m.fullName, role: m.role })),
    recommendations: t.recommendations.map((r) => ({ id: r.id, content: r.content, addressee: r.addressee, dueOn: r.dueOn, followUp: r.followUp, progress: r.progress, doneOn: r.doneOn })),
    documents: t.documents.filter((d) => d.public).map((d) => ({
      id: d.id, title: d.title, kind: d.kind, filename: d.filename, sha256: d.sha256, bytes: d.bytes, pageCount: d.pageCount,
      fileUrl: `/api/public/supervision-documents/${d.id}/file`,
    })),
  };
}

/** A council's published topics, newest first; `q` matches the title, scope or findings. */
export async function publishedTopics(db: Db, councilId: string, today: string, options: { q?: string; limit?: number; offset?: number } = {}): Promise<PublicSupervisionTopic[]> {
  const where: SQL[] = [eq(supervisionTopics.councilId, councilId), isPublished];
  if (options.q) {
    const p = likePattern(options.q);
    where.push(or(ilike(supervisionTopics.title, p), ilike(supervisionTopics.scope, p), ilike(supervisionTopics.findings, p))!);
  }
  const rows = await db.select().from(supervisionTopics).where(and(...where))
    .orderBy(desc(supervisionTopics.publishedAt)).limit(options.limit ?? 100).offset(options.offset ?? 0);
  return Promise.all(rows.map((r) => publicView(db, r, today)));
}

/** A published topic by id; with `councilId`, only one of that council (a portal URL names the council). */
export async function publishedTopic(db: Db, councilId: string | null, id: string, today: string): Promise<PublicSupervisionTopic | null> {
  const [row] = await db.select().from(supervisionTopics).where(and(eq(supervisionTopics.id, id), councilId ? eq(supervisionTopics.councilId, councilId) : undefined, isPublished));
  return row ? publicView(db, row, today) : null;
}

/** A public document of a published topic, by id alone (its file link). */
export async function publishedSupervisionDocument(db: Db, id: string): Promise<{ sha256: string; filename: string } | null> {
  const [row] = await db.select({ sha256: supervisionDocuments.sha256, filename: supervisionDocuments.filename }).from(supervisionDocuments)
    .innerJoin(supervisionTopics, eq(supervisionTopics.id, supervisionDocuments.topicId))
    .where(and(eq(supervisionDocuments.id, id), eq(supervisionDocuments.public, true), isPublished));
  return row ?? null;
}
