import { Hono } from 'hono';
import type { VerificationReport } from '@hopso/shared/signature';
import { AppError } from '../http/errors.ts';
import type { AppContext, AppEnv } from '../http/context.ts';
import { looksLikePdf } from '../documents/pdf.ts';
import { verifyAgainstCouncil } from '../resolutions/verification.ts';

/** Reads a request body into memory, refusing it as soon as it passes `limit` bytes. */
async function readLimited(c: AppContext, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? 'NaN');
  if (declared > limit) throw new AppError('payload_too_large');
  const body = c.req.raw.body;
  if (!body) throw new AppError('pdf_invalid');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) throw new AppError('payload_too_large');
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * /api/verify — anyone, signed in or not, may check a signed PDF. The trust anchors are the union of every
 * council's trust store: a citizen cannot know which council's store applies, the stores hold only CA
 * certificates an administrator accepted, and the report names the signer and organisation, so one
 * council's document cannot pass for another's. Nothing about the file is stored.
 */
export const verifyRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/pdf')) throw new AppError('unsupported_media_type');
    const pdf = await readLimited(c, c.var.deps.config.MAX_VERIFY_MB * 1024 * 1024);
    if (pdf.length === 0 || !looksLikePdf(pdf)) throw new AppError('pdf_invalid');
    const report: VerificationReport = await verifyAgainstCouncil(c.var.deps, null, pdf);
    c.var.log.info('pdf verified', { ok: report.ok, signatures: report.signatures.length, sha256: report.sha256 });
    return c.json({ ok: true as const, report });
  });
