// Trust: the signer's certificate chains to one of the caller's anchors (pkijs builds and checks the path),
// its key usage allows signing, it and its issuers were valid at the signing time, and none was revoked
// according to the CRLs and OCSP responses we have (given by the caller, embedded in the CMS or in the
// document's DSS).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signatureProblem, type SignatureProblem } from '@hopso/shared/signature';
import { sameCertificate } from './certificate.ts';
import { ocspRevocation } from './ocsp.ts';
import { vietnamIso } from './time.ts';
import { OID } from './oids.ts';

const SIGNING_EKUS: string[] = [OID.anyExtendedKeyUsage, OID.emailProtection, OID.documentSigning, OID.adobeAuthenticDocuments, OID.microsoftDocumentSigning];

export interface TrustInput {
  cert: pkijs.Certificate;
  /** Other certificates that may complete the path (from the CMS, the DSS). */
  certificates: pkijs.Certificate[];
  anchors: pkijs.Certificate[];
  crls: pkijs.CertificateRevocationList[];
  /** OCSP responses (basic) from the caller and the DSS. */
  ocsps?: pkijs.BasicOCSPResponse[];
  /** When the signature was made: validity of every certificate in the path is checked at this time. */
  at: Date;
  /** Revocations up to this time count (a trusted timestamp's time, else now). */
  revokedBefore: Date;
  /** 'signature' needs digitalSignature/nonRepudiation; 'timestamp' needs the timeStamping purpose. */
  purpose: 'signature' | 'timestamp';
}

function usageProblem(cert: pkijs.Certificate, purpose: TrustInput['purpose']): SignatureProblem | null {
  const ku = cert.extensions?.find((e) => e.extnID === OID.keyUsage)?.parsedValue as asn1js.BitString | undefined;
  const eku = cert.extensions?.find((e) => e.extnID === OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage | undefined;
  if (ku) {
    const first = new Uint8Array(ku.valueBlock.valueHexView)[0] ?? 0;
    if (!(first & 0xc0)) return signatureProblem('key_usage', { detail: 'neither digitalSignature nor nonRepudiation' });
  }
  if (purpose === 'timestamp') {
    if (!eku?.keyPurposes.includes(OID.timeStamping)) return signatureProblem('key_usage', { detail: 'not a timestamping certificate' });
  } else if (eku && !eku.keyPurposes.some((p) => SIGNING_EKUS.includes(p))) {
    return signatureProblem('key_usage', { detail: `extended key usage ${eku.keyPurposes.join(', ')}` });
  }
  return null;
}

function dateProblem(cert: pkijs.Certificate, at: Date): SignatureProblem | null {
  if (cert.notAfter.value < at) return signatureProblem('certificate_expired', { notAfter: vietnamIso(cert.notAfter.value) });
  if (cert.notBefore.value > at) return signatureProblem('certificate_not_yet_valid', { notBefore: vietnamIso(cert.notBefore.value) });
  return null;
}

/** The first revocation of `cert` found in a CRL that its `issuer` really signed. */
async function revocation(cert: pkijs.Certificate, issuer: pkijs.Certificate, crls: pkijs.CertificateRevocationList[]): Promise<Date | null> {
  for (const crl of crls) {
    if (!crl.issuer.isEqual(cert.issuer)) continue;
    let signed = false;
    try { signed = await crl.verify({ issuerCertificate: issuer }); } catch { signed = false; }
    if (!signed) continue;
    const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.serialNumber));
    if (entry) return entry.revocationDate.value;
  }
  return null;
}

/** The same certificate, byte for byte (serial and issuer alone can be copied into a forged certificate). */
function sameBytes(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  const [x, y] = [a.tbsView, b.tbsView];
  return x.length === y.length && x.every((v, i) => v === y[i]) && sameCertificate(a, b);
}

export async function checkTrust(input: TrustInput): Promise<{ trusted: boolean; problems: SignatureProblem[] }> {
  const problems: SignatureProblem[] = [];
  const usage = usageProblem(input.cert, input.purpose);
  if (usage) problems.push(usage);
  const date = dateProblem(input.cert, input.at);
  if (date) problems.push(date);

  let path: pkijs.Certificate[] = [];
  if (input.anchors.some((a) => sameBytes(a, input.cert))) path = [input.cert];
  else {
    try {
      const engine = new pkijs.CertificateChainValidationEngine({
        trustedCerts: input.anchors,
        // pkijs validates the LAST certificate of this list (its "leaf"): the signer's goes last, or the engine
        // would check whichever CA certificate the CMS happened to carry last, and a signer outside the trust
        // store would pass as trusted next to a trusted intermediate.
        certs: [...input.certificates.filter((c) => !sameBytes(c, input.cert)), input.cert],
        // A date inside the signer's validity, so an expired signer is reported once, as expired, above.
        checkDate: date ? new Date(Math.min(Math.max(input.at.getTime(), input.cert.notBefore.value.getTime() + 1000), input.cert.notAfter.value.getTime() - 1000)) : input.at,
      });
      const result = await engine.verify();
      if (result.result && result.certificatePath?.[0] && sameBytes(result.certificatePath[0], input.cert)) path = result.certificatePath;
      else problems.push(signatureProblem('certificate_untrusted', { detail: result.resultMessage || 'no path to a trust anchor' }));
    } catch (error) {
      problems.push(signatureProblem('certificate_untrusted', { detail: error instanceof Error ? error.message : String(error) }));
    }
  }
  if (path.length && date === null) {
    for (const cert of path.slice(1)) {
      const problem = dateProblem(cert, input.at);
      if (problem) { problems.push(signatureProblem('certificate_untrusted', { detail: `issuer certificate: ${problem.en}` })); break; }
    }
  }
  for (let i = 0; i + 1 < path.length; i++) {
    const found = [await revocation(path[i]!, path[i + 1]!, input.crls), await ocspRevocation(path[i]!, path[i + 1]!, input.ocsps ?? [], input.anchors)];
    const revoked = found.reduce<Date | null>((a, b) => (!a || (b && b < a) ? b : a), null);
    if (revoked && revoked <= input.revokedBefore) {
      problems.push(signatureProblem('certificate_revoked', { date: vietnamIso(revoked) }));
      break;
    }
  }
  return { trusted: problems.length === 0, problems };
}
