import { z } from 'zod';
import { meetingKinds } from './meeting.ts';

// The public portal (/cong-khai) and the open data API (/api/public): what citizens may see. These schemas
// are the contract of the open data endpoints and the source of their OpenAPI description.

/** A council's address on the portal: its name without diacritics, e.g. "HĐND xã Tân Phú" → "hdnd-xa-tan-phu". */
export function councilSlug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'hdnd';
}

export const publicCouncil = z.object({
  id: z.uuid(),
  slug: z.string().meta({ description: 'Path segment of the council on the portal, /cong-khai/{slug}' }),
  name: z.string(),
  level: z.enum(['commune', 'ward', 'province']),
  locality: z.string(),
}).meta({ id: 'PublicCouncil' });
export type PublicCouncil = z.infer<typeof publicCouncil>;

/** Published, live or held meetings that are not closed sittings. */
export const publicMeeting = z.object({
  id: z.uuid(),
  councilId: z.uuid(),
  title: z.string(),
  kind: z.enum(meetingKinds),
  status: z.enum(['published', 'live', 'closed', 'cancelled']),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().nullable(),
  place: z.string(),
  livestreamUrl: z.string().nullable(),
}).meta({ id: 'PublicMeeting' });
export type PublicMeeting = z.infer<typeof publicMeeting>;

/** A `public` document of a public meeting: metadata of its current version. */
export const publicDocument = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  title: z.string(),
  filename: z.string().nullable(),
  sha256: z.string().nullable(),
  bytes: z.number().int().nullable(),
  pageCount: z.number().int().nullable(),
  uploadedAt: z.iso.datetime().nullable(),
  fileUrl: z.string().nullable().meta({ description: 'Download path of the PDF, null while no file is uploaded' }),
}).meta({ id: 'PublicDocument' });
export type PublicDocument = z.infer<typeof publicDocument>;

/** A published resolution. `signatureVerified`: the server verified every signature when it sealed the file. */
export const publicResolution = z.object({
  id: z.uuid(),
  councilId: z.uuid(),
  meetingId: z.uuid(),
  code: z.string(),
  title: z.string(),
  adoptedOn: z.iso.date(),
  signedAt: z.iso.datetime().nullable(),
  publishedAt: z.iso.datetime(),
  sha256: z.string(),
  signatureVerified: z.boolean(),
  fileUrl: z.string(),
}).meta({ id: 'PublicResolution' });
export type PublicResolution = z.infer<typeof publicResolution>;

/** Query of the public lists: free text, paging. */
export const publicListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PublicListQuery = z.output<typeof publicListQuery>;
