// PAdES B-T: an RFC 3161 signature timestamp over the CMS signature value, added as the unsigned attribute
// id-aa-signatureTimeStampToken. Uses fetch and WebCrypto only, so it runs on the server and in the browser.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { equalBytes, sha256, toArrayBuffer } from './bytes.ts';
import { parseSignedData, signedDataFromSchema } from './cms.ts';
import { SignatureError } from './errors.ts';
import { OID } from './oids.ts';

/** Asks the TSA at `tsaUrl` for a token over `imprint` (a SHA-256 digest); returns the token's ContentInfo. */
export async function requestTimestamp(tsaUrl: string, imprint: Uint8Array, fetchImpl: typeof fetch = fetch): Promise<pkijs.ContentInfo> {
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = nonce[0]! & 0x7f;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({ hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }), hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }) }),
    nonce: new asn1js.Integer({ valueHex: nonce.buffer }),
    certReq: true,
  });
  let body: ArrayBuffer;
  try {
    const res = await fetchImpl(tsaUrl, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request.toSchema().toBER() });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.arrayBuffer();
  } catch (cause) {
    throw new SignatureError('timestamp_failed', `the timestamp authority did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(body);
  } catch (cause) {
    throw new SignatureError('timestamp_failed', 'the timestamp authority answered something that is not a TimeStampResp', { cause });
  }
  if (response.status.status > 1 || !response.timeStampToken) throw new SignatureError('timestamp_failed', `the timestamp authority refused (status ${response.status.status})`);
  const info = timestampInfo(response.timeStampToken);
  if (!equalBytes(new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView), imprint)) throw new SignatureError('timestamp_failed', 'the timestamp is over another value');
  if (!info.nonce || !equalBytes(new Uint8Array(info.nonce.valueBlock.valueHexView), nonce)) throw new SignatureError('timestamp_failed', 'the timestamp answers another request (nonce)');
  return response.timeStampToken;
}

/** The TSTInfo inside a timestamp token. */
export function timestampInfo(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signed = signedDataFromSchema(token.content);
  const content = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !content) throw new Error('not a timestamp token');
  return pkijs.TSTInfo.fromBER(content.getValue());
}

/** Returns `cms` with a signature timestamp from `tsaUrl` on its (first) signer. */
export async function timestampCms(cms: Uint8Array, tsaUrl: string, fetchImpl?: typeof fetch): Promise<Uint8Array<ArrayBuffer>> {
  const signedData = parseSignedData(cms);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('the CMS has no signer');
  const token = await requestTimestamp(tsaUrl, await sha256(new Uint8Array(signerInfo.signature.valueBlock.valueHexView)), fetchImpl);
  const attribute = new pkijs.Attribute({ type: OID.timeStampToken, values: [token.toSchema()] });
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [...(signerInfo.unsignedAttrs?.attributes ?? []), attribute] });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
