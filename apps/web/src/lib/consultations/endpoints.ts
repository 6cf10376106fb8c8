import type {
  Consultation, ConsultationSummary, ConsultationTally, CreateConsultationRequest, ResponseRequest, UpdateConsultationRequest,
} from '@hopso/shared/consultation';
import type { Threshold } from '@hopso/shared/rules';
import { api, apiError, NetworkError } from '../api.ts';
import { signWith } from '../signature/sign.ts';

const enc = encodeURIComponent;
type Answer = { ok: true; consultation: Consultation };
export type MineSummary = ConsultationSummary & { answeredAt: string | null };
export interface ProgressMember { memberId: string; fullName: string; title: string | null; answeredAt: string | null; reminded: boolean }
export interface ResultView {
  final: boolean; threshold: Threshold | null; baseLabel: string; tally: ConsultationTally;
  people: { memberId: string; fullName: string; answeredAt: string | null; answers: string[] }[];
}

/** The consultation calls of docs/api.md "Consultations": every change answers the consultation as it now is. */
export const consultationEndpoints = {
  list: (councilId: string) => api.get<{ ok: true; consultations: ConsultationSummary[] }>(`/api/councils/${enc(councilId)}/consultations`),
  create: (councilId: string, body: CreateConsultationRequest) => api.post<Answer>(`/api/councils/${enc(councilId)}/consultations`, body),
  mine: () => api.get<{ ok: true; consultations: MineSummary[] }>('/api/consultations/mine'),
  get: (id: string) => api.get<Answer>(`/api/consultations/${enc(id)}`),
  update: (id: string, body: UpdateConsultationRequest) => api.patch<Answer>(`/api/consultations/${enc(id)}`, body),
  remove: (id: string) => api.del<{ ok: true }>(`/api/consultations/${enc(id)}`),
  attach: (id: string, documentId: string) => api.post<Answer>(`/api/consultations/${enc(id)}/documents/attach`, { documentId }),
  removeDocument: (id: string, documentId: string) => api.del<Answer>(`/api/consultations/${enc(id)}/documents/${enc(documentId)}`),
  send: (id: string) => api.post<Answer>(`/api/consultations/${enc(id)}/send`),
  close: (id: string) => api.post<Answer>(`/api/consultations/${enc(id)}/close`),
  respond: (id: string, body: ResponseRequest) => api.put<Answer>(`/api/consultations/${enc(id)}/response`, body),
  progress: (id: string) => api.get<{ ok: true; overdue: boolean; members: ProgressMember[] }>(`/api/consultations/${enc(id)}/progress`),
  result: (id: string) => api.get<{ ok: true } & ResultView>(`/api/consultations/${enc(id)}/result`),
};

/** Plain links the browser opens. */
export const consultationLinks = {
  file: (id: string, documentId: string) => `/api/consultations/${enc(id)}/documents/${enc(documentId)}/file`,
  pdf: (id: string) => `/api/consultations/${enc(id)}/result.pdf`,
  xlsx: (id: string) => `/api/consultations/${enc(id)}/result.xlsx`,
};

/** Uploads a PDF to a draft consultation (the title in the query, the file as the body, as meeting documents do). */
export async function uploadConsultationDocument(id: string, file: File, title: string): Promise<Consultation> {
  const query = new URLSearchParams({ title, filename: file.name });
  let res: Response;
  try {
    res = await fetch(`/api/consultations/${enc(id)}/documents?${query}`, { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: file, credentials: 'same-origin' });
  } catch (err) {
    throw new NetworkError(err);
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiError(res.status, data);
  return (data as Answer).consultation;
}

/** Signs the closed result sheet (the chair), through the same browser flow as resolutions and minutes. */
export function signConsultation(id: string, p12: Uint8Array, passphrase: string) {
  return signWith<{ consultation: Consultation }>((certificates) => api.post(`/api/consultations/${enc(id)}/signing`, { certificates }), p12, passphrase);
}
