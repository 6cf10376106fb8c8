import { z } from 'zod';

/** DESIGN.md: public (portal once published), internal (members and invited guests), secret (mật: paper only). */
export const confidentialities = ['public', 'internal', 'secret'] as const;
export type Confidentiality = (typeof confidentialities)[number];

/** Default upload limit; councils can raise it with MAX_UPLOAD_MB. Budget reports run to hundreds of pages. */
export const defaultMaxUploadMb = 200;

/**
 * Upload metadata travels in the query string because the body is the PDF itself, streamed to disk:
 * `POST /api/meetings/:meetingId/documents?title=…&confidentiality=…&agendaItemId=…` with `Content-Type: application/pdf`.
 */
export const uploadDocumentQuery = z.object({
  title: z.string().trim().min(2).max(300),
  confidentiality: z.enum(['public', 'internal']).default('internal'),
  agendaItemId: z.uuid().optional().transform((v) => v ?? null),
});
export type UploadDocumentQuery = z.input<typeof uploadDocumentQuery>;

/** A secret document is registered by title only: its bytes never travel over the network (DESIGN.md). */
export const registerSecretDocumentRequest = z.object({
  title: z.string().trim().min(2).max(300),
  agendaItemId: z.uuid().nullable().default(null),
});
export type RegisterSecretDocumentRequest = z.input<typeof registerSecretDocumentRequest>;

export const updateDocumentRequest = z.object({
  title: z.string().trim().min(2).max(300),
  agendaItemId: z.uuid().nullable(),
  confidentiality: z.enum(confidentialities),
}).partial();
export type UpdateDocumentRequest = z.input<typeof updateDocumentRequest>;

export const documentVersionSchema = z.object({
  version: z.number().int(),
  sha256: z.string(),
  filename: z.string(),
  bytes: z.number().int(),
  pageCount: z.number().int(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});
export type DocumentVersion = z.infer<typeof documentVersionSchema>;

export const documentSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  agendaItemId: z.uuid().nullable(),
  title: z.string(),
  confidentiality: z.enum(confidentialities),
  /** The current version; null for a secret document (no bytes on the system). */
  current: documentVersionSchema.nullable(),
  /** Uploaded (current version) after the council's send-ahead deadline for this meeting. */
  late: z.boolean(),
  /** The caller opened an earlier version and has not seen the current one. */
  changed: z.boolean(),
  /** Whether the caller may fetch the bytes (false for secret documents, always). */
  readable: z.boolean(),
});
export type MeetingDocument = z.infer<typeof documentSchema>;

/** Sent by the viewer when a delegate opens a document or turns a page: the read receipt and the last page. */
export const viewRequest = z.object({ page: z.number().int().min(1).max(100_000) });
export type ViewRequest = z.infer<typeof viewRequest>;

export const viewStateSchema = z.object({ lastPage: z.number().int().nullable() });
export type ViewState = z.infer<typeof viewStateSchema>;

/** A rectangle in PDF page units (points, origin bottom-left, as pdf.js viewports convert them). */
export const rectSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const annotationKinds = ['highlight', 'note'] as const;

export const annotationInput = z.object({
  page: z.number().int().min(1).max(100_000),
  kind: z.enum(annotationKinds),
  rects: z.array(rectSchema).max(200).default([]),
  color: z.string().regex(/^#[0-9a-f]{6}$/i).default('#ffd54f'),
  text: z.string().max(10_000).default(''),
});
export type AnnotationInput = z.input<typeof annotationInput>;

export const annotationSchema = z.object({
  id: z.uuid(),
  page: z.number().int(),
  kind: z.enum(annotationKinds),
  rects: z.array(rectSchema),
  color: z.string(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

/** Read receipts for the secretariat: who opened each document, when, and the share of invited delegates. */
export const readReceiptSchema = z.object({
  documentId: z.uuid(),
  title: z.string(),
  late: z.boolean(),
  delegatesInvited: z.number().int(),
  delegatesOpened: z.number().int(),
  readers: z.array(z.object({ userId: z.uuid(), fullName: z.string(), firstOpenedAt: z.string(), lastOpenedAt: z.string() })),
});
export type ReadReceipt = z.infer<typeof readReceiptSchema>;

/** Whether a document uploaded at `uploadedAt` missed the send-ahead deadline of a meeting (regular sessions only by default). */
export function isLate(uploadedAt: Date, meeting: { startsAt: Date; kind: string }, sendAheadDays: number): boolean {
  if (meeting.kind !== 'regular') return false;
  return uploadedAt.getTime() > meeting.startsAt.getTime() - sendAheadDays * 86400_000;
}
