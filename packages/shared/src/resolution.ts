import { z } from 'zod';
import { bilingual } from './errors.ts';

/** Lifecycle (DESIGN.md glossary `resolution`): ready for signature → signed by the chair → sealed → published. */
export const resolutionStatuses = ['ready', 'signed', 'sealed', 'published'] as const;
export type ResolutionStatus = (typeof resolutionStatuses)[number];

/** The printed document number of a council resolution: "12/NQ-HĐND" (NĐ30 Appendix III abbreviations). */
export function resolutionCode(number: number): string {
  return `${number}/NQ-HĐND`;
}

/** The calendar year in Vietnam (UTC+7) of an instant: numbering restarts each year on Vietnamese New Year's Day. */
export function vietnamYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}

/** POST /api/polls/:pollId/resolution: the adopted poll's draft document becomes a numbered resolution. */
export const createResolutionRequest = z.object({
  /** The draft PDF; by default the single document attached to the poll's agenda item. */
  draftDocumentId: z.uuid().optional(),
  /** Defaults to the poll's title. */
  title: z.string().trim().min(2, bilingual('Tên nghị quyết quá ngắn', 'The title is too short')).max(500).optional(),
  /** Someone other than the chair assigned by the council to sign; defaults to the chair. */
  signerId: z.uuid().nullable().optional(),
});
export type CreateResolutionRequest = z.input<typeof createResolutionRequest>;

export const resolutionSchema = z.object({
  id: z.uuid(),
  councilId: z.uuid(),
  meetingId: z.uuid(),
  pollId: z.uuid(),
  code: z.string(),
  number: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  adoptedOn: z.string(),
  status: z.enum(resolutionStatuses),
  pollResult: z.object({ total: z.number(), yes: z.object({ count: z.number(), basisPoints: z.number() }), required: z.number(), adopted: z.boolean() }).passthrough(),
  signerId: z.uuid().nullable(),
  signerName: z.string().nullable(),
  signedAt: z.string().nullable(),
  sealedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** SHA-256 of the file offered for download: sealed if sealed, else signed, else the adopted draft. */
  sha256: z.string(),
  /** Whether the caller may sign it now. */
  canSign: z.boolean(),
});
export type Resolution = z.infer<typeof resolutionSchema>;

/** Archive search: free text matches number, title and the document's text; dates bound the adoption date. */
export const resolutionSearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  status: z.enum(resolutionStatuses).optional(),
});
export type ResolutionSearchQuery = z.input<typeof resolutionSearchQuery>;

const base64 = z.string().max(8_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, bilingual('Không phải base64', 'Not base64'));

/** POST /api/resolutions/:id/signing: the signer's certificate chain (public), leaf first, DER in base64. */
export const startSigningRequest = z.object({
  certificates: z.array(base64.min(1)).min(1).max(10),
});
export type StartSigningRequest = z.input<typeof startSigningRequest>;

/** What the browser must sign: the prepared PDF's ByteRange digest (SHA-256, base64). */
export const signingSessionSchema = z.object({ sessionId: z.uuid(), digest: z.string(), expiresAt: z.string() });
export type SigningSession = z.infer<typeof signingSessionSchema>;

/** POST /api/signing-sessions/:id/cms: the detached CMS SignedData the browser built, DER in base64. */
export const completeSigningRequest = z.object({ cms: base64.min(1) });
export type CompleteSigningRequest = z.input<typeof completeSigningRequest>;

/** POST /api/councils/:id/trust-anchors: a certificate or CRL, PEM text or DER in base64. */
export const addTrustAnchorRequest = z.object({
  kind: z.enum(['root', 'intermediate', 'crl']),
  data: z.string().trim().min(1).max(2_000_000),
});
export type AddTrustAnchorRequest = z.input<typeof addTrustAnchorRequest>;

export const trustAnchorSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['root', 'intermediate', 'crl']),
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string().nullable(),
  notAfter: z.string().nullable(),
  fingerprint: z.string(),
  addedAt: z.string(),
});
export type TrustAnchor = z.infer<typeof trustAnchorSchema>;

/** PUT /api/councils/:id/signature-images/{seal|me}: a transparent PNG, base64. */
export const signatureImageRequest = z.object({ png: base64.min(8).max(1_400_000) });
export type SignatureImageRequest = z.input<typeof signatureImageRequest>;
