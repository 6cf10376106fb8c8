import { z } from 'zod';

/**
 * A meeting's record (hồ sơ): the minutes (biên bản), exports of attendance and poll results, and its
 * recordings. Routes in docs/api.md "Meeting record".
 */

/** Narrative sections of the minutes: before the agenda, after it, free text, and one per agenda item. */
export const minutesSectionKey = z.string().regex(/^(opening|closing|free|item:[0-9a-f-]{36})$/, 'section');
export const itemSection = (agendaItemId: string) => `item:${agendaItemId}`;

export const updateMinutesRequest = z.object({
  notes: z.record(minutesSectionKey, z.string().max(20_000)),
  /** Document number as printed ("05/BB-HĐND"); null leaves the dotted placeholder. */
  code: z.string().trim().max(40).nullable().optional(),
  /** Someone other than the chair assigned by the council to sign the minutes; null: any chair. */
  signerId: z.uuid().nullable().optional(),
});
export type UpdateMinutesRequest = z.input<typeof updateMinutesRequest>;

/** Lifecycle of the minutes: the secretary's draft → finalised (frozen PDF) → signed by the chair and sealed. */
export const minutesStatuses = ['draft', 'final', 'signed'] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

export interface MinutesView {
  meetingId: string;
  status: MinutesStatus;
  code: string | null;
  notes: Record<string, string>;
  /** The sections the secretary may write, in document order. */
  sections: { key: string; title: string }[];
  updatedAt: string | null;
  finalizedAt: string | null;
  finalizedBy: string | null;
  /** SHA-256 of the frozen PDF once final: the document the signing flow takes. */
  finalSha256: string | null;
  /** The assigned signer (null: any chair of the council). */
  signerId: string | null;
  /** Who signed, when, and the SHA-256 of the signed and sealed PDF readers then get. */
  signerName: string | null;
  signedAt: string | null;
  signedSha256: string | null;
  /** Whether the caller may edit and finalise. */
  canManage: boolean;
  /** Whether the caller may sign now (final, not yet signed, and the caller is the signer). */
  canSign: boolean;
}

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

const recordingFields = {
  title: z.string().trim().min(1).max(200),
  url: httpUrl,
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  durationSeconds: z.number().int().min(1).max(7 * 24 * 3600).nullable(),
  /** Manual offsets in seconds per agenda item id; they replace the automatic ones. */
  offsets: z.record(z.uuid(), z.number().int().min(0).max(7 * 24 * 3600)),
};

/** A recording: a video file or link, with when it starts in real time (for automatic offsets). */
export const recordingInput = z.object({
  ...recordingFields,
  startedAt: recordingFields.startedAt.default(null),
  durationSeconds: recordingFields.durationSeconds.default(null),
  offsets: recordingFields.offsets.default({}),
});
export type RecordingInput = z.input<typeof recordingInput>;
/** A change to a recording: only the fields given change (no defaults, so nothing is reset by omission). */
export const updateRecordingRequest = z.object(recordingFields).partial();
export type UpdateRecordingRequest = z.input<typeof updateRecordingRequest>;

export interface RecordingItemOffset {
  agendaItemId: string;
  title: string;
  offsetSeconds: number;
  source: 'auto' | 'manual';
}

export interface RecordingView {
  id: string;
  title: string;
  url: string;
  startedAt: string | null;
  durationSeconds: number | null;
  /** Where each agenda item starts in this recording, in agenda order; items outside it are left out. */
  items: RecordingItemOffset[];
}

/** What the public portal gets for a public session: `GET /api/public/meetings/:meetingId/recordings`. */
export interface PublicRecordings {
  meetingId: string;
  title: string;
  startsAt: string;
  livestreamUrl: string | null;
  recordings: RecordingView[];
}

/**
 * Offsets of agenda items in one recording: the item's first live time minus the recording's start, kept
 * when it falls inside the recording; a manual offset always wins. Items are returned in the order given.
 */
export function recordingOffsets(
  recording: { startedAt: string | null; durationSeconds: number | null; offsets: Record<string, number> },
  items: { id: string; title: string; liveAt: string | null }[],
): RecordingItemOffset[] {
  const start = recording.startedAt ? Date.parse(recording.startedAt) : NaN;
  const out: RecordingItemOffset[] = [];
  for (const item of items) {
    const manual = recording.offsets[item.id];
    if (manual !== undefined) {
      out.push({ agendaItemId: item.id, title: item.title, offsetSeconds: manual, source: 'manual' });
      continue;
    }
    if (Number.isNaN(start) || !item.liveAt) continue;
    const offset = Math.floor((Date.parse(item.liveAt) - start) / 1000);
    if (offset < 0 || (recording.durationSeconds !== null && offset > recording.durationSeconds)) continue;
    out.push({ agendaItemId: item.id, title: item.title, offsetSeconds: offset, source: 'auto' });
  }
  return out;
}

/** A link that starts a video at an offset (Media Fragments `#t=`), which browsers' players honour. */
export function linkAt(url: string, seconds: number): string {
  return `${url.replace(/#.*$/, '')}#t=${seconds}`;
}

/** "1:02:05" or "12:05": an offset as video players show it. */
export function formatOffset(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Tables a meeting's record exports, and the formats each comes in. */
export const exportTables = ['attendance', 'polls'] as const;
export type ExportTable = (typeof exportTables)[number];
export const exportFormats = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];
