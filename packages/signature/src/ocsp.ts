// OCSP responses (RFC 6960) as revocation evidence beside CRLs: the ones a signer's software or the archive
// collected while the responder was reachable, kept in the DSS (PAdES B-LT) or handed over by the caller.
// The verifier never asks a responder itself — they are outside the council's network, and a verdict must
// not depend on the network. A response counts only when pkijs finds it signed by the certificate's issuer,
// or by a responder that issuer authorised (id-kp-OCSPSigning), chaining to a trust anchor.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './bytes.ts';

const BASIC_RESPONSE = '1.3.6.1.5.5.7.48.1.1';

/** A DER OCSPResponse (or bare BasicOCSPResponse) → its basic response; null for anything else or a non-success status. */
export function parseOcspResponse(der: Uint8Array): pkijs.BasicOCSPResponse | null {
  try {
    const response = pkijs.OCSPResponse.fromBER(toArrayBuffer(der));
    if (response.responseStatus.valueBlock.valueDec !== 0 || response.responseBytes?.responseType !== BASIC_RESPONSE) return null;
    return pkijs.BasicOCSPResponse.fromBER(toArrayBuffer(response.responseBytes.response.valueBlock.valueHexView));
  } catch {
    try { return pkijs.BasicOCSPResponse.fromBER(toArrayBuffer(der)); } catch { return null; }
  }
}

/** The revocation time a response gives for `cert` (its CertID computed with `issuer`), else null. */
async function revokedIn(basic: pkijs.BasicOCSPResponse, cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<Date | null> {
  for (const single of basic.tbsResponseData.responses) {
    const id = new pkijs.CertID();
    try {
      const hash = pkijs.getCrypto(true).getAlgorithmByOID(single.certID.hashAlgorithm.algorithmId, true, 'CertID.hashAlgorithm');
      await id.createForCertificate(cert, { hashAlgorithm: hash.name, issuerCertificate: issuer });
    } catch { continue; }
    if (!single.certID.isEqual(id)) continue;
    const status = single.certStatus as asn1js.Constructed;
    // revoked [1] IMPLICIT RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, ... }
    if (status.idBlock.tagClass === 3 && status.idBlock.tagNumber === 1 && status.idBlock.isConstructed) {
      const time = status.valueBlock.value[0];
      if (time instanceof asn1js.GeneralizedTime) return time.toDate();
    }
  }
  return null;
}

/** The earliest revocation of `cert` in a response that its issuer (or its authorised responder) really signed. */
export async function ocspRevocation(cert: pkijs.Certificate, issuer: pkijs.Certificate, responses: pkijs.BasicOCSPResponse[], anchors: pkijs.Certificate[]): Promise<Date | null> {
  let earliest: Date | null = null;
  for (const basic of responses) {
    const revoked = await revokedIn(basic, cert, issuer);
    if (!revoked || (earliest && earliest <= revoked)) continue;
    let signed = false;
    try { signed = await basic.verify({ trustedCerts: anchors, issuerCerts: [issuer] }); } catch { signed = false; }
    if (signed) earliest = revoked;
  }
  return earliest;
}
