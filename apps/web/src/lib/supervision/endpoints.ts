import type {
  CreateTopicRequest, FollowUpItem, FollowUpStatus, RecommendationRequest, ScheduleEntryRequest, SupervisionDocumentKind, SupervisionTopic,
  SupervisionTopicSummary, UpdateRecommendationRequest, UpdateSupervisionDocumentRequest, UpdateTopicRequest,
} from '@hopso/shared/supervision';
import { api, apiError, NetworkError } from '../api.ts';

const enc = encodeURIComponent;
type TopicAnswer = { ok: true; topic: SupervisionTopic };

/** The supervision calls of docs/api.md "Supervision": every change answers the topic as it now is. */
export const supervisionEndpoints = {
  list: (councilId: string) => api.get<{ ok: true; topics: SupervisionTopicSummary[] }>(`/api/councils/${enc(councilId)}/supervision`),
  followUp: (councilId: string, status?: FollowUpStatus) =>
    api.get<{ ok: true; recommendations: FollowUpItem[] }>(`/api/councils/${enc(councilId)}/supervision/follow-up${status ? `?status=${status}` : ''}`),
  create: (councilId: string, body: CreateTopicRequest) => api.post<TopicAnswer>(`/api/councils/${enc(councilId)}/supervision`, body),
  get: (id: string) => api.get<TopicAnswer>(`/api/supervision/${enc(id)}`),
  update: (id: string, body: UpdateTopicRequest) => api.patch<TopicAnswer>(`/api/supervision/${enc(id)}`, body),
  remove: (id: string) => api.del<{ ok: true }>(`/api/supervision/${enc(id)}`),
  publish: (id: string) => api.post<TopicAnswer>(`/api/supervision/${enc(id)}/publish`),
  addEntry: (id: string, body: ScheduleEntryRequest) => api.post<TopicAnswer>(`/api/supervision/${enc(id)}/schedule`, body),
  removeEntry: (id: string, entryId: string) => api.del<TopicAnswer>(`/api/supervision/${enc(id)}/schedule/${enc(entryId)}`),
  updateDocument: (id: string, documentId: string, body: UpdateSupervisionDocumentRequest) =>
    api.patch<TopicAnswer>(`/api/supervision/${enc(id)}/documents/${enc(documentId)}`, body),
  removeDocument: (id: string, documentId: string) => api.del<TopicAnswer>(`/api/supervision/${enc(id)}/documents/${enc(documentId)}`),
  addRecommendation: (id: string, body: RecommendationRequest) => api.post<TopicAnswer>(`/api/supervision/${enc(id)}/recommendations`, body),
  updateRecommendation: (id: string, recommendationId: string, body: UpdateRecommendationRequest) =>
    api.patch<TopicAnswer>(`/api/supervision/${enc(id)}/recommendations/${enc(recommendationId)}`, body),
  removeRecommendation: (id: string, recommendationId: string) => api.del<TopicAnswer>(`/api/supervision/${enc(id)}/recommendations/${enc(recommendationId)}`),
};

/** Plain links the browser opens. */
export const supervisionLinks = {
  file: (id: string, documentId: string) => `/api/supervision/${enc(id)}/documents/${enc(documentId)}/file`,
  portal: (slug: string, id: string) => `/cong-khai/${enc(slug)}/giam-sat/${enc(id)}`,
};

/** Uploads a PDF to a topic (metadata in the query, the file as the body, as meeting documents do). */
export async function uploadSupervisionDocument(id: string, file: File, meta: { title: string; kind: SupervisionDocumentKind; public: boolean }): Promise<SupervisionTopic> {
  const query = new URLSearchParams({ title: meta.title, kind: meta.kind, public: String(meta.public), filename: file.name });
  let res: Response;
  try {
    res = await fetch(`/api/supervision/${enc(id)}/documents?${query}`, { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: file, credentials: 'same-origin' });
  } catch (err) {
    throw new NetworkError(err);
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiError(res.status, data);
  return (data as TopicAnswer).topic;
}
