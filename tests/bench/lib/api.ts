// A minimal API client for benchmarks: logs in with fetch, keeps the session cookie, and sends the
// same-origin headers the server's CSRF check asks of mutations (docs/api.md).
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';

export interface ApiClient {
  url: string;
  get<T>(path: string): Promise<T>;
  /** Streams a file as the request body (never read into memory). */
  upload<T>(path: string, file: string, contentType: string): Promise<{ status: number; body: T }>;
}

/** Logs in as `username` and returns a client carrying its `hopso_session` cookie. */
export async function apiLogin(url: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} answered ${res.status}: ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('hopso_session='));
  if (!session) throw new Error(`login as ${username} set no hopso_session cookie`);
  const cookie = session.split(';')[0]!;
  return {
    url,
    async get<T>(path: string) {
      const r = await fetch(`${url}${path}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`GET ${path} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
      return (await r.json()) as T;
    },
    async upload<T>(path: string, file: string, contentType: string) {
      const r = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { cookie, origin: url, 'content-type': contentType, 'content-length': String(statSync(file).size) },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      const text = await r.text();
      let body: unknown = text;
      try { body = JSON.parse(text); } catch { /* not JSON: keep the text for the error message */ }
      return { status: r.status, body: body as T };
    },
  };
}
