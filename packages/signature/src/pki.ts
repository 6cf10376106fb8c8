// A made-up PKI for tests and for the demo seed (`npm start` must have a working chain): root CA, intermediate,
// a person's certificate (the chair), the organisation's (the council seal), the broken variants the verifier
// must reject, CRLs, PKCS#12 files and a local RFC 3161 timestamp authority. Keys come from WebCrypto (native,
// fast); certificates and CRLs are built and signed with pkijs; PKCS#12 files are written with node-forge.
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './bytes.ts';
import { OID } from './oids.ts';
import { withOriginalCertificates } from './pkcs12.ts';

export { startTestTsa, type TestTsa } from './tsa-server.ts';

/** A certificate with its key pair (keys are extractable so toPkcs12 can write them). */
export interface Issued {
  /** DER. */
  certificate: Uint8Array<ArrayBuffer>;
  cert: pkijs.Certificate;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export type KeyUsageName = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign';
const keyUsageBits: Record<KeyUsageName, number> = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, dataEncipherment: 3, keyAgreement: 4, keyCertSign: 5, cRLSign: 6 };

export interface CertificateOptions {
  commonName: string;
  organisation?: string;
  /** Subject serialNumber attribute (e.g. a citizen ID or tax code). */
  serialNumber?: string;
  /** Issuing CA; leave out for a self-signed certificate. */
  issuer?: Issued;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  keyUsage?: KeyUsageName[];
  extKeyUsage?: string[];
  /** Reuse a key pair (tests issue many certificates for one key to stay fast). */
  keys?: CryptoKeyPair;
}

const DAY = 86_400_000;

export async function generateKeys(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true, ['sign', 'verify'],
  );
}

/** One attribute per RDN (C, O, serialNumber, CN), as CAs issue them; pkijs alone would put all in one SET. */
function nameOf(opts: { commonName: string; organisation?: string; serialNumber?: string }): pkijs.RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  const add = (type: string, value: string, printable = false): void => {
    const atv = new pkijs.AttributeTypeAndValue({ type, value: printable ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }) });
    rdns.push(new asn1js.Set({ value: [atv.toSchema()] }));
  };
  add(OID.country, 'VN', true);
  if (opts.organisation) add(OID.organisation, opts.organisation);
  if (opts.serialNumber) add(OID.serialNumber, opts.serialNumber, true);
  add(OID.commonName, opts.commonName);
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER());
}

function keyUsageExtension(names: KeyUsageName[]): pkijs.Extension {
  let bits = 0;
  for (const n of names) bits |= 0x80 >> keyUsageBits[n];
  let unused = 0;
  while (unused < 7 && !(bits & (1 << unused))) unused++;
  const value = new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: unused });
  return new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: value.toBER(false) });
}

async function keyIdentifier(publicKey: CryptoKey): Promise<ArrayBuffer> {
  const spki = new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', publicKey));
  const info = pkijs.PublicKeyInfo.fromBER(spki.buffer);
  return globalThis.crypto.subtle.digest('SHA-1', info.subjectPublicKey.valueBlock.valueHexView as Uint8Array<ArrayBuffer>);
}

let serialCounter = 0;
function serial(): asn1js.Integer {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  bytes[0] = (bytes[0]! & 0x7f) | 0x10; // positive and never a leading zero byte
  bytes[11] = ++serialCounter & 0xff;
  return new asn1js.Integer({ valueHex: bytes.buffer });
}

/** Issues (or self-signs) one certificate. */
export async function issueCertificate(opts: CertificateOptions): Promise<Issued> {
  const keys = opts.keys ?? await generateKeys();
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = serial();
  cert.subject = nameOf(opts);
  cert.issuer = opts.issuer ? opts.issuer.cert.subject : nameOf(opts);
  // CAs start well in the past so certificates issued "back then" (expired ones in tests) still chain.
  cert.notBefore.value = opts.notBefore ?? new Date(Date.now() - (opts.ca ? 1000 : 1) * DAY);
  cert.notAfter.value = opts.notAfter ?? new Date(Date.now() + (opts.ca ? 3650 : 730) * DAY);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ski = await keyIdentifier(keys.publicKey);
  const aki = opts.issuer ? await keyIdentifier(opts.issuer.publicKey) : ski;
  const extensions = [
    new pkijs.Extension({ extnID: OID.basicConstraints, critical: true, extnValue: new pkijs.BasicConstraints({ cA: !!opts.ca }).toSchema().toBER(false) }),
    keyUsageExtension(opts.keyUsage ?? (opts.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature', 'nonRepudiation'])),
    new pkijs.Extension({ extnID: OID.subjectKeyIdentifier, extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false) }),
    new pkijs.Extension({ extnID: OID.authorityKeyIdentifier, extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: aki }) }).toSchema().toBER(false) }),
  ];
  if (opts.extKeyUsage) {
    extensions.push(new pkijs.Extension({ extnID: OID.extKeyUsage, critical: opts.extKeyUsage.includes(OID.timeStamping), extnValue: new pkijs.ExtKeyUsage({ keyPurposes: opts.extKeyUsage }).toSchema().toBER(false) }));
  }
  cert.extensions = extensions;
  await cert.sign((opts.issuer ?? { privateKey: keys.privateKey }).privateKey, 'SHA-256');
  const certificate = new Uint8Array(cert.toSchema(true).toBER());
  return { certificate, cert: pkijs.Certificate.fromBER(certificate.buffer), privateKey: keys.privateKey, publicKey: keys.publicKey };
}

