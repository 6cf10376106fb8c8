// Reading X.509 certificates with pkijs (browser-safe): parse DER and describe who a certificate names.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, toHex } from './bytes.ts';
import { OID } from './oids.ts';

export interface CertificateSummary {
  commonName: string | null;
  organisation: string | null;
  /** The subject's serialNumber attribute when present (e.g. a personal ID), else the certificate serial in hex. */
  serialNumber: string;
  /** Issuer common name (or the whole issuer name when it has none). */
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

function attribute(name: pkijs.RelativeDistinguishedNames, type: string): string | null {
  const found = name.typesAndValues.find((t) => t.type === type);
  return found ? String(found.value.valueBlock.value) : null;
}

export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = { [OID.commonName]: 'CN', [OID.organisation]: 'O', [OID.country]: 'C', [OID.serialNumber]: 'serialNumber' };
  return name.typesAndValues.map((t) => `${short[t.type] ?? t.type}=${String(t.value.valueBlock.value)}`).join(', ');
}

export function describeCertificate(cert: pkijs.Certificate | Uint8Array): CertificateSummary {
  const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
  return {
    commonName: attribute(c.subject, OID.commonName),
    organisation: attribute(c.subject, OID.organisation),
    serialNumber: attribute(c.subject, OID.serialNumber) ?? toHex(new Uint8Array(c.serialNumber.valueBlock.valueHexView)),
    issuer: attribute(c.issuer, OID.commonName) ?? nameToString(c.issuer),
    notBefore: c.notBefore.value,
    notAfter: c.notAfter.value,
  };
}

/** The DER a certificate was parsed from, where we kept it (re-encoding costs about a millisecond). */
const originalDer = new WeakMap<pkijs.Certificate, Uint8Array>();
export function rememberDer(cert: pkijs.Certificate, der: Uint8Array): void {
  originalDer.set(cert, der);
}

export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return originalDer.get(cert) ?? new Uint8Array(cert.toSchema(true).toBER());
}

export function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return a.serialNumber.isEqual(b.serialNumber) && a.issuer.isEqual(b.issuer);
}


export function parseCrl(der: Uint8Array): pkijs.CertificateRevocationList {
  return pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
}
