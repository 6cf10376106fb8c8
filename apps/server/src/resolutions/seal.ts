import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { councils, resolutions } from '@hopso/db/schema/index';
import type { VerificationReport } from '@hopso/shared/signature';
import { SignatureError } from '@hopso/signature/errors';
import { signPdf } from '@hopso/signature/pdf';
import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { sealSigner } from '../signatures/seal.ts';
import { keepBytes, readBytes } from './files.ts';
import type { ResolutionRow } from './service.ts';
import { placeholderSize, signatureImage } from './signing.ts';
import { extractText } from './text.ts';
import { addLongTermData, rejectUnlessValid, verifyAgainstCouncil } from './verification.ts';

/**
 * The council's organisation signature over the chair-signed resolution, as an incremental update (the
 * chair's signature stays valid): the seal image lands over the chair's block (same default rect), B-T with
 * a configured TSA; the DSS (B-LT) comes just before it. The result must verify as a whole before it is kept; its text is
 * extracted once for the archive search.
 */
export async function sealResolution(deps: Deps, row: ResolutionRow): Promise<{ resolution: ResolutionRow; report: VerificationReport }> {
  if (row.status !== 'signed' || !row.signedSha256) throw new AppError('resolution_state');
  const signer = await sealSigner(deps.config);
  const [council] = await deps.db.select({ name: councils.name, locality: councils.locality }).from(councils).where(eq(councils.id, row.councilId));
  let sealed: Uint8Array;
  try {
    // The DSS goes in before the seal, so the seal — the last signature — covers the whole file (pdfsig and
    // Adobe then report the document unmodified); the seal's own chain travels in its CMS.
    const withDss = await addLongTermData(deps, row.councilId, await readBytes(deps.blobs, row.signedSha256));
    sealed = await signPdf(withDss, signer, {
      signingTime: deps.now(), name: council!.name, reason: `Đóng dấu Nghị quyết số ${row.code}`, location: council!.locality,
      fieldName: 'DauCoQuan', placeholderSize: placeholderSize(deps), ...(deps.config.TSA_URL ? { tsaUrl: deps.config.TSA_URL } : {}),
      appearance: { sealImage: await signatureImage(deps, row.councilId, 'seal', row.councilId), showTime: false },
    });
  } catch (error) {
    if (error instanceof SignatureError) {
      deps.log.error('seal failed', { resolutionId: row.id, code: error.code, message: error.message });
      throw new AppError('seal_unavailable');
    }
    throw error;
  }
  const report = await verifyAgainstCouncil(deps, row.councilId, sealed);
  rejectUnlessValid(report);
  const pageCount = (await PDFDocument.load(sealed, { updateMetadata: false })).getPageCount();
  const sealedSha256 = await keepBytes(deps.blobs, sealed, { db: deps.db, pageCount });
  const [updated] = await deps.db.update(resolutions).set({ status: 'sealed', sealedAt: deps.now(), sealedSha256, fullText: await extractText(sealed) })
    .where(and(eq(resolutions.id, row.id), eq(resolutions.status, 'signed'))).returning();
  if (!updated) throw new AppError('resolution_state');
  deps.log.info('resolution sealed', { resolutionId: row.id, code: row.code, sha256: sealedSha256 });
  return { resolution: updated, report };
}
