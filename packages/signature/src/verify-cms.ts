// The cryptographic half of the verifier: the CMS SignedData in a signature's /Contents — digest over the
// ByteRange, the signature over the signed attributes, signing-certificate-v2, and an RFC 3161 timestamp
// (a signature timestamp attribute, or the whole token for a document timestamp). pkijs parses; WebCrypto checks
// signatures; node:crypto hashes (Node only, like the rest of the verifier).
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signatureProblem, type SignatureProblem } from '@hopso/shared/signature';
import { equalBytes, toArrayBuffer } from './bytes.ts';
import { certificateDer, nameToString } from './certificate.ts';
import { parseSignedData, signedAttributesDer, signedDataFromSchema } from './cms.ts';
import { digestNames, OID } from './oids.ts';

export interface CmsCheck {
  signedData: pkijs.SignedData | null;
  signerCert: pkijs.Certificate | null;
  certificates: pkijs.Certificate[];
  crls: pkijs.CertificateRevocationList[];
  integrity: boolean;
  /** A timestamp whose token verifies (trust of its authority is checked with the chain). */
  timestamp: { time: Date; authority: string | null; signerCert: pkijs.Certificate | null; certificates: pkijs.Certificate[] } | null;
  signingTimeAttribute: Date | null;
  problems: SignatureProblem[];
}

