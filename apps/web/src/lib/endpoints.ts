import type { LoginRequest, SessionUser, TotpEnableRequest, TotpSetupResponse } from '@hopso/shared/auth';
import type { Body, Council, CouncilRulesResponse, CreateBodyRequest, CreateCouncilRequest, CreateTermRequest, Term, UpdateCouncilRequest, UpdateRulesRequest } from '@hopso/shared/council';
import type { Member, MemberImportResponse } from '@hopso/shared/member';
import type { CreateMeetingRequest, Invitee, MeetingDetail, MeetingSummary, UpdateMeetingRequest } from '@hopso/shared/meeting';
import type { AgendaItem, CreateAgendaItemRequest, MoveAgendaItemRequest, UpdateAgendaItemRequest } from '@hopso/shared/agenda';
import type { CouncilRole } from '@hopso/shared/roles';
import { api } from './api.ts';

/** A council as GET /api/councils returns it: with the caller's role in it (null for system admins). */
export type CouncilWithRole = Council & { role: CouncilRole | null };

const enc = encodeURIComponent;

/** One typed function per endpoint of docs/api.md, so screens never spell a URL or a body shape twice. */
export const endpoints = {
  login: (body: LoginRequest) => api.post<{ ok: true; user: SessionUser }>('/api/auth/login', body),
  logout: () => api.post<{ ok: true }>('/api/auth/logout'),
  logoutAll: () => api.post<{ ok: true }>('/api/auth/logout-all'),
  me: () => api.get<{ ok: true; user: SessionUser }>('/api/auth/me'),
  calendar: () => api.get<{ ok: true; url: string }>('/api/auth/calendar'),
  totpSetup: () => api.post<{ ok: true } & TotpSetupResponse>('/api/auth/totp/setup'),
  totpEnable: (body: TotpEnableRequest) => api.post<{ ok: true }>('/api/auth/totp/enable', body),

  councils: () => api.get<{ ok: true; councils: CouncilWithRole[] }>('/api/councils'),
  createCouncil: (body: CreateCouncilRequest) => api.post<{ ok: true; council: Council }>('/api/councils', body),
  council: (id: string) => api.get<{ ok: true; council: CouncilWithRole }>(`/api/councils/${enc(id)}`),
  updateCouncil: (id: string, body: UpdateCouncilRequest) => api.patch<{ ok: true; council: CouncilWithRole }>(`/api/councils/${enc(id)}`, body),
  councilRules: (id: string) => api.get<CouncilRulesResponse>(`/api/councils/${enc(id)}/rules`),
  saveCouncilRules: (id: string, body: UpdateRulesRequest) => api.put<CouncilRulesResponse>(`/api/councils/${enc(id)}/rules`, body),
  createTerm: (id: string, body: CreateTermRequest) =>
    api.post<{ ok: true; term: Term }>(`/api/councils/${enc(id)}/terms`, body),
  members: (id: string) => api.get<{ ok: true; members: Member[] }>(`/api/councils/${enc(id)}/members`),
  importMembers: (id: string, csv: string) =>
    api.post<MemberImportResponse>(`/api/councils/${enc(id)}/members/import`, { csv }),
  committees: (id: string) => api.get<{ ok: true; committees: Body[] }>(`/api/councils/${enc(id)}/committees`),
  createCommittee: (id: string, body: CreateBodyRequest) =>
    api.post<{ ok: true; committee: Body }>(`/api/councils/${enc(id)}/committees`, body),
  groups: (id: string) => api.get<{ ok: true; groups: Body[] }>(`/api/councils/${enc(id)}/groups`),
  createGroup: (id: string, body: CreateBodyRequest) =>
    api.post<{ ok: true; group: Body }>(`/api/councils/${enc(id)}/groups`, body),
  councilMeetings: (id: string) =>
    api.get<{ ok: true; meetings: MeetingSummary[] }>(`/api/councils/${enc(id)}/meetings`),
  createMeeting: (id: string, body: CreateMeetingRequest) =>
    api.post<{ ok: true; meeting: MeetingSummary }>(`/api/councils/${enc(id)}/meetings`, body),

  myMeetings: () => api.get<{ ok: true; meetings: MeetingSummary[] }>('/api/meetings'),
  meeting: (id: string) => api.get<{ ok: true; meeting: MeetingDetail }>(`/api/meetings/${enc(id)}`),
  updateMeeting: (id: string, body: UpdateMeetingRequest) =>
    api.patch<{ ok: true; meeting: MeetingSummary }>(`/api/meetings/${enc(id)}`, body),
  publishMeeting: (id: string) => api.post<{ ok: true; meeting: MeetingSummary }>(`/api/meetings/${enc(id)}/publish`),
  addAgendaItem: (meetingId: string, body: CreateAgendaItemRequest) =>
    api.post<{ ok: true; item: AgendaItem }>(`/api/meetings/${enc(meetingId)}/agenda`, body),
  updateAgendaItem: (id: string, body: UpdateAgendaItemRequest) =>
    api.patch<{ ok: true; item: AgendaItem }>(`/api/agenda-items/${enc(id)}`, body),
  moveAgendaItem: (id: string, body: MoveAgendaItemRequest) =>
    api.post<{ ok: true; agenda: AgendaItem[] }>(`/api/agenda-items/${enc(id)}/move`, body),
  deleteAgendaItem: (id: string) => api.del<{ ok: true }>(`/api/agenda-items/${enc(id)}`),
  invitations: (meetingId: string) =>
    api.get<{ ok: true; invitees: Invitee[] }>(`/api/meetings/${enc(meetingId)}/invitations`),
  setInvitations: (meetingId: string, userIds: string[]) =>
    api.put<{ ok: true; invitees: Invitee[] }>(`/api/meetings/${enc(meetingId)}/invitations`, { userIds }),
};
