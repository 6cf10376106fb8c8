import type { RecordingInput, RecordingView } from '@hopso/shared/record';
import { formatOffset } from '@hopso/shared/record';
import { vietnamLocalToIso } from '@hopso/shared/time';
import { isoToVietnamLocal } from '../meeting/form.ts';
import { parseOffset } from './offsets.ts';

/** A recording as the form edits it: text fields, the start in Vietnam time, manual offsets as typed. */
export interface RecordingFormValues {
  title: string;
  url: string;
  startedAt: string;
  durationMinutes: string;
  offsets: Record<string, string>;
}

/** The form for a recording: empty for a new one; for an existing one only its manual offsets are filled. */
export function recordingForm(r?: RecordingView): RecordingFormValues {
  return {
    title: r?.title ?? '', url: r?.url ?? '', startedAt: r?.startedAt ? isoToVietnamLocal(r.startedAt) : '',
    durationMinutes: r?.durationSeconds ? String(Math.round(r.durationSeconds / 60)) : '',
    offsets: Object.fromEntries((r?.items ?? []).filter((i) => i.source === 'manual').map((i) => [i.agendaItemId, formatOffset(i.offsetSeconds)])),
  };
}

/**
 * The request body from the form, or the ids of offset fields that are not a time. Empty offsets are left
 * to the automatic value from the event log.
 */
export function recordingBody(v: RecordingFormValues): { body: Required<RecordingInput> } | { invalid: string[] } {
  const offsets: Record<string, number> = {};
  const invalid: string[] = [];
  for (const [id, text] of Object.entries(v.offsets)) {
    if (!text.trim()) continue;
    const seconds = parseOffset(text);
    if (seconds === null) invalid.push(id);
    else offsets[id] = seconds;
  }
  if (invalid.length) return { invalid };
  const minutes = Number(v.durationMinutes);
  return {
    body: {
      title: v.title.trim(), url: v.url.trim(), startedAt: v.startedAt ? vietnamLocalToIso(v.startedAt) : null,
      durationSeconds: v.durationMinutes.trim() && Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : null, offsets,
    },
  };
}
