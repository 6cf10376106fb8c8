import type { MinutesView, RecordingInput, RecordingView, UpdateMinutesRequest, UpdateRecordingRequest, ExportFormat, ExportTable } from '@hopso/shared/record';
import type { SigningSession } from '@hopso/shared/resolution';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** The meeting record's endpoints (docs/api.md "Meeting record"): minutes, exports and recordings. */
export const recordEndpoints = {
  minutes: (meetingId: string) => api.get<{ ok: true; minutes: MinutesView }>(`/api/meetings/${enc(meetingId)}/minutes`),
  saveMinutes: (meetingId: string, body: UpdateMinutesRequest) => api.put<{ ok: true; minutes: MinutesView }>(`/api/meetings/${enc(meetingId)}/minutes`, body),
  finalize: (meetingId: string) => api.post<{ ok: true; minutes: MinutesView }>(`/api/meetings/${enc(meetingId)}/minutes/finalize`),
  /** Starts signing the final minutes (the browser part: lib/signature/sign.ts signMinutes). */
  startSigning: (meetingId: string, certificates: string[]) => api.post<{ ok: true; session: SigningSession }>(`/api/meetings/${enc(meetingId)}/minutes/signing`, { certificates }),
  recordings: (meetingId: string) =>
    api.get<{ ok: true; livestreamUrl: string | null; recordings: RecordingView[]; canManage: boolean }>(`/api/meetings/${enc(meetingId)}/recordings`),
  addRecording: (meetingId: string, body: RecordingInput) => api.post<{ ok: true; recording: RecordingView }>(`/api/meetings/${enc(meetingId)}/recordings`, body),
  updateRecording: (recordingId: string, body: UpdateRecordingRequest) => api.patch<{ ok: true; recording: RecordingView }>(`/api/recordings/${enc(recordingId)}`, body),
  removeRecording: (recordingId: string) => api.del<{ ok: true }>(`/api/recordings/${enc(recordingId)}`),
};

/** Download links (plain GETs the browser follows, so files stream straight to disk). */
export const recordLinks = {
  minutesPdf: (meetingId: string, inline = false) => `/api/meetings/${enc(meetingId)}/minutes/pdf${inline ? '?inline=1' : ''}`,
  export: (meetingId: string, table: ExportTable, format: ExportFormat) => `/api/meetings/${enc(meetingId)}/exports/${table}.${format}`,
  zip: (meetingId: string) => `/api/meetings/${enc(meetingId)}/exports/record.zip`,
};
