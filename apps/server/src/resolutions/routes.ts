import { Hono } from 'hono';
import { and, eq, isNotNull } from 'drizzle-orm';
import { meetings, polls, resolutions } from '@hopso/db/schema/index';
import { completeSigningRequest, createResolutionRequest, resolutionSearchQuery, startSigningRequest } from '@hopso/shared/resolution';
import { AppError } from '../http/errors.ts';
import { sendPdf } from '../http/download.ts';
import { idParam, readQuery, readJson, requireUser, type AppContext, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { loadResolution } from './access.ts';
import { completeSigning, resolutionSigner, resolutionSigning, resolutionTarget, startSigning } from './signing.ts';
import { minutesSigning } from '../minutes/signing.ts';
import { consultationSigning } from '../consultations/signing.ts';
import { candidatePolls, createResolution, currentSha256, resolutionView, resolutionViews, searchResolutions, type ResolutionRow } from './service.ts';
import { audited } from '../audit/log.ts';

/** Sends a resolution's current file; the name is its number, made safe for a file name. */
async function sendResolutionFile(c: AppContext, row: ResolutionRow) {
  const sha256 = currentSha256(row);
  return sendPdf(c, await c.var.deps.blobs.read(sha256), { name: `${row.code.replace(/\//g, '-')}.pdf`, etag: sha256 });
}

/** /api/polls/:pollId/resolution — the secretariat numbers an adopted draft. */
export const pollResolutionRoutes = new Hono<AppEnv>()
  .post('/:pollId/resolution', async (c) => {
    const pollId = idParam(c, 'pollId');
    const { db } = c.var.deps;
    const [found] = await db.select({ poll: polls, councilId: meetings.councilId }).from(polls).innerJoin(meetings, eq(meetings.id, polls.meetingId)).where(eq(polls.id, pollId));
    if (!found) throw new AppError(c.get('user') ? 'not_found' : 'unauthenticated');
    const { user } = await authorizeCouncil(c, 'resolution.manage', found.councilId);
    const input = await readJson(c, createResolutionRequest);
    const id = await createResolution(db, { ...input, poll: found.poll, councilId: found.councilId, userId: user.id, now: c.var.deps.now() });
    const [row] = await db.select().from(resolutions).where(eq(resolutions.id, id));
    c.var.log.info('resolution created', { resolutionId: id, code: row!.code, pollId, userId: user.id });
    return c.json({ ok: true as const, resolution: await resolutionView(db, row!, user.id) }, 201);
  });

/** /api/councils/:councilId/resolutions… — the council's archive and what is waiting to be numbered. */
export const councilResolutionRoutes = new Hono<AppEnv>()
  .get('/:councilId/resolutions', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'resolution.read', councilId);
    const rows = await searchResolutions(c.var.deps.db, councilId, readQuery(c, resolutionSearchQuery));
    return c.json({ ok: true as const, resolutions: await resolutionViews(c.var.deps.db, rows, user.id) });
  })
  .get('/:councilId/resolution-candidates', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'resolution.manage', councilId);
    return c.json({ ok: true as const, polls: await candidatePolls(c.var.deps.db, councilId) });
  });

/** /api/resolutions/:id… */
export const resolutionRoutes = new Hono<AppEnv>()
  .get('/:resolutionId', async (c) => {
    const { row, userId } = await loadResolution(c, idParam(c, 'resolutionId'), 'read');
    return c.json({ ok: true as const, resolution: await resolutionView(c.var.deps.db, row, userId) });
  })
  .get('/:resolutionId/file', async (c) => {
    const { row } = await loadResolution(c, idParam(c, 'resolutionId'), 'read');
    return sendResolutionFile(c, row);
  })
  .post('/:resolutionId/signing', async (c) => {
    const { row, userId } = await loadResolution(c, idParam(c, 'resolutionId'), 'sign');
    const { certificates } = await readJson(c, startSigningRequest);
    const session = await startSigning(c.var.deps, resolutionTarget(row), userId, certificates, await resolutionSigner(c.var.deps, row, userId));
    c.var.log.info('signing started', { resolutionId: row.id, sessionId: session.sessionId, userId });
    return c.json({ ok: true as const, session }, 201);
  })
  .post('/:resolutionId/publish', async (c) => {
    const { row, userId } = await loadResolution(c, idParam(c, 'resolutionId'), 'manage');
    if (row.status !== 'sealed') throw new AppError('resolution_state');
    const [updated] = await audited(c.var.deps.db, (tx) => tx.update(resolutions).set({ status: 'published', publishedAt: c.var.deps.now() })
      .where(and(eq(resolutions.id, row.id), eq(resolutions.status, 'sealed'))).returning(),
      (r) => (r.length ? { action: 'resolution.published', actorId: userId, councilId: row.councilId, meetingId: row.meetingId, targetType: 'resolution', targetId: row.id, details: { code: row.code } } : []));
    if (!updated) throw new AppError('resolution_state');
    c.var.log.info('resolution published', { resolutionId: row.id, userId });
    return c.json({ ok: true as const, resolution: await resolutionView(c.var.deps.db, updated, userId) });
  });

/** /api/public/… — published resolutions, for everyone (the public portal links here). */
export const publicResolutionRoutes = new Hono<AppEnv>()
  .get('/councils/:councilId/resolutions', async (c) => {
    const rows = await searchResolutions(c.var.deps.db, idParam(c, 'councilId'), { ...readQuery(c, resolutionSearchQuery), publishedOnly: true });
    return c.json({ ok: true as const, resolutions: await resolutionViews(c.var.deps.db, rows, null) });
  })
  .get('/resolutions/:resolutionId/file', async (c) => {
    const [row] = await c.var.deps.db.select().from(resolutions).where(and(eq(resolutions.id, idParam(c, 'resolutionId')), isNotNull(resolutions.publishedAt)));
    if (!row) throw new AppError('not_found');
    return sendResolutionFile(c, row);
  });

/**
 * /api/signing-sessions/:sessionId/cms — the browser returns the CMS it built, for a resolution, the minutes
 * or a consultation's result sheet; only the user who started the session may complete it (anyone else: 404).
 * A signature the verifier refuses is 422 with its reasons. The answer carries the signed `resolution`,
 * `minutes` or `consultation`.
 */
export const signingSessionRoutes = new Hono<AppEnv>()
  .post('/:sessionId/cms', async (c) => {
    const user = requireUser(c);
    const sessionId = idParam(c, 'sessionId');
    const { cms } = await readJson(c, completeSigningRequest);
    const done = await completeSigning(c.var.deps, sessionId, user.id, cms, { resolution: resolutionSigning, minutes: minutesSigning, consultation: consultationSigning });
    c.var.log.info('signed and sealed', { sessionId, userId: user.id });
    return c.json({ ok: true as const, ...done.body, report: done.report });
  });