export const createRootCa = (commonName = 'Họp Số Test Root CA', organisation = 'Họp Số'): Promise<Issued> =>
  issueCertificate({ commonName, organisation, ca: true });

export const createIntermediateCa = (issuer: Issued, commonName = 'Họp Số Test Signing CA', organisation = 'Họp Số'): Promise<Issued> =>
  issueCertificate({ commonName, organisation, ca: true, issuer });

/** A person's signing certificate (digitalSignature + nonRepudiation), e.g. the council chair's. */
export const createPersonCertificate = (issuer: Issued, opts: Omit<CertificateOptions, 'issuer' | 'ca'>): Promise<Issued> =>
  issueCertificate({ ...opts, issuer });

/** An organisation's certificate for its seal: CN and O are the organisation's name. */
export const createOrganisationCertificate = (issuer: Issued, opts: Omit<CertificateOptions, 'issuer' | 'ca' | 'organisation'>): Promise<Issued> =>
  issueCertificate({ ...opts, organisation: opts.commonName, issuer });

export interface CrlOptions { thisUpdate?: Date; nextUpdate?: Date }

/** A CRL (DER) from `issuer` listing `revoked` certificates (revoked at `date`, default one hour ago). */
export async function createCrl(issuer: Issued, revoked: { certificate: Issued; date?: Date }[], opts: CrlOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuer.cert.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: opts.thisUpdate ?? new Date(Date.now() - 3_600_000) });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: opts.nextUpdate ?? new Date(Date.now() + 7 * DAY) });
  if (revoked.length) {
    crl.revokedCertificates = revoked.map((r) => new pkijs.RevokedCertificate({
      userCertificate: r.certificate.cert.serialNumber,
      revocationDate: new pkijs.Time({ type: 0, value: r.date ?? new Date(Date.now() - 3_600_000) }),
    }));
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [new pkijs.Extension({ extnID: OID.authorityKeyIdentifier, extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: await keyIdentifier(issuer.publicKey) }) }).toSchema().toBER(false) })],
  });
  await crl.sign(issuer.privateKey, 'SHA-256');
  return new Uint8Array(crl.toSchema(true).toBER());
}

/**
 * A DER OCSPResponse (successful, basic) signed by `signer` (default: the issuing CA itself) giving each
 * certificate of `issuer` as good, or revoked at `revokedAt` — what an OCSP responder would have answered.
 */
export async function createOcspResponse(issuer: Issued, entries: { certificate: Issued; revokedAt?: Date }[], opts: { signer?: Issued } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const signer = opts.signer ?? issuer;
  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = signer.cert.subject;
  basic.tbsResponseData.producedAt = new Date();
  for (const entry of entries) {
    const certID = new pkijs.CertID();
    await certID.createForCertificate(entry.certificate.cert, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer.cert });
    basic.tbsResponseData.responses.push(new pkijs.SingleResponse({
      certID, thisUpdate: new Date(),
      certStatus: entry.revokedAt
        ? new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.GeneralizedTime({ valueDate: entry.revokedAt })] })
        : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }),
    }));
  }
  basic.certs = [signer.cert];
  await basic.sign(signer.privateKey, 'SHA-256');
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({ responseType: '1.3.6.1.5.5.7.48.1.1', response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }) }),
  });
  return new Uint8Array(response.toSchema().toBER());
}

const binary = (bytes: Uint8Array): string => forge.util.binary.raw.encode(bytes);

/** A PKCS#12 file (DER) holding `key` (must be extractable) and `chain` (signer first), as a CA would hand out. */
export async function toPkcs12(key: CryptoKey, chain: Uint8Array[], passphrase: string, opts: { friendlyName?: string } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', key));
  const forgeKey = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(binary(pkcs8)));
  const asn1 = withOriginalCertificates(() => {
    const certs = chain.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(binary(der))));
    return forge.pkcs12.toPkcs12Asn1(forgeKey, certs, passphrase, { algorithm: '3des', friendlyName: opts.friendlyName ?? 'Họp Số', generateLocalKeyId: true });
  });
  return Uint8Array.from(forge.util.binary.raw.decode(forge.asn1.toDer(asn1).getBytes()));
}

/** PEM armour for a DER certificate (for openssl and NSS in the interop tests, and for admins). */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = forge.util.encode64(binary(der));
  return `-----BEGIN ${label}-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}


export interface DemoPki {
  root: Issued;
  intermediate: Issued;
  /** The chair's personal signing certificate (issued by the intermediate). */
  chair: Issued;
  /** The council's organisation certificate for the seal. */
  seal: Issued;
}

/** The four certificates a demo council needs: root → intermediate → chair, seal. */
export async function createDemoPki(opts: { chairName: string; councilName: string }): Promise<DemoPki> {
  const root = await createRootCa();
  const intermediate = await createIntermediateCa(root);
  const [chair, seal] = await Promise.all([
    createPersonCertificate(intermediate, { commonName: opts.chairName, organisation: opts.councilName }),
    createOrganisationCertificate(intermediate, { commonName: opts.councilName }),
  ]);
  return { root, intermediate, chair, seal };
}
