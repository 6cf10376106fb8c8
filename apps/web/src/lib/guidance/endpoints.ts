import type { StartRehearsalRequest, TourState } from '@hopso/shared/guidance';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** The guidance calls of docs/api.md "Guidance and rehearsal". */
export const guidanceEndpoints = {
  tour: () => api.get<{ ok: true; tour: TourState }>('/api/guidance/tour'),
  tourSeen: () => api.put<{ ok: true; tour: TourState }>('/api/guidance/tour', {}),
  tourReset: () => api.del<{ ok: true; tour: TourState }>('/api/guidance/tour'),
  startRehearsal: (meetingId: string, body: StartRehearsalRequest = {}) =>
    api.post<{ ok: true; meeting: MeetingSummary }>(`/api/meetings/${enc(meetingId)}/rehearsal`, body),
};
