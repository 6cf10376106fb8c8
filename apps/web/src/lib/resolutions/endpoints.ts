import type { AddTrustAnchorRequest, CreateResolutionRequest, Resolution, ResolutionSearchQuery, SigningSession, TrustAnchor } from '@hopso/shared/resolution';
import type { VerificationReport } from '@hopso/shared/signature';
import { api, apiError, NetworkError } from '../api.ts';

const enc = encodeURIComponent;

/** An adopted poll that has no resolution yet (GET /api/councils/:id/resolution-candidates). */
export interface CandidatePoll {
  pollId: string;
  title: string;
  meetingId: string;
  agendaItemId: string | null;
  agendaTitle: string | null;
  closedAt: string | null;
}

/** What the server answers once the CMS is in: the signed and sealed resolution and its verification report. */
export interface SigningDone {
  ok: true;
  resolution: Resolution;
  report: VerificationReport;
}

function query(q: ResolutionSearchQuery): string {
  const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The resolution, trust store and verify calls of docs/api.md. */
export const resolutionEndpoints = {
  list: (councilId: string, q: ResolutionSearchQuery = {}) =>
    api.get<{ ok: true; resolutions: Resolution[] }>(`/api/councils/${enc(councilId)}/resolutions${query(q)}`),
  candidates: (councilId: string) => api.get<{ ok: true; polls: CandidatePoll[] }>(`/api/councils/${enc(councilId)}/resolution-candidates`),
  create: (pollId: string, body: CreateResolutionRequest = {}) => api.post<{ ok: true; resolution: Resolution }>(`/api/polls/${enc(pollId)}/resolution`, body),
  get: (id: string) => api.get<{ ok: true; resolution: Resolution }>(`/api/resolutions/${enc(id)}`),
  startSigning: (id: string, certificates: string[]) => api.post<{ ok: true; session: SigningSession }>(`/api/resolutions/${enc(id)}/signing`, { certificates }),
  publish: (id: string) => api.post<{ ok: true; resolution: Resolution }>(`/api/resolutions/${enc(id)}/publish`),
  images: (councilId: string) => api.get<{ ok: true; seal: boolean; mine: boolean }>(`/api/councils/${enc(councilId)}/signature-images`),
  putImage: (councilId: string, which: 'seal' | 'mine', png: string) => api.put<{ ok: true }>(`/api/councils/${enc(councilId)}/signature-images/${which}`, { png }),
  trustAnchors: (councilId: string) => api.get<{ ok: true; anchors: TrustAnchor[] }>(`/api/councils/${enc(councilId)}/trust-anchors`),
  addTrustAnchor: (councilId: string, body: AddTrustAnchorRequest) => api.post<{ ok: true; anchor: TrustAnchor }>(`/api/councils/${enc(councilId)}/trust-anchors`, body),
  removeTrustAnchor: (id: string) => api.del<{ ok: true }>(`/api/trust-anchors/${enc(id)}`),
};

/** Plain links the browser downloads. */
export const resolutionLinks = {
  file: (id: string) => `/api/resolutions/${enc(id)}/file`,
};

/** POST /api/verify with the PDF itself as the body (no login needed). */
export async function verifyFile(file: Blob): Promise<VerificationReport> {
  let res: Response;
  try {
    res = await fetch('/api/verify', { method: 'POST', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, body: file, credentials: 'same-origin' });
  } catch (err) {
    throw new NetworkError(err);
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiError(res.status, data);
  return (data as { report: VerificationReport }).report;
}
