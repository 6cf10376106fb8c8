import { and, eq } from 'drizzle-orm';
import { councils, members, resolutions, signatureImages, signingSessions, users } from '@hopso/db/schema/index';
import type { SigningSession } from '@hopso/shared/resolution';
import type { VerificationReport } from '@hopso/shared/signature';
import { describeCertificate } from '@hopso/signature/certificate';
import { SignatureError } from '@hopso/signature/errors';
import { DEFAULT_PLACEHOLDER, embedCms, preparePdf, type Appearance } from '@hopso/signature/pdf';
import { timestampCms } from '@hopso/signature/tsa';
import { previousRevision } from '@hopso/signature/incremental';
import { PDFDocument } from 'pdf-lib';
import type { Deps } from '../http/context.ts';
import { AppError, fieldError } from '../http/errors.ts';
import { keepBytes, readBytes } from './files.ts';
import type { ResolutionRow } from './service.ts';
import { sealResolution } from './seal.ts';
import { verifyAgainstCouncil, rejectUnlessValid } from './verification.ts';

/** The PNG stored for a signer's signature or a council's seal, if any. */
export async function signatureImage(deps: Deps, councilId: string, kind: 'signature' | 'seal', ownerId: string): Promise<Uint8Array | undefined> {
  const [row] = await deps.db.select({ png: signatureImages.png }).from(signatureImages)
    .where(and(eq(signatureImages.councilId, councilId), eq(signatureImages.kind, kind), eq(signatureImages.ownerId, ownerId)));
  return row ? new Uint8Array(Buffer.from(row.png, 'base64')) : undefined;
}

/**
 * The signature block of Nghị định 30/2020 for this signer: the chair signs "TM. HỘI ĐỒNG NHÂN DÂN / CHỦ TỊCH";
 * someone else assigned signs "KT. CHỦ TỊCH" with their own position (e.g. PHÓ CHỦ TỊCH).
 */
async function signerAppearance(deps: Deps, row: ResolutionRow, userId: string): Promise<Appearance & { signerName: string; organisation: string }> {
  const [person] = await deps.db.select({ fullName: users.fullName, role: members.role, title: members.title }).from(users)
    .leftJoin(members, and(eq(members.userId, users.id), eq(members.councilId, row.councilId))).where(eq(users.id, userId));
  const [council] = await deps.db.select({ name: councils.name }).from(councils).where(eq(councils.id, row.councilId));
  const isChair = person?.role === 'chair';
  const position = (person?.title ?? '').replace(/\s+HĐND.*$/i, '').toUpperCase() || 'PHÓ CHỦ TỊCH';
  return {
    capacity: isChair ? 'TM. HỘI ĐỒNG NHÂN DÂN' : 'KT. CHỦ TỊCH',
    title: isChair ? 'CHỦ TỊCH' : position,
    signerName: person?.fullName ?? '',
    organisation: council?.name ?? '',
    signatureImage: await signatureImage(deps, row.councilId, 'signature', userId),
  };
}

/**
 * Workaround: an incremental update written by @hopso/signature over a file whose last cross-reference
 * section is a stream (pdf-lib's default, object streams) cannot be read by pdf.js or poppler ("Invalid Root
 * reference"). Such drafts are re-saved with a classic xref table first; same pages and content, and the
 * adopted draft's own bytes stay in the archive. Drop once the library handles xref streams.
 */
async function classicXref(pdf: Uint8Array): Promise<Uint8Array> {
  if (!previousRevision(pdf).xrefStream) return pdf;
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.save({ useObjectStreams: false });
}

/** Reserved room for the CMS: a timestamp token roughly doubles it. */
export const placeholderSize = (deps: Deps) => (deps.config.TSA_URL ? 2 * DEFAULT_PLACEHOLDER : DEFAULT_PLACEHOLDER);

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
    prepared = await preparePdf(await classicXref(await readBytes(deps.blobs, row.draftSha256)), {
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
 * result is verified against the council's trust store — refused with the verifier's specific reason —
 * and only then recorded as signed; the council seal follows at once (a failed seal can be retried).
 */
export async function completeSigning(deps: Deps, sessionId: string, userId: string, cmsBase64: string): Promise<{ resolution: ResolutionRow; report: VerificationReport; sealError: AppError | null }> {
  const [session] = await deps.db.select().from(signingSessions).where(eq(signingSessions.id, sessionId));
  if (!session || session.userId !== userId) throw new AppError('not_found');
  if (session.expiresAt.getTime() < deps.now().getTime()) throw new AppError('signing_expired');
  const [row] = await deps.db.select().from(resolutions).where(eq(resolutions.id, session.resolutionId));
  if (!row || row.status !== 'ready') throw new AppError('resolution_state');

  let cms = new Uint8Array(Buffer.from(cmsBase64, 'base64'));
  let signed: Uint8Array;
  try {
    if (deps.config.TSA_URL) cms = await timestampCms(cms, deps.config.TSA_URL);
    signed = embedCms({ pdf: await readBytes(deps.blobs, session.preparedSha256), byteRange: session.prepared.byteRange as [number, number, number, number], digest: new Uint8Array(Buffer.from(session.digest, 'base64')) }, cms);
  } catch (error) {
    if (error instanceof SignatureError && error.code === 'placeholder_too_small') {
      throw new AppError('signature_rejected', { fields: fieldError('cms', 'Chữ ký quá lớn so với chỗ dành sẵn trong tệp.', 'The signature is larger than the room reserved in the file.') });
    }
    if (error instanceof SignatureError) throw new AppError('signature_rejected', { fields: fieldError('cms', 'Máy chủ cấp dấu thời gian không trả lời; hãy thử lại.', 'The timestamp authority did not answer; try again.') });
    throw error;
  }
  const report = await verifyAgainstCouncil(deps, row.councilId, signed);
  rejectUnlessValid(report);

  const signedSha256 = await keepBytes(deps.blobs, signed);
  const now = deps.now();
  // Single use: the session goes in the same transaction that moves the resolution on, and only from 'ready'.
  const updated = await deps.db.transaction(async (tx) => {
    const gone = await tx.delete(signingSessions).where(eq(signingSessions.id, session.id)).returning({ id: signingSessions.id });
    if (gone.length === 0) throw new AppError('signing_expired');
    const [next] = await tx.update(resolutions).set({ status: 'signed', signedBy: userId, signedAt: now, signedSha256 })
      .where(and(eq(resolutions.id, row.id), eq(resolutions.status, 'ready'))).returning();
    if (!next) throw new AppError('resolution_state');
    return next;
  });
  try {
    const sealed = await sealResolution(deps, updated);
    return { resolution: sealed.resolution, report: sealed.report, sealError: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    deps.log.warn('resolution signed but not sealed', { resolutionId: row.id, code: error.code });
    return { resolution: updated, report, sealError: error };
  }
}
