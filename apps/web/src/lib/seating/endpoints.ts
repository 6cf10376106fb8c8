import type { CheckinResult, GuestPass, GuestPassRequest, GuestView, MyCheckin } from '@hopso/shared/checkin';
import type { MeetingSeating, Venue, VenueRequest } from '@hopso/shared/seating';
import { api } from '../api.ts';

const enc = encodeURIComponent;
type SeatingAnswer = { ok: true; seating: MeetingSeating };

/** The calls of docs/api.md "Seating plan and QR check-in". */
export const seatingEndpoints = {
  venues: (councilId: string) => api.get<{ ok: true; venues: Venue[] }>(`/api/councils/${enc(councilId)}/venues`),
  createVenue: (councilId: string, body: VenueRequest) => api.post<{ ok: true; venue: Venue }>(`/api/councils/${enc(councilId)}/venues`, body),
  updateVenue: (id: string, body: VenueRequest) => api.put<{ ok: true; venue: Venue }>(`/api/venues/${enc(id)}`, body),
  removeVenue: (id: string) => api.del<{ ok: true }>(`/api/venues/${enc(id)}`),
  seating: (meetingId: string) => api.get<SeatingAnswer>(`/api/meetings/${enc(meetingId)}/seating`),
  setVenue: (meetingId: string, venueId: string | null) => api.put<SeatingAnswer>(`/api/meetings/${enc(meetingId)}/seating/venue`, { venueId }),
  assign: (meetingId: string, userId: string, label: string | null) => api.put<SeatingAnswer>(`/api/meetings/${enc(meetingId)}/seating/seats`, { userId, label }),
  autoAssign: (meetingId: string) => api.post<SeatingAnswer & { assigned: number; unseated: string[] }>(`/api/meetings/${enc(meetingId)}/seating/auto`),
  myCheckin: (meetingId: string) => api.get<{ ok: true; checkin: MyCheckin }>(`/api/meetings/${enc(meetingId)}/checkin/me`),
  codes: (meetingId: string) => api.get<{ ok: true; codes: (MyCheckin & { userId: string; fullName: string; role: string })[] }>(`/api/meetings/${enc(meetingId)}/checkin/codes`),
  scan: (meetingId: string, code: string) => api.post<{ ok: true; checkin: CheckinResult }>(`/api/meetings/${enc(meetingId)}/checkin`, { code }),
  guestPasses: (meetingId: string) => api.get<{ ok: true; passes: GuestPass[] }>(`/api/meetings/${enc(meetingId)}/guest-passes`),
  createGuestPass: (meetingId: string, body: GuestPassRequest) => api.post<{ ok: true; pass: GuestPass }>(`/api/meetings/${enc(meetingId)}/guest-passes`, body),
  revokeGuestPass: (id: string) => api.del<{ ok: true }>(`/api/guest-passes/${enc(id)}`),
  guest: (code: string) => api.get<{ ok: true; guest: GuestView }>(`/api/public/guest/${enc(code)}`),
  guestFileUrl: (code: string, documentId: string) => `/api/public/guest/${enc(code)}/documents/${enc(documentId)}/file`,
};

/** The link a guest QR carries: a phone's camera opens the guest page straight away. */
export function guestLink(code: string, origin = globalThis.location?.origin ?? ''): string {
  return `${origin}/khach/${code}`;
}
