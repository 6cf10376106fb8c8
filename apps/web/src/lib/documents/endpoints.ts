import type { MeetingDocument, ReadReceipt, RegisterSecretDocumentRequest, UpdateDocumentRequest } from '@hopso/shared/document';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/**
 * The JSON endpoints of the documents section of docs/api.md that the meeting page uses (uploads, which
 * send the PDF itself, are in upload.ts). Kept beside the feature so the viewer's calls can live apart.
 */
export const documentEndpoints = {
  list: (meetingId: string) => api.get<{ ok: true; documents: MeetingDocument[] }>(`/api/meetings/${enc(meetingId)}/documents`),
  registerSecret: (meetingId: string, body: RegisterSecretDocumentRequest) =>
    api.post<{ ok: true; document: MeetingDocument }>(`/api/meetings/${enc(meetingId)}/documents/secret`, body),
  update: (documentId: string, body: UpdateDocumentRequest) =>
    api.patch<{ ok: true; document: MeetingDocument }>(`/api/documents/${enc(documentId)}`, body),
  remove: (documentId: string) => api.del<{ ok: true }>(`/api/documents/${enc(documentId)}`),
  readReceipts: (meetingId: string) => api.get<{ ok: true; receipts: ReadReceipt[] }>(`/api/meetings/${enc(meetingId)}/read-receipts`),
};
