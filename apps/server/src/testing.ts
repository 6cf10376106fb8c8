import { openTestDatabase, type TestDatabase } from '@hopso/db/testing';
import { seedDemo, demoPassword } from '@hopso/db/seed';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { BlobStore } from './documents/storage.ts';
import { hashPassword } from './auth/password.ts';
import { loadConfig } from './config.ts';
import type { Deps } from './http/context.ts';
import { createLogger } from './log.ts';
import { createMetrics } from './metrics/metrics.ts';

export { demoPassword };

/** The real API on a fresh seeded test database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
export async function createTestApp(options: { seed?: boolean; now?: () => Date; env?: Record<string, string> } = {}) {
  const database: TestDatabase = await openTestDatabase();
  if (options.seed !== false) await seedDemo(database.db, hashPassword);
  const notified: string[] = [];
  /** `documentId`s whose comments changed, in order. */
  const commentsNotified: string[] = [];
  const blobDir = mkdtempSync(join(tmpdir(), 'hopso-blobs-'));
  const deps: Deps = {
    db: database.db, driver: database.driver, log: createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'), blobs: new BlobStore(blobDir), now: options.now ?? (() => new Date()),
    config: loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', ...options.env }),
    notifyMeeting: (id) => notified.push(id), notifyComments: (_, documentId) => commentsNotified.push(documentId), endSockets: () => {}, metrics: createMetrics(database.db),
  };
  const app = createApp(deps);
  const origin = 'http://hopso.test';

  /** A request as the web app sends it: same origin, JSON body (or a form's FormData), the session cookie if given. */
  const request = (method: string, path: string, init: { cookie?: string | null; body?: unknown; headers?: Record<string, string>; ip?: string } = {}) => {
    const headers: Record<string, string> = { host: 'hopso.test', ...init.headers };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.body !== undefined) {
      if (!(init.body instanceof FormData)) headers['content-type'] ??= 'application/json';
      headers.origin ??= origin;
    }
    const body = init.body === undefined ? undefined : typeof init.body === 'string' || init.body instanceof FormData ? init.body : init.body instanceof Uint8Array ? new Blob([new Uint8Array(init.body)]) : JSON.stringify(init.body);
    return app.request(`${origin}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }, { incoming: { socket: { remoteAddress: init.ip ?? '10.0.0.1' } } });
  };

  /** Signs in and returns the session cookie ("hopso_session=…"). */
  const login = async (username: string, password = demoPassword) => {
    const res = await request('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };

  /** Uploads a PDF body to a meeting as the web app does (query metadata, raw body). */
  const upload = (cookie: string, meetingId: string, bytes: Uint8Array, query: Record<string, string> = {}) =>
    request('POST', `/api/meetings/${meetingId}/documents?${new URLSearchParams({ title: 'Tài liệu', ...query })}`, {
      cookie, headers: { 'content-type': 'application/pdf', origin }, body: bytes,
    });

  return {
    app, deps, db: database.db, driver: database.driver, blobDir, request, login, upload, notified, commentsNotified,
    close: async () => { await database.close(); rmSync(blobDir, { recursive: true, force: true }); },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
