import type { Suggestions } from '@hopso/shared/petition-match';
import type {
  BulkPetitionRequest, DuplicateGroup, EmailReceipt, Petition, PetitionAction, PetitionActionRequest, PetitionConfig, PetitionListQuery, PetitionStats,
} from '@hopso/shared/petitions';
import { api } from '../api.ts';
import { listQueryString } from './format.ts';

const enc = encodeURIComponent;

/** GET /api/petitions/:id: the petition, look-alikes to merge with, keyword-rule suggestions, and what the caller may do now. */
export interface PetitionDetail {
  ok: true;
  petition: Petition;
  similar: (DuplicateGroup['petitions'][number] & { score: number })[];
  suggestions: Suggestions;
  actions: PetitionAction[];
}

/** A part of an e-mail that was not kept (docs/api.md "Petition channels"): another type, too large, beyond the third. */
/** GET /api/councils/:id/petition-settings: the config and whether the caller may change it. */
export type PetitionSettingsAnswer = { ok: true; canConfigure: boolean } & PetitionConfig;

/** The petition calls of docs/api.md "Voter petitions"; every action answers the petition as it now is. */
export const petitionEndpoints = {
  list: (councilId: string, filter: PetitionListQuery) =>
    api.get<{ ok: true; petitions: Petition[]; total: number }>(`/api/councils/${enc(councilId)}/petitions${listQueryString(filter)}`),
  bulk: (councilId: string, body: BulkPetitionRequest) =>
    api.post<{ ok: true; petitions: { id: string; code: string }[] }>(`/api/councils/${enc(councilId)}/petitions`, body),
  stats: (councilId: string) => api.get<{ ok: true; stats: PetitionStats }>(`/api/councils/${enc(councilId)}/petitions/stats`),
  duplicates: (councilId: string) => api.get<{ ok: true; groups: DuplicateGroup[] }>(`/api/councils/${enc(councilId)}/petitions/duplicates`),
  settings: (councilId: string) => api.get<PetitionSettingsAnswer>(`/api/councils/${enc(councilId)}/petition-settings`),
  saveSettings: (councilId: string, body: PetitionConfig) => api.put<{ ok: true } & PetitionConfig>(`/api/councils/${enc(councilId)}/petition-settings`, body),
  /** One .eml file per request, sent as it is (the server parses it; the browser's own type for .eml varies). */
  email: (councilId: string, file: Blob) => api.postRaw<EmailReceipt>(`/api/councils/${enc(councilId)}/petitions/email`, file, 'message/rfc822'),
  get: (id: string) => api.get<PetitionDetail>(`/api/petitions/${enc(id)}`),
  act: (id: string, body: PetitionActionRequest) => api.post<{ ok: true; petition: Petition }>(`/api/petitions/${enc(id)}/actions`, body),
};

/** Plain links the browser opens (attachments are always downloads, never shown from our origin). */
export const petitionLinks = {
  attachment: (id: string, attachmentId: string) => `/api/petitions/${enc(id)}/attachments/${enc(attachmentId)}`,
  portal: (slug: string) => `/cong-khai/${enc(slug)}/kien-nghi`,
};
