import { Hono } from 'hono';
import { and, asc, eq } from 'drizzle-orm';
import { annotations } from '@hopso/db/schema/index';
import { annotationInput, type Annotation } from '@hopso/shared/document';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, requireUser, type AppContext, type AppEnv } from '../http/context.ts';
import { loadDocument } from './access.ts';

type Row = typeof annotations.$inferSelect;
const view = (r: Row): Annotation => ({
  id: r.id, page: r.page, kind: r.kind, rects: r.rects, color: r.color, text: r.text,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

/**
 * An annotation of the caller's own. Someone else's is a 404 whoever asks — administrators included —
 * because private notes are never visible to anyone but their author.
 */
async function ownAnnotation(c: AppContext): Promise<Row> {
  const user = requireUser(c);
  const [row] = await c.var.deps.db.select().from(annotations).where(and(eq(annotations.id, idParam(c, 'annotationId')), eq(annotations.userId, user.id)));
  if (!row) throw new AppError('not_found');
  // The document must still be readable by them (e.g. not uninvited since).
  await loadDocument(c, row.documentId, 'read');
  return row;
}

async function listOwn(c: AppContext, documentId: string, userId: string): Promise<Annotation[]> {
  const rows = await c.var.deps.db.select().from(annotations)
    .where(and(eq(annotations.documentId, documentId), eq(annotations.userId, userId))).orderBy(asc(annotations.page), asc(annotations.createdAt));
  return rows.map(view);
}

/** /api/documents/:documentId/annotations… */
export const documentAnnotationRoutes = new Hono<AppEnv>()
  .get('/:documentId/annotations', async (c) => {
    const { doc, user } = await loadDocument(c, idParam(c, 'documentId'), 'read');
    return c.json({ ok: true as const, annotations: await listOwn(c, doc.id, user.id) });
  })
  .post('/:documentId/annotations', async (c) => {
    const { doc, user } = await loadDocument(c, idParam(c, 'documentId'), 'read');
    if (doc.confidentiality === 'secret') throw new AppError('secret_document');
    const input = await readJson(c, annotationInput);
    const [row] = await c.var.deps.db.insert(annotations).values({ ...input, documentId: doc.id, userId: user.id }).returning();
    return c.json({ ok: true as const, annotation: view(row!) }, 201);
  })
  .get('/:documentId/annotations/export', async (c) => {
    const { doc, user } = await loadDocument(c, idParam(c, 'documentId'), 'read');
    const body = { document: { id: doc.id, title: doc.title }, exportedAt: c.var.deps.now().toISOString(), annotations: await listOwn(c, doc.id, user.id) };
    return c.body(JSON.stringify(body, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="ghi-chu-${doc.id}.json"`,
    });
  });

/** /api/annotations/:annotationId */
export const annotationRoutes = new Hono<AppEnv>()
  .patch('/:annotationId', async (c) => {
    const row = await ownAnnotation(c);
    const input = await readJson(c, annotationInput.partial());
    const [updated] = await c.var.deps.db.update(annotations).set({ ...input, updatedAt: c.var.deps.now() }).where(eq(annotations.id, row.id)).returning();
    return c.json({ ok: true as const, annotation: view(updated!) });
  })
  .delete('/:annotationId', async (c) => {
    const row = await ownAnnotation(c);
    await c.var.deps.db.delete(annotations).where(eq(annotations.id, row.id));
    return c.json({ ok: true as const });
  });
