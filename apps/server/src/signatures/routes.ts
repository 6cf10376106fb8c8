import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { PDFDocument } from 'pdf-lib';
import { and, asc, eq } from 'drizzle-orm';
import { signatureImages, trustAnchors } from '@hopso/db/schema/index';
import { addTrustAnchorRequest, signatureImageRequest } from '@hopso/shared/resolution';
import { AppError, fieldError } from '../http/errors.ts';
import { idParam, readJson, type AppContext, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { addTrustAnchor, parseTrustAnchor, trustAnchorView } from './trust.ts';
import { audited } from '../audit/log.ts';

const pngMagic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether pdf-lib can draw the image: a PNG that only starts right would break every later signing with it. */
async function drawablePng(bytes: Buffer): Promise<boolean> {
  if (!bytes.subarray(0, 8).equals(pngMagic)) return false;
  try {
    await (await PDFDocument.create()).embedPng(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Stores a PNG for the visible signature; anything that is not a PNG pdf-lib can draw is a field error. */
async function putImage(c: AppContext, councilId: string, kind: 'signature' | 'seal', ownerId: string) {
  const { png } = await readJson(c, signatureImageRequest);
  if (!(await drawablePng(Buffer.from(png, 'base64')))) {
    throw new AppError('validation', { fields: fieldError('png', 'Ảnh phải là tệp PNG (nền trong suốt).', 'The image must be a PNG file (transparent background).') });
  }
  const now = c.var.deps.now();
  // The image's hash, not the image: enough to prove later which image a signature was drawn with.
  await audited(c.var.deps.db, (tx) => tx.insert(signatureImages).values({ councilId, kind, ownerId, png, updatedAt: now })
    .onConflictDoUpdate({ target: [signatureImages.councilId, signatureImages.kind, signatureImages.ownerId], set: { png, updatedAt: now } }),
  { action: 'signatureImage.changed', councilId, targetType: kind, targetId: ownerId, details: { kind, sha256: createHash('sha256').update(Buffer.from(png, 'base64')).digest('hex') } });
  return c.json({ ok: true as const });
}

/** /api/councils/:councilId/… — the trust store and the images of the visible signature. */
export const councilSignatureRoutes = new Hono<AppEnv>()
  .get('/:councilId/trust-anchors', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'trust.manage', councilId);
    const rows = await c.var.deps.db.select().from(trustAnchors).where(eq(trustAnchors.councilId, councilId)).orderBy(asc(trustAnchors.kind), asc(trustAnchors.addedAt));
    return c.json({ ok: true as const, anchors: rows.map(trustAnchorView) });
  })
  .post('/:councilId/trust-anchors', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'trust.manage', councilId);
    const input = await readJson(c, addTrustAnchorRequest);
    const row = await audited(c.var.deps.db, (tx) => addTrustAnchor(tx, councilId, parseTrustAnchor(input.kind, input.data), user.id),
      (r) => ({ action: 'trust.changed', councilId, targetType: 'trustAnchor', targetId: r.id, details: { change: 'added', kind: r.kind, subject: r.subject, fingerprint: r.fingerprint } }));
    c.var.log.info('trust anchor added', { councilId, kind: row.kind, fingerprint: row.fingerprint, userId: user.id });
    return c.json({ ok: true as const, anchor: trustAnchorView(row) }, 201);
  })
  .get('/:councilId/signature-images', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'resolution.read', councilId);
    const rows = await c.var.deps.db.select({ kind: signatureImages.kind, ownerId: signatureImages.ownerId }).from(signatureImages).where(eq(signatureImages.councilId, councilId));
    return c.json({
      ok: true as const,
      seal: rows.some((r) => r.kind === 'seal'),
      mine: rows.some((r) => r.kind === 'signature' && r.ownerId === user.id),
    });
  })
  .put('/:councilId/signature-images/seal', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'resolution.manage', councilId);
    return putImage(c, councilId, 'seal', councilId);
  })
  .put('/:councilId/signature-images/mine', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'resolution.read', councilId);
    return putImage(c, councilId, 'signature', user.id);
  });

/** /api/trust-anchors/:anchorId */
export const trustAnchorRoutes = new Hono<AppEnv>()
  .delete('/:anchorId', async (c) => {
    const anchorId = idParam(c, 'anchorId');
    const [row] = await c.var.deps.db.select({ councilId: trustAnchors.councilId, kind: trustAnchors.kind, subject: trustAnchors.subject, fingerprint: trustAnchors.fingerprint }).from(trustAnchors).where(eq(trustAnchors.id, anchorId));
    if (!row) throw new AppError(c.get('user') ? 'not_found' : 'unauthenticated');
    const { user } = await authorizeCouncil(c, 'trust.manage', row.councilId);
    await audited(c.var.deps.db, (tx) => tx.delete(trustAnchors).where(and(eq(trustAnchors.id, anchorId), eq(trustAnchors.councilId, row.councilId))).returning({ id: trustAnchors.id }),
      (gone) => (gone.length ? { action: 'trust.changed', councilId: row.councilId, targetType: 'trustAnchor', targetId: anchorId, details: { change: 'removed', kind: row.kind, subject: row.subject, fingerprint: row.fingerprint } } : []));
    c.var.log.info('trust anchor removed', { councilId: row.councilId, anchorId, userId: user.id });
    return c.json({ ok: true as const });
  });
