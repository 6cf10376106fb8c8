import type { Confidentiality, MeetingDocument } from '@hopso/shared/document';
import { NetworkError, apiError } from '../api.ts';

const enc = encodeURIComponent;

/** What one upload sends besides the bytes (docs/api.md: metadata in the query, the PDF as the body). */
export interface UploadMeta {
  title: string;
  confidentiality: Exclude<Confidentiality, 'secret'>;
  agendaItemId: string | null;
  filename: string;
}

/** POST /api/meetings/:meetingId/documents?title=…&confidentiality=…&agendaItemId=…&filename=… */
export function uploadUrl(meetingId: string, meta: UploadMeta): string {
  const query = new URLSearchParams({ title: meta.title, confidentiality: meta.confidentiality });
  if (meta.agendaItemId) query.set('agendaItemId', meta.agendaItemId);
  query.set('filename', meta.filename);
  return `/api/meetings/${enc(meetingId)}/documents?${query}`;
}

/** POST /api/documents/:documentId/versions?filename=… (a new current version; history kept). */
export function versionUrl(documentId: string, filename: string): string {
  return `/api/documents/${enc(documentId)}/versions?${new URLSearchParams({ filename })}`;
}

/**
 * Sends a PDF as the request body with XMLHttpRequest rather than fetch, because only XHR reports upload
 * progress, and a 200 MB budget report on conference Wi-Fi needs a progress bar. `onProgress` gets 0…1.
 * Failures are the same ApiError / NetworkError values as the JSON client's, so ErrorMessage shows them.
 */
export function sendPdf(url: string, file: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<MeetingDocument> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/pdf');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data && typeof data === 'object' && 'document' in data) {
        onProgress(1);
        resolve((data as { document: MeetingDocument }).document);
      } else {
        reject(apiError(xhr.status, data));
      }
    };
    // A refusal sent before the body is through (413 on Content-Length) can reach the browser as a reset.
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
