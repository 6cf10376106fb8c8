import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { VerificationReport } from '@hopso/shared/signature';
import { AppError } from '../http/errors.ts';
import type { AppEnv } from '../http/context.ts';
import { looksLikePdf } from '../documents/pdf.ts';
import { verifyAgainstCouncil } from '../resolutions/verification.ts';

/**
 * /api/verify — anyone, signed in or not, may check a signed PDF. The trust anchors are the union of every
 * council's trust store: a citizen cannot know which council's store applies, the stores hold only CA
 * certificates an administrator accepted, and the report names the signer and organisation, so one
 * council's document cannot pass for another's. Nothing about the file is stored.
 */
export const verifyRoutes = new Hono<AppEnv>()
  .post('/', async (c, next) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/pdf')) throw new AppError('unsupported_media_type');
    // The file is checked in memory and never stored, under its own limit (the config may differ per app).
    return bodyLimit({ maxSize: c.var.deps.config.MAX_VERIFY_MB * 1024 * 1024, onError: () => { throw new AppError('payload_too_large'); } })(c, next);
  }, async (c) => {
    const pdf = new Uint8Array(await c.req.arrayBuffer());
    if (pdf.length === 0 || !looksLikePdf(pdf)) throw new AppError('pdf_invalid');
    const report: VerificationReport = await verifyAgainstCouncil(c.var.deps, null, pdf);
    c.var.log.info('pdf verified', { ok: report.ok, signatures: report.signatures.length, sha256: report.sha256 });
    return c.json({ ok: true as const, report });
  });
