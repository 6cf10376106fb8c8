import type { Annotation, AnnotationInput, MeetingDocument } from '@hopso/shared/document';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** The viewer's calls of docs/api.md (documents): its metadata, the reading position, private annotations. */
export const viewerEndpoints = {
  documents: (meetingId: string) => api.get<{ ok: true; documents: MeetingDocument[] }>(`/api/meetings/${enc(meetingId)}/documents`),
  lastPage: (documentId: string) => api.get<{ ok: true; lastPage: number | null }>(`/api/documents/${enc(documentId)}/views/me`),
  view: (documentId: string, page: number) => api.post<{ ok: true }>(`/api/documents/${enc(documentId)}/views`, { page }),
  annotations: (documentId: string) => api.get<{ ok: true; annotations: Annotation[] }>(`/api/documents/${enc(documentId)}/annotations`),
  annotate: (documentId: string, body: AnnotationInput) =>
    api.post<{ ok: true; annotation: Annotation }>(`/api/documents/${enc(documentId)}/annotations`, body),
  updateAnnotation: (id: string, body: Partial<AnnotationInput>) =>
    api.patch<{ ok: true; annotation: Annotation }>(`/api/annotations/${enc(id)}`, body),
  deleteAnnotation: (id: string) => api.del<{ ok: true }>(`/api/annotations/${enc(id)}`),
};

/** Plain links (the browser downloads them; the server watermarks internal documents). */
export const viewerLinks = {
  download: (documentId: string) => `/api/documents/${enc(documentId)}/download`,
  exportAnnotations: (documentId: string) => `/api/documents/${enc(documentId)}/annotations/export`,
};
