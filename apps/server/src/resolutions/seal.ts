import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { councils } from '@hopso/db/schema/index';
import type { VerificationReport } from '@hopso/shared/signature';
import { SignatureError } from '@hopso/signature/errors';
import { signPdf } from '@hopso/signature/pdf';
import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { sealSigner } from '../signatures/seal.ts';
import { keepBytes } from '../documents/keep.ts';
import type { SigningTarget } from './signing.ts';
import { placeholderSize, signatureImage } from './appearance.ts';
import { extractText } from './text.ts';
import { addLongTermData, rejectUnlessValid, verifyAgainstCouncil } from './verification.ts';

export interface Sealed {
  sha256: string;
  fullText: string;
  report: VerificationReport;
}

/**
 * The council's organisation signature over the chair-signed resolution or minutes, as an incremental update
 * (the chair's signature stays valid): the seal image lands over the chair's block (same rect), B-T with
 * a configured TSA. The DSS (B-LT) goes in just before it, so the seal — the last signature — covers the
 * whole file and pdfsig reports it unmodified; the seal's own chain travels in its CMS. The result must
 * verify as a whole before it is kept; its text is extracted once for the archive search.
 */
export async function sealPdf(deps: Deps, target: Pick<SigningTarget, 'kind' | 'id' | 'councilId' | 'sealReason' | 'placement'>, chairSigned: Uint8Array): Promise<Sealed> {
  const signer = await sealSigner(deps.config);
  const [council] = await deps.db.select({ name: councils.name, locality: councils.locality }).from(councils).where(eq(councils.id, target.councilId));
  let sealed: Uint8Array;
  try {
    sealed = await signPdf(await addLongTermData(deps, target.councilId, chairSigned), signer, {
      signingTime: deps.now(), name: council!.name, reason: target.sealReason, location: council!.locality,
      fieldName: 'DauCoQuan', placeholderSize: placeholderSize(deps), ...(deps.config.TSA_URL ? { tsaUrl: deps.config.TSA_URL } : {}),
      appearance: { sealImage: await signatureImage(deps, target.councilId, 'seal', target.councilId), showTime: false, ...target.placement },
    });
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    deps.log.error('seal failed', { kind: target.kind, id: target.id, code: error.code, message: error.message });
    throw new AppError('seal_unavailable');
  }
  const report = await verifyAgainstCouncil(deps, target.councilId, sealed);
  rejectUnlessValid(report);
  const pageCount = (await PDFDocument.load(sealed, { updateMetadata: false })).getPageCount();
  return { sha256: await keepBytes(deps.blobs, sealed, { db: deps.db, pageCount }), fullText: await extractText(sealed), report };
}
