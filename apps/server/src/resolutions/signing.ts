import { and, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { resolutions, signingSessions } from '@hopso/db/schema/index';
import type { SigningSession } from '@hopso/shared/resolution';
import type { VerificationReport } from '@hopso/shared/signature';
import { describeCertificate } from '@hopso/signature/certificate';
import { SignatureError } from '@hopso/signature/errors';
import { embedCms, preparePdf, type Appearance } from '@hopso/signature/pdf';
import { placeholderSize, signerAppearance } from './appearance.ts';
import { timestampCms } from '@hopso/signature/tsa';
import type { Deps } from '../http/context.ts';
import { AppError, fieldError } from '../http/errors.ts';
import { keepBytes } from '../documents/keep.ts';
import { resolutionView, type ResolutionRow } from './service.ts';
import { sealPdf, type Sealed } from './seal.ts';
import { verifyAgainstCouncil, rejectUnlessValid } from './verification.ts';
import { appendAudit } from '../audit/log.ts';

/**
 * What the browser-side signing flow signs: a resolution, a meeting's final minutes (minutes/signing.ts) or a
 * consultation's result sheet (consultations/signing.ts).
 * One flow for both: prepare with a placeholder, the browser signs the digest, the server embeds, verifies
 * against the council's trust store and seals.
 */
export interface SigningTarget {
  kind: 'resolution' | 'minutes' | 'consultation';
  /** The resolution's id, the meeting's id for its minutes, or the consultation's id. */
  id: string;
  councilId: string;
  /** Null for a consultation, which belongs to no meeting. */
  meetingId: string | null;
  /** The PDF the signer signs (blob store). */
  sha256: string;
  /** The /Reason of the signer's signature and of the council's seal. */
  reason: string;
  sealReason: string;
  /** Where the signer's block goes; the seal lands on the same spot. Default: bottom right of the last page. */
  placement?: { page: number; rect: [number, number, number, number] };
}

/** A verified, sealed signature, ready to be recorded on its target. */
export interface Signed {
  userId: string;
  now: Date;
  signedSha256: string;
  sealed: Sealed;
}

/** One kind of signable document: how a session's target is loaded again, recorded as signed and shown. */
export interface SignableKind {
  /** Loads a session's target, refusing with the kind's state error unless it can still be signed. */
  load(deps: Deps, id: string): Promise<SigningTarget>;
  /**
   * Inside the transaction that ends the session: records signature and seal on the target and appends its
   * audit entry; refuses with the state error if the target moved on meanwhile.
   */
  commit(tx: Db, target: SigningTarget, signed: Signed): Promise<void>;
  /** The response body's view of the signed target, for this caller. */
  view(deps: Deps, target: SigningTarget, userId: string): Promise<Record<string, unknown>>;
}

/** How the signer appears in the signature dictionary (/Name, /Location) and on the page. */
export interface SignerBlock {
  name: string;
  location: string;
  appearance: Appearance;
}

/**
 * Step 1 of signing in the browser: the target's PDF gets the signer's visible signature field and an
 * empty placeholder; the prepared bytes wait in a signing session and the browser gets the digest to sign.
 * The certificate chain (public) only names the signer; trust is decided when the CMS comes back.
 */
export async function startSigning(deps: Deps, target: SigningTarget, userId: string, certificates: string[], signer: SignerBlock): Promise<SigningSession> {
  let signerName: string | null;
  try {
    signerName = describeCertificate(new Uint8Array(Buffer.from(certificates[0]!, 'base64'))).commonName;
  } catch {
    throw new AppError('certificate_invalid');
  }
  const now = deps.now();
  let prepared;
  try {
    prepared = await preparePdf(await deps.blobs.read(target.sha256), {
      signingTime: now, name: signerName ?? signer.name, reason: target.reason, location: signer.location,
      fieldName: target.kind === 'minutes' ? 'ChuKyChuToa' : 'ChuKyChuTich', placeholderSize: placeholderSize(deps),
      appearance: { ...signer.appearance, ...target.placement },
    });
  } catch (error) {
    if (error instanceof SignatureError) throw new AppError('pdf_damaged');
    throw error;
  }
  const preparedSha256 = await keepBytes(deps.blobs, prepared.pdf);
  const expiresAt = new Date(now.getTime() + deps.config.SIGNING_SESSION_MINUTES * 60_000);
  const digest = Buffer.from(prepared.digest).toString('base64');
  const [session] = await deps.db.insert(signingSessions).values({
    resolutionId: target.kind === 'resolution' ? target.id : null, minutesMeetingId: target.kind === 'minutes' ? target.id : null,
    consultationId: target.kind === 'consultation' ? target.id : null,
    userId, preparedSha256, prepared: { byteRange: prepared.byteRange }, digest, expiresAt,
  }).returning({ id: signingSessions.id });
  return { sessionId: session!.id, digest, expiresAt: expiresAt.toISOString() };
}

/**
 * Step 2: the browser's CMS goes into the placeholder (timestamped first when a TSA is configured), the
 * result is verified against the council's trust store — refused with the verifier's specific reasons —
 * then sealed by the council. Signature and seal are recorded together: if the seal cannot be applied
 * (`seal_unavailable`), nothing is recorded and the target stays signable, to be signed again later.
 * Only the user who started the session may complete it (anyone else: 404).
 */
export async function completeSigning(deps: Deps, sessionId: string, userId: string, cmsBase64: string, kinds: Record<SigningTarget['kind'], SignableKind>): Promise<{ body: Record<string, unknown>; report: VerificationReport }> {
  const [session] = await deps.db.select().from(signingSessions).where(eq(signingSessions.id, sessionId));
  if (!session || session.userId !== userId) throw new AppError('not_found');
  if (session.expiresAt.getTime() < deps.now().getTime()) throw new AppError('signing_expired');
  const kind = kinds[session.resolutionId ? 'resolution' : session.minutesMeetingId ? 'minutes' : 'consultation'];
  const target = await kind.load(deps, (session.resolutionId ?? session.minutesMeetingId ?? session.consultationId)!);

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
  rejectUnlessValid(await verifyAgainstCouncil(deps, target.councilId, signed));
  const signedSha256 = await keepBytes(deps.blobs, signed);
  const sealed = await sealPdf(deps, target, signed);

  const now = deps.now();
  // Single use: the session goes in the same transaction that moves the target on.
  await deps.db.transaction(async (tx) => {
    const gone = await tx.delete(signingSessions).where(eq(signingSessions.id, session.id)).returning({ id: signingSessions.id });
    if (gone.length === 0) throw new AppError('signing_expired');
    await kind.commit(tx, target, { userId, now, signedSha256, sealed });
  });
  return { body: await kind.view(deps, target, userId), report: sealed.report };
}

/** A resolution as a signing target: only a `ready` one (numbered, not yet signed) can be signed. */
export function resolutionTarget(row: ResolutionRow): SigningTarget {
  if (row.status !== 'ready') throw new AppError('resolution_state');
  return {
    kind: 'resolution', id: row.id, councilId: row.councilId, meetingId: row.meetingId, sha256: row.draftSha256,
    reason: `Ký ban hành Nghị quyết số ${row.code}`, sealReason: `Đóng dấu Nghị quyết số ${row.code}`,
  };
}

/** The signer's NĐ30 block on a resolution (capacity, title, image, name, organisation, time). */
export async function resolutionSigner(deps: Deps, row: ResolutionRow, userId: string): Promise<SignerBlock> {
  const appearance = await signerAppearance(deps, row, userId);
  return { name: appearance.signerName, location: appearance.organisation, appearance };
}

async function loadResolutionRow(db: Db, id: string): Promise<ResolutionRow> {
  const [row] = await db.select().from(resolutions).where(eq(resolutions.id, id));
  if (!row) throw new AppError('resolution_state');
  return row;
}

/** Resolutions in the signing flow: signed by the chair and sealed in one step (`ready` → `sealed`). */
export const resolutionSigning: SignableKind = {
  load: async (deps, id) => resolutionTarget(await loadResolutionRow(deps.db, id)),
  async commit(tx, target, { userId, now, signedSha256, sealed }) {
    const [next] = await tx.update(resolutions).set({
      status: 'sealed', signedBy: userId, signedAt: now, signedSha256, sealedAt: now, sealedSha256: sealed.sha256, fullText: sealed.fullText,
    }).where(and(eq(resolutions.id, target.id), eq(resolutions.status, 'ready'))).returning();
    if (!next) throw new AppError('resolution_state');
    await appendAudit(tx, { action: 'resolution.sealed', actorId: userId, councilId: target.councilId, meetingId: target.meetingId, targetType: 'resolution', targetId: target.id, details: { code: next.code, signedSha256, sealedSha256: sealed.sha256 } });
  },
  view: async (deps, target, userId) => ({ resolution: await resolutionView(deps.db, await loadResolutionRow(deps.db, target.id), userId) }),
};
