import type { PublicRsvp, Rsvp, RsvpCard, RsvpListResponse, RsvpRequest } from '@hopso/shared/invitations';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** The invitation calls of docs/api.md "Invitations": the invitee's card, the personal link, the secretariat's list. */
export const invitationEndpoints = {
  card: (meetingId: string) => api.get<RsvpCard>(`/api/meetings/${enc(meetingId)}/rsvp`),
  answer: (meetingId: string, body: RsvpRequest) => api.put<{ ok: true; rsvp: Rsvp }>(`/api/meetings/${enc(meetingId)}/rsvp`, body),
  list: (meetingId: string) => api.get<RsvpListResponse>(`/api/meetings/${enc(meetingId)}/rsvps`),
  byLink: (token: string) => api.get<PublicRsvp>(`/api/public/rsvp/${enc(token)}`),
  answerByLink: (token: string, body: RsvpRequest) => api.put<PublicRsvp>(`/api/public/rsvp/${enc(token)}`, body),
};
