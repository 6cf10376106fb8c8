import type { MeetingDocument } from '@hopso/shared/document';
import { parseRange } from '@hopso/shared/range';

/**
 * What the tablet may keep for reading through a Wi-Fi drop, as plain rules shared by the service worker
 * (src/service-worker) and the pages that ask for a meeting to be kept (offline/keep.ts). Nothing here
 * touches the network or the Cache API, so the rules have table tests.
 */

/** The app shell (built code, static files, pdf.js data, visited pages) for one build of the web app. */
export const shellCachePrefix = 'hopso-shell-';
/** One cache per kept meeting: its documents' files and the JSON the viewer reads. Deleted as a whole. */
export const meetingCachePrefix = 'hopso-meeting-';

/** The cache that holds one meeting's documents; deleting it forgets everything the tablet kept of it. */
export function meetingCacheName(meetingId: string): string {
  return `${meetingCachePrefix}${meetingId}`;
}

/**
 * Files larger than this are read online only (by ranges, as always): downloading a 60 MB budget report
 * whole onto 100 tablets at once would saturate the hall's Wi-Fi the moment the meeting opens.
 */
export const offlineMaxBytes = 32 * 1024 * 1024;

/**
 * How the service worker treats a request: `file` (a document's bytes, answered from the kept copy when
 * the network fails), `data` (JSON of a kept meeting, refreshed when online), `static` (built code and
 * assets, cache first), `page` (a navigation: network first, the kept shell when offline) or `pass` (not
 * touched: sign-in and session, other users' and secretariat data, every mutation, the socket).
 */
export type RequestKind = 'file' | 'data' | 'static' | 'page' | 'pass';

const id = '[0-9a-fA-F-]{36}';
const dataPaths = [
  new RegExp(`^/api/meetings/${id}$`),
  new RegExp(`^/api/meetings/${id}/documents$`),
  new RegExp(`^/api/documents/${id}/annotations$`),
];
const filePath = new RegExp(`^/api/documents/(${id})/file$`);

/** Classifies a request for the service worker (see RequestKind); `origin` is the app's own origin. */
export function requestKind(url: URL, method: string, mode: RequestMode | string, origin: string): RequestKind {
  if (url.origin !== origin || method !== 'GET') return 'pass';
  const path = url.pathname;
  if (path.startsWith('/api/auth') || path.startsWith('/socket.io')) return 'pass';
  if (filePath.test(path)) return 'file';
  if (path.startsWith('/api/')) return url.search === '' && dataPaths.some((re) => re.test(path)) ? 'data' : 'pass';
  if (mode === 'navigate') return 'page';
  if (path.startsWith('/_app/') || path.startsWith('/pdfjs/') || /^\/[\w.-]+\.(svg|png|webmanifest|ico)$/.test(path)) return 'static';
  return 'pass';
}

/** The document id of a `/api/documents/:id/file` path, or null. */
export function fileDocumentId(path: string): string | null {
  return filePath.exec(path)?.[1] ?? null;
}

/** A document the tablet keeps whole: its file URL and the version (ETag) it must match. */
export interface KeptFile { documentId: string; url: string; etag: string; bytes: number }

/**
 * The documents of a meeting the tablet may keep: never a secret one (it has no bytes to give anyway), never
 * one the caller may not read or without a file, never one over offlineMaxBytes.
 */
export function filesToKeep(documents: readonly MeetingDocument[]): KeptFile[] {
  return documents.flatMap((d) =>
    d.confidentiality !== 'secret' && d.readable && d.current && d.current.bytes <= offlineMaxBytes
      ? [{ documentId: d.id, url: `/api/documents/${encodeURIComponent(d.id)}/file`, etag: `"${d.current.sha256}"`, bytes: d.current.bytes }]
      : [],
  );
}

/** The JSON a kept meeting needs offline: its details, its document list, the caller's annotations of each kept file. */
export function dataToKeep(meetingId: string, files: readonly KeptFile[]): string[] {
  const enc = encodeURIComponent;
  return [`/api/meetings/${enc(meetingId)}`, `/api/meetings/${enc(meetingId)}/documents`, ...files.map((f) => `/api/documents/${enc(f.documentId)}/annotations`)];
}

/** A meeting that is over: whatever was kept of it is deleted (its internal documents must not linger). */
export function meetingIsOver(status: string): boolean {
  return status === 'closed' || status === 'cancelled';
}

/** Marks answers the service worker built from the tablet's copy (the e2e test and support staff read it). */
export const fromCacheHeader = 'X-Hopso-Offline';

/**
 * The answer to a range request built from a kept whole file: 206 with exactly the asked bytes, 200 for no
 * (or a multi-) range, 416 past the end, with the kept file's ETag so pdf.js and the viewer cannot tell it
 * from the server's answer.
 */
export async function rangeFromKept(kept: Response, rangeHeader: string | null): Promise<Response> {
  const blob = await kept.blob();
  const size = blob.size;
  const headers = new Headers({ 'Content-Type': 'application/pdf', 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, no-cache', [fromCacheHeader]: 'cache' });
  const etag = kept.headers.get('etag');
  if (etag) headers.set('ETag', etag);
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (!range) {
    headers.set('Content-Length', String(size));
    return new Response(blob, { status: 200, headers });
  }
  headers.set('Content-Length', String(range.end - range.start + 1));
  headers.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  return new Response(blob.slice(range.start, range.end + 1), { status: 206, headers });
}
