// Detached CMS SignedData for PAdES baseline B-B, built with pkijs (browser and Node alike): SHA-256, signed
// attributes content-type, message-digest and signing-certificate-v2, and deliberately NO signing-time (PAdES
// puts the time in the signature dictionary's /M).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, toArrayBuffer } from './bytes.ts';
import { parseCertificate, rememberDer } from './certificate.ts';
import { OID } from './oids.ts';
import type { Signer } from './signer.ts';

const sha256Algorithm = (): pkijs.AlgorithmIdentifier => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });

/** SigningCertificateV2 (RFC 5035) naming the signer's certificate by its SHA-256 hash and issuer/serial. */
async function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): Promise<asn1js.Sequence> {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }).toSchema(),
      new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView.slice().buffer }),
    ],
  });
  // hashAlgorithm is left out: its DEFAULT is SHA-256, and DER omits default values.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(await sha256(der)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/**
 * DER SET OF needs its elements sorted by encoding; verifiers such as OpenSSL re-encode the signed attributes
 * before checking the signature, so an unsorted set would not verify there.
 */
function sortedAttributes(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER()) }));
  encoded.sort((x, y) => {
    for (let i = 0; i < Math.min(x.der.length, y.der.length); i++) if (x.der[i] !== y.der[i]) return x.der[i]! - y.der[i]!;
    return x.der.length - y.der.length;
  });
  return encoded.map((e) => e.a);
}

/** The bytes that are signed: the signed attributes as an explicit SET (tag 0x31), not the [0] IMPLICIT form. */
export function signedAttributesDer(attrs: pkijs.SignedAndUnsignedAttributes): Uint8Array<ArrayBuffer> {
  const der = attrs.encodedValue.byteLength ? new Uint8Array(attrs.encodedValue.slice(0)) : new Uint8Array(attrs.toSchema().toBER());
  der[0] = 0x31;
  return der;
}

function signatureAlgorithm(cert: pkijs.Certificate): pkijs.AlgorithmIdentifier {
  const keyAlgorithm = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (keyAlgorithm === OID.rsaEncryption) return new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() });
  if (keyAlgorithm === OID.ecPublicKey) return new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  throw new Error(`unsupported signer key algorithm ${keyAlgorithm}`);
}

/** WebCrypto ECDSA gives r‖s; CMS wants a DER ECDSA-Sig-Value. RSA signatures pass through. */
function cmsSignatureValue(cert: pkijs.Certificate, raw: Uint8Array): ArrayBuffer {
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId === OID.ecPublicKey && raw[0] !== 0x30) {
    return pkijs.createCMSECDSASignature(toArrayBuffer(raw));
  }
  return toArrayBuffer(raw);
}

/** A SignerInfo with the PAdES signed attributes over `contentDigest`; also used by the test TSA (TSTInfo). */
export async function signerInfoFor(signer: Signer, contentDigest: Uint8Array, contentType: string = OID.data): Promise<{ signerInfo: pkijs.SignerInfo; chain: pkijs.Certificate[] }> {
  if (contentDigest.length !== 32) throw new Error('expected a SHA-256 digest (32 bytes)');
  const chainDer = await signer.certificateChain();
  if (chainDer.length === 0) throw new Error('the signer has no certificate');
  const chain = chainDer.map(parseCertificate);
  const cert = chain[0]!;
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: sortedAttributes([
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: contentType })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(contentDigest) })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [await signingCertificateV2(cert, chainDer[0]!)] }),
    ]),
  });
  const signature = await signer.sign(signedAttributesDer(signedAttrs));
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: sha256Algorithm(),
    signedAttrs,
    signatureAlgorithm: signatureAlgorithm(cert),
    signature: new asn1js.OctetString({ valueHex: cmsSignatureValue(cert, signature) }),
  });
  return { signerInfo, chain };
}

/** ContentInfo(SignedData) in DER; `eContent` set makes it encapsulating (a timestamp token), else detached. */
export function encodeSignedData(signerInfo: pkijs.SignerInfo, chain: pkijs.Certificate[], contentType: string = OID.data, eContent?: Uint8Array): Uint8Array<ArrayBuffer> {
  const signedData = new pkijs.SignedData({
    version: contentType === OID.data ? 1 : 3,
    digestAlgorithms: [sha256Algorithm()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      ...(eContent ? { eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(eContent) }) } : {}),
    }),
    certificates: chain,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/**
 * A detached CMS SignedData (DER) over content whose SHA-256 is `contentDigest`, signed by `signer`.
 * For a PDF, `contentDigest` is PreparedPdf.digest (the hash of the ByteRange bytes).
 */
export async function createCms(signer: Signer, contentDigest: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const { signerInfo, chain } = await signerInfoFor(signer, contentDigest);
  return encodeSignedData(signerInfo, chain);
}

/** Parses a DER CMS ContentInfo holding SignedData; throws on anything else. */
export function parseSignedData(der: Uint8Array): pkijs.SignedData {
  const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
  if (contentInfo.contentType !== OID.signedData) throw new Error(`CMS content type ${contentInfo.contentType} is not SignedData`);
  return signedDataFromSchema(contentInfo.content);
}

/**
 * SignedData from its ASN.1, element by element. Same result as `new pkijs.SignedData({ schema })`, about five
 * times faster: matching pkijs's whole SignedData schema (every certificate choice) dominated verification time.
 */
export function signedDataFromSchema(schema: unknown): pkijs.SignedData {
  if (!(schema instanceof asn1js.Sequence)) throw new Error('SignedData is not a SEQUENCE');
  const items = [...schema.valueBlock.value];
  const take = <T extends asn1js.AsnType>(check: (b: asn1js.AsnType) => b is T, what: string): T => {
    const next = items.shift();
    if (!next || !check(next)) throw new Error(`SignedData: ${what} expected`);
    return next;
  };
  const tagged = (n: number) => (b: asn1js.AsnType): b is asn1js.Constructed => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === n;
  const version = take((b): b is asn1js.Integer => b instanceof asn1js.Integer, 'version');
  const digestAlgorithms = take((b): b is asn1js.Set => b instanceof asn1js.Set, 'digestAlgorithms');
  const encap = take((b): b is asn1js.Sequence => b instanceof asn1js.Sequence, 'encapContentInfo');
  const certificates: pkijs.Certificate[] = [];
  const crls: pkijs.CertificateRevocationList[] = [];
  if (items[0] && tagged(0)(items[0])) {
    for (const c of (items.shift() as asn1js.Constructed).valueBlock.value) {
      if (!(c instanceof asn1js.Sequence)) continue;
      const cert = new pkijs.Certificate({ schema: c });
      rememberDer(cert, new Uint8Array(c.valueBeforeDecodeView));
      certificates.push(cert);
    }
  }
  if (items[0] && tagged(1)(items[0])) {
    for (const c of (items.shift() as asn1js.Constructed).valueBlock.value) if (c instanceof asn1js.Sequence) crls.push(new pkijs.CertificateRevocationList({ schema: c }));
  }
  const signerInfos = take((b): b is asn1js.Set => b instanceof asn1js.Set, 'signerInfos');
  return new pkijs.SignedData({
    version: version.valueBlock.valueDec,
    digestAlgorithms: digestAlgorithms.valueBlock.value.map((a) => new pkijs.AlgorithmIdentifier({ schema: a })),
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ schema: encap }),
    ...(certificates.length ? { certificates } : {}),
    ...(crls.length ? { crls } : {}),
    signerInfos: signerInfos.valueBlock.value.map((i) => new pkijs.SignerInfo({ schema: i })),
  });
}
