import type { VerificationReport } from '@hopso/shared/signature';
import { addDss } from '@hopso/signature/dss';
import { verifyPdf } from '@hopso/signature/verify';
import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { trustMaterial } from '../signatures/trust.ts';

/** Verifies a PDF against one council's trust store (roots and intermediates as anchors, its CRLs). */
export async function verifyAgainstCouncil(deps: Deps, councilId: string | null, pdf: Uint8Array): Promise<VerificationReport> {
  const trust = await trustMaterial(deps.db, councilId);
  return verifyPdf(pdf, { trustAnchors: [...trust.roots, ...trust.intermediates], crls: trust.crls, now: deps.now() });
}

/**
 * Accepts a report only when every signature is valid and trusted; otherwise `signature_rejected` with the
 * verifier's specific reasons (untrusted, expired, revoked, wrong usage, digest mismatch…) in both languages.
 */
export function rejectUnlessValid(report: VerificationReport): void {
  if (report.ok) return;
  const problems = report.error ? [report.error] : report.signatures.flatMap((s) => [...s.problems, ...s.modifications]);
  const messages = problems.length ? problems.map(({ vi, en }) => ({ vi, en })) : [{ vi: 'Chữ ký không hợp lệ.', en: 'The signature is not valid.' }];
  throw new AppError('signature_rejected', { fields: { signature: messages } });
}

/**
 * PAdES B-LT: the certificates of every signature and the council's CRLs go into the document security
 * store, so the file still validates when the CA or its CRL endpoint is gone.
 */
export async function addLongTermData(deps: Deps, councilId: string, pdf: Uint8Array): Promise<Uint8Array> {
  const trust = await trustMaterial(deps.db, councilId);
  return addDss(pdf, { certificates: [...trust.roots, ...trust.intermediates], crls: trust.crls, ocsps: [] });
}
