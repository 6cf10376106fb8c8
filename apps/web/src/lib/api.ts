import { errorCatalog, type ErrorBody, type ErrorCode } from '@hopso/shared/errors';

/** A failed API call, carrying the server's ErrorBody (code, vi/en messages, field and row errors). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.messageEn || body.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get code(): ErrorCode {
    return this.body.code;
  }
  get fields(): ErrorBody['fields'] {
    return this.body.fields;
  }
  get rows(): ErrorBody['rows'] {
    return this.body.rows;
  }
}

/** The server could not be reached at all (offline tablet, server restarting). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Network error', { cause });
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let unauthenticatedHandler: (() => void) | null = null;

/** The session module registers how to react when the cookie has expired (go to /login). */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.ok === false && typeof v.code === 'string' && typeof v.message === 'string';
}

/** Turns a non-JSON or malformed failure (a proxy's HTML 502, say) into an ErrorBody the UI can show. */
function fallbackBody(status: number): ErrorBody {
  const code: ErrorCode =
    (Object.keys(errorCatalog) as ErrorCode[]).find((c) => errorCatalog[c].status === status) ?? 'internal';
  const entry = errorCatalog[code];
  return { ok: false, code, message: entry.vi, messageEn: entry.en };
}

/**
 * Calls the same-origin JSON API. Every mutation sends `content-type: application/json` (the server
 * rejects anything else as CSRF protection), the session cookie rides along, and any non-2xx answer
 * becomes an ApiError so callers only handle the typed success body.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  return send<T>(path, init);
}

/**
 * POSTs a file as the raw request body (a clerk's .eml upload as `message/rfc822`), answered in JSON like
 * `request`. The server accepts such a content type only on the paths docs/api.md names for it. Without
 * upload progress: uploads that need a progress bar use XMLHttpRequest (documents/upload.ts).
 */
export function postRaw<T>(path: string, body: Blob, contentType: string): Promise<T> {
  return send<T>(path, { method: 'POST', headers: { accept: 'application/json', 'content-type': contentType }, body, credentials: 'same-origin' });
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new NetworkError(err);
  }
  let data: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) throw apiError(res.status, data);
  return data as T;
}

/**
 * The ApiError for a failed answer (`data`: its parsed JSON, or null), telling the session when the cookie
 * has expired. Used by `request` and by the XMLHttpRequest uploads, which need upload progress events.
 */
export function apiError(status: number, data: unknown): ApiError {
  const errBody = isErrorBody(data) ? data : fallbackBody(status);
  if (status === 401 && errBody.code === 'unauthenticated') unauthenticatedHandler?.();
  return new ApiError(status, errBody);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  postRaw,
};