/** Node's hash over the parts without joining them (WebCrypto would need one copied buffer of the whole file). */
async function digest(algorithmOid: string, parts: Uint8Array[]): Promise<Uint8Array> {
  const algorithm = digestNames[algorithmOid];
  if (!algorithm) throw new Error(`digest algorithm ${algorithmOid} is not supported`);
  const hash = createHash(algorithm.replace('-', '').toLowerCase());
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

const attribute = (info: pkijs.SignerInfo, type: string): pkijs.Attribute | undefined => info.signedAttrs?.attributes.find((a) => a.type === type);

function findSigner(signedData: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (info.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = info.sid;
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  const keyId = new Uint8Array((info.sid as asn1js.OctetString).valueBlock.valueHexView);
  return certs.find((c) => {
    const ski = c.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier)?.parsedValue as asn1js.OctetString | undefined;
    return ski && equalBytes(new Uint8Array(ski.valueBlock.valueHexView), keyId);
  }) ?? null;
}

/** Checks signing-certificate-v2 (or v1) names `cert`; returns a problem or null. */
async function checkSigningCertificate(info: pkijs.SignerInfo, cert: pkijs.Certificate, required: boolean): Promise<SignatureProblem | null> {
  const v2 = attribute(info, OID.signingCertificateV2);
  const v1 = attribute(info, OID.signingCertificate);
  if (!v2 && !v1) return required ? signatureProblem('missing_attribute', { attribute: 'signing-certificate-v2' }) : null;
  try {
    const value = (v2 ?? v1)!.values[0] as asn1js.Sequence;
    const certId = (value.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const parts = certId.valueBlock.value;
    let hashOid: string = v2 ? OID.sha256 : OID.sha1;
    let hashValue = parts[0];
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      hashOid = new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId;
      hashValue = parts[1];
    }
    const expected = new Uint8Array((hashValue as asn1js.OctetString).valueBlock.valueHexView);
    const actual = await digest(hashOid, [certificateDer(cert)]);
    return equalBytes(expected, actual) ? null : signatureProblem('signing_certificate_mismatch');
  } catch {
    return signatureProblem('signing_certificate_mismatch');
  }
}

/** Verifies `info`'s signature over its signed attributes (or over `content` when it has none). */
async function signatureVerifies(info: pkijs.SignerInfo, cert: pkijs.Certificate, content: Uint8Array | null): Promise<boolean> {
  const data = info.signedAttrs ? signedAttributesDer(info.signedAttrs) : content;
  if (!data) return false;
  const hash = pkijs.getCrypto(true).getHashAlgorithm(info.digestAlgorithm) || digestNames[info.digestAlgorithm.algorithmId] || 'SHA-256';
  try {
    return await pkijs.getCrypto(true).verifyWithPublicKey(toArrayBuffer(data), info.signature, cert.subjectPublicKeyInfo, info.signatureAlgorithm, hash);
  } catch {
    return false;
  }
}

/** Reads and checks an RFC 3161 token whose imprint must be the hash of `imprinted`. */
async function checkTimestampToken(token: pkijs.ContentInfo, imprinted: Uint8Array): Promise<{ ok: true; value: NonNullable<CmsCheck['timestamp']> } | { ok: false; detail: string }> {
  try {
    const signed = signedDataFromSchema(token.content);
    const eContent = signed.encapContentInfo.eContent;
    if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) return { ok: false, detail: 'not a TSTInfo token' };
    const tstDer = new Uint8Array(eContent.getValue());
    const tst = pkijs.TSTInfo.fromBER(toArrayBuffer(tstDer));
    const imprint = await digest(tst.messageImprint.hashAlgorithm.algorithmId, [imprinted]);
    if (!equalBytes(imprint, new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView))) return { ok: false, detail: 'imprint does not match' };
    const info = signed.signerInfos[0];
    const cert = info ? findSigner(signed, info) : null;
    if (!info || !cert) return { ok: false, detail: 'no TSA certificate' };
    const md = attribute(info, OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
    if (!md || !equalBytes(new Uint8Array(md.valueBlock.valueHexView), await digest(info.digestAlgorithm.algorithmId, [tstDer]))) return { ok: false, detail: 'token digest does not match' };
    if (!(await signatureVerifies(info, cert, tstDer))) return { ok: false, detail: 'token signature does not verify' };
    const certificates = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    const authority = tst.tsa?.value ? String(tst.tsa.value) : nameToString(cert.subject);
    return { ok: true, value: { time: tst.genTime, authority, signerCert: cert, certificates } };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Checks the CMS `der` against the signed byte `ranges`. `documentTimestamp` for SubFilter ETSI.RFC3161,
 * where the CMS is itself a timestamp token over the ranges.
 */
export async function checkCms(der: Uint8Array, ranges: Uint8Array[], subFilter: string | null): Promise<CmsCheck> {
  const result: CmsCheck = { signedData: null, signerCert: null, certificates: [], crls: [], integrity: false, timestamp: null, signingTimeAttribute: null, problems: [] };
  const documentTimestamp = subFilter === 'ETSI.RFC3161';
  let signedData: pkijs.SignedData;
  try {
    signedData = parseSignedData(der);
  } catch (error) {
    result.problems.push(signatureProblem('signature_unreadable', { detail: error instanceof Error ? error.message : String(error) }));
    return result;
  }
  result.signedData = signedData;
  result.certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  result.crls = (signedData.crls ?? []).filter((c): c is pkijs.CertificateRevocationList => c instanceof pkijs.CertificateRevocationList);
  const info = signedData.signerInfos[0];
  if (!info || signedData.signerInfos.length !== 1) {
    result.problems.push(signatureProblem('signature_unreadable', { detail: 'expected exactly one signer' }));
    return result;
  }
  const cert = findSigner(signedData, info);
  result.signerCert = cert;
  if (!cert) {
    result.problems.push(signatureProblem('signer_certificate_missing'));
    return result;
  }

  if (documentTimestamp) {
    const whole = new Uint8Array(ranges.reduce((n, r) => n + r.length, 0));
    let at = 0;
    for (const r of ranges) { whole.set(r, at); at += r.length; }
    const checked = await checkTimestampToken(pkijs.ContentInfo.fromBER(toArrayBuffer(der)), whole);
    if (checked.ok) { result.integrity = true; result.timestamp = checked.value; }
    else result.problems.push(checked.detail === 'imprint does not match' ? signatureProblem('digest_mismatch') : signatureProblem('timestamp_invalid', { detail: checked.detail }));
    return result;
  }

  const contentType = attribute(info, OID.contentType);
  const messageDigest = attribute(info, OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
  if (!info.signedAttrs || !contentType || !messageDigest) {
    result.problems.push(signatureProblem('missing_attribute', { attribute: !contentType ? 'content-type' : 'message-digest' }));
    return result;
  }
  let digestOk = false;
  try {
    digestOk = equalBytes(await digest(info.digestAlgorithm.algorithmId, ranges), new Uint8Array(messageDigest.valueBlock.valueHexView));
  } catch (error) {
    result.problems.push(signatureProblem('signature_unreadable', { detail: error instanceof Error ? error.message : String(error) }));
    return result;
  }
  if (!digestOk) result.problems.push(signatureProblem('digest_mismatch'));
  const signatureOk = await signatureVerifies(info, cert, null);
  if (!signatureOk) result.problems.push(signatureProblem('signature_invalid'));
  const certProblem = await checkSigningCertificate(info, cert, subFilter === 'ETSI.CAdES.detached');
  if (certProblem) result.problems.push(certProblem);
  result.integrity = digestOk && signatureOk && !certProblem;

  const signingTime = attribute(info, OID.signingTime)?.values[0];
  if (signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime) result.signingTimeAttribute = signingTime.toDate();

  const token = info.unsignedAttrs?.attributes.find((a) => a.type === OID.timeStampToken)?.values[0];
  if (token) {
    const checked = await checkTimestampToken(new pkijs.ContentInfo({ schema: token }), new Uint8Array(info.signature.valueBlock.valueHexView));
    if (checked.ok) result.timestamp = checked.value;
    else result.problems.push(signatureProblem('timestamp_invalid', { detail: checked.detail }));
  }
  return result;
}

