import { createHash, X509Certificate } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as pkijs from 'pkijs';
import type { Db } from '@hopso/db/client';
import { trustAnchors } from '@hopso/db/schema/index';
import type { TrustAnchor } from '@hopso/shared/resolution';
import { AppError, fieldError } from '../http/errors.ts';

export type TrustAnchorRow = typeof trustAnchors.$inferSelect;
type Kind = TrustAnchorRow['kind'];

/** A certificate or CRL as the admin screen shows it, before it is stored. */
export interface ParsedAnchor {
  kind: Kind;
  der: Buffer;
  subject: string;
  issuer: string;
  notBefore: Date | null;
  notAfter: Date | null;
  fingerprint: string;
}

/** PEM (one block) or bare base64 DER → DER bytes; anything else is `certificate_invalid`. */
export function decodePemOrBase64(data: string): Buffer {
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(data);
  const body = (pem ? pem[2]! : data).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new AppError('certificate_invalid');
  return Buffer.from(body, 'base64');
}

const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ');
const fingerprintOf = (der: Buffer) => createHash('sha256').update(der).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');

function parseCrl(der: Buffer): ParsedAnchor {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
  } catch {
    throw new AppError('certificate_invalid');
  }
  const issuer = crl.issuer.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(', ');
  return { kind: 'crl', der, subject: issuer, issuer, notBefore: crl.thisUpdate.value, notAfter: crl.nextUpdate?.value ?? null, fingerprint: fingerprintOf(der) };
}

/**
 * Reads an uploaded trust anchor. A root must be a self-signed CA certificate and an intermediate a CA
 * certificate: an end-entity certificate in the trust store would make anything it signed look trusted.
 */
export function parseTrustAnchor(kind: Kind, data: string): ParsedAnchor {
  const der = decodePemOrBase64(data);
  if (kind === 'crl') return parseCrl(der);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw new AppError('certificate_invalid');
  }
  const raw = Buffer.from(cert.raw);
  if (!cert.ca) throw new AppError('validation', { fields: fieldError('data', 'Đây không phải chứng thư của tổ chức cấp chứng thư (CA).', 'This is not a certificate authority (CA) certificate.') });
  const selfSigned = cert.subject === cert.issuer && cert.verify(cert.publicKey);
  if (kind === 'root' && !selfSigned) throw new AppError('validation', { fields: fieldError('data', 'Chứng thư gốc phải tự ký; hãy thêm chứng thư này như chứng thư trung gian.', 'A root certificate must be self-signed; add this one as an intermediate.') });
  return {
    kind, der: raw, subject: oneLine(cert.subject), issuer: oneLine(cert.issuer),
    notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo), fingerprint: fingerprintOf(raw),
  };
}

export function trustAnchorView(row: TrustAnchorRow): TrustAnchor {
  return {
    id: row.id, kind: row.kind, subject: row.subject, issuer: row.issuer, fingerprint: row.fingerprint,
    notBefore: row.notBefore?.toISOString() ?? null, notAfter: row.notAfter?.toISOString() ?? null, addedAt: row.addedAt.toISOString(),
  };
}

/** Stores a parsed anchor in a council's trust store; the same file twice is a conflict. */
export async function addTrustAnchor(db: Db, councilId: string, anchor: ParsedAnchor, userId: string | null): Promise<TrustAnchorRow> {
  const [row] = await db.insert(trustAnchors).values({
    councilId, kind: anchor.kind, subject: anchor.subject, issuer: anchor.issuer, notBefore: anchor.notBefore, notAfter: anchor.notAfter,
    fingerprint: anchor.fingerprint, der: anchor.der.toString('base64'), addedBy: userId,
  }).onConflictDoNothing().returning();
  if (!row) throw new AppError('conflict');
  return row;
}

/** What a verification needs from trust stores: DER roots, intermediates and CRLs. */
export interface TrustMaterial {
  roots: Uint8Array[];
  intermediates: Uint8Array[];
  crls: Uint8Array[];
}

/**
 * The trust material of one council, or of every council when `councilId` is null (the public verify
 * page: a citizen does not know which council's store applies, and a document signed under any council's
 * anchors is a genuine council document; the verdict names the signer and organisation, so trusting the
 * union does not let one council pass for another).
 */
export async function trustMaterial(db: Db, councilId: string | null): Promise<TrustMaterial> {
  const rows = await (councilId ? db.select().from(trustAnchors).where(eq(trustAnchors.councilId, councilId)) : db.select().from(trustAnchors));
  const seen = new Set<string>();
  const out: TrustMaterial = { roots: [], intermediates: [], crls: [] };
  for (const row of rows) {
    if (seen.has(row.fingerprint)) continue;
    seen.add(row.fingerprint);
    const der = new Uint8Array(Buffer.from(row.der, 'base64'));
    (row.kind === 'root' ? out.roots : row.kind === 'intermediate' ? out.intermediates : out.crls).push(der);
  }
  return out;
}
