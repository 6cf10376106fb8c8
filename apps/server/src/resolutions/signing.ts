import { and, eq } from 'drizzle-orm';
import { resolutions, signingSessions } from '@hopso/db/schema/index';
import type { SigningSession } from '@hopso/shared/resolution';
import type { VerificationReport } from '@hopso/shared/signature';
import { describeCertificate } from '@hopso/signature/certificate';
import { SignatureError } from '@hopso/signature/errors';
import { embedCms, preparePdf } from '@hopso/signature/pdf';
import { placeholderSize, signerAppearance } from './appearance.ts';
import { timestampCms } from '@hopso/signature/tsa';
import type { Deps } from '../http/context.ts';
import { AppError, fieldError } from '../http/errors.ts';
import { keepBytes } from '../documents/keep.ts';
import type { ResolutionRow } from './service.ts';
import { sealPdf } from './seal.ts';
import { verifyAgainstCouncil, rejectUnlessValid } from './verification.ts';
import { appendAudit } from '../audit/log.ts';

/**
 * Step 1 of signing in the browser: the adopted draft gets the signer's visible signature field and an
 * empty placeholder; the prepared bytes wait in a signing session and the browser gets the digest to sign.
 * The certificate chain (public) only names the signer; trust is decided when the CMS comes back.
 */
export async function startSigning(deps: Deps, row: ResolutionRow, userId: string, certificates: string[]): Promise<SigningSession> {
  if (row.status !== 'ready') throw new AppError('resolution_state');
  let signerName: string | null;
  try {
    signerName = describeCertificate(new Uint8Array(Buffer.from(certificates[0]!, 'base64'))).commonName;
  } catch {
    throw new AppError('certificate_invalid');
  }
  const appearance = await signerAppearance(deps, row, userId);
  const now = deps.now();
  let prepared;
  try {
    prepared = await preparePdf(await deps.blobs.read(row.draftSha256), {
      signingTime: now, name: signerName ?? appearance.signerName, reason: `Ký ban hành Nghị quyết số ${row.code}`,
      location: appearance.organisation, fieldName: 'ChuKyChuTich', placeholderSize: placeholderSize(deps), appearance,
    });
  } catch (error) {
    if (error instanceof SignatureError) throw new AppError('pdf_damaged');
    throw error;
  }
  const preparedSha256 = await keepBytes(deps.blobs, prepared.pdf);
  const expiresAt = new Date(now.getTime() + deps.config.SIGNING_SESSION_MINUTES * 60_000);
  const digest = Buffer.from(prepared.digest).toString('base64');
  const [session] = await deps.db.insert(signingSessions).values({
    resolutionId: row.id, userId, preparedSha256, prepared: { byteRange: prepared.byteRange }, digest, expiresAt,
  }).returning({ id: signingSessions.id });
  return { sessionId: session!.id, digest, expiresAt: expiresAt.toISOString() };
}

/**
 * Step 2: the browser's CMS goes into the placeholder (timestamped first when a TSA is configured), the
 * result is verified against the council's trust store — refused with the verifier's specific reasons —
 * then sealed by the council. Signature and seal are recorded together: if the seal cannot be applied
 * (`seal_unavailable`), nothing is recorded and the resolution stays ready, to be signed again later.
 */
export async function completeSigning(deps: Deps, sessionId: string, userId: string, cmsBase64: string): Promise<{ resolution: ResolutionRow; report: VerificationReport }> {
  const [session] = await deps.db.select().from(signingSessions).where(eq(signingSessions.id, sessionId));
  if (!session || session.userId !== userId) throw new AppError('not_found');
  if (session.expiresAt.getTime() < deps.now().getTime()) throw new AppError('signing_expired');
  const [row] = await deps.db.select().from(resolutions).where(eq(resolutions.id, session.resolutionId));
  if (!row || row.status !== 'ready') throw new AppError('resolution_state');

  let cms = new Uint8Array(Buffer.from(cmsBase64, 'base64'));
  let signed: Uint8Array;
  try {
    if (deps.config.TSA_URL) cms = await timestampCms(cms, deps.config.TSA_URL);
    signed = embedCms({ pdf: await deps.blobs.read(session.preparedSha256), byteRange: session.prepared.byteRange as [number, number, number, number], digest: new Uint8Array(Buffer.from(session.digest, 'base64')) }, cms);
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    const [vi, en] = error.code === 'placeholder_too_small'
      ? ['Chữ ký quá lớn so với chỗ dành sẵn trong tệp.', 'The signature is larger than the room reserved in the file.']
      : ['Máy chủ cấp dấu thời gian không trả lời; hãy thử lại.', 'The timestamp authority did not answer; try again.'];
    throw new AppError('signature_rejected', { fields: fieldError('signature', vi, en) });
  }
  rejectUnlessValid(await verifyAgainstCouncil(deps, row.councilId, signed));
  const signedSha256 = await keepBytes(deps.blobs, signed);
  const sealed = await sealPdf(deps, row, signed);

  const now = deps.now();
  // Single use: the session goes in the same transaction that moves the resolution on, and only from 'ready'.
  const resolution = await deps.db.transaction(async (tx) => {
    const gone = await tx.delete(signingSessions).where(eq(signingSessions.id, session.id)).returning({ id: signingSessions.id });
    if (gone.length === 0) throw new AppError('signing_expired');
    const [next] = await tx.update(resolutions).set({
      status: 'sealed', signedBy: userId, signedAt: now, signedSha256, sealedAt: now, sealedSha256: sealed.sha256, fullText: sealed.fullText,
    }).where(and(eq(resolutions.id, row.id), eq(resolutions.status, 'ready'))).returning();
    if (!next) throw new AppError('resolution_state');
    await appendAudit(tx, { action: 'resolution.sealed', actorId: userId, councilId: row.councilId, meetingId: next.meetingId, targetType: 'resolution', targetId: row.id, details: { code: next.code, signedSha256, sealedSha256: sealed.sha256 } });
    return next;
  });
  return { resolution, report: sealed.report };
}
