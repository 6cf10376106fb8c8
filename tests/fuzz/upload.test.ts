import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throwawayDatabase } from '@hopso/db/testing';
import { startServer, type Server } from '../e2e/harness.ts';
import { fuzzInputs, type FuzzInput } from '../fixtures/fuzz.ts';

/**
 * Posts generated garbage and near-PDFs to the real upload route of a real server process: every answer must
 * be 2xx, or 4xx with a message; the process must survive; only accepted files may remain in the store.
 */
const count = 1000;

describe('upload fuzzing', () => {
  let server: Server;
  let drop: () => Promise<void>;
  let cookie: string;
  let meetingId: string;
  let inputs: FuzzInput[];
  const accepted = new Set<string>();
  const refusedHashes = new Set<string>();
  const outcomes: { name: string; status: number; code?: string }[] = [];
  // The demo start-up stores files of its own (demo signature images and a draft resolution).
  const blobDir = () => server.blobDir;
  const storedFiles = () => (existsSync(blobDir()) ? readdirSync(blobDir(), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []);
  let before = new Set<string>();

  beforeAll(async () => {
    const target = await throwawayDatabase();
    drop = target.drop;
    server = await startServer({ name: 'fuzz', ...(target.url ? { databaseUrl: target.url } : {}), env: { LOG_LEVEL: 'warn', MAX_UPLOAD_MB: '5' } });
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chuyenvien', password: 'HopSo@2026' }) });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie } })).json()) as { meetings: { id: string; kind: string }[] };
    meetingId = meetings.meetings.find((m) => m.kind === 'regular')!.id;
    inputs = await fuzzInputs(count, 20261123);
    before = new Set(storedFiles());
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  it(`answers ${count} generated inputs with 2xx or a 4xx and a message, and keeps running`, async () => {
    expect(inputs.length).toBeGreaterThanOrEqual(count);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < inputs.length; i = next++) {
        const input = inputs[i]!;
        const res = await fetch(`${server.url}/api/meetings/${meetingId}/documents?title=${encodeURIComponent(`Fuzz ${i}`)}&filename=${encodeURIComponent(input.name)}`, {
          method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/pdf' }, body: input.bytes,
        });
        const body = (await res.json()) as { ok: boolean; code?: string; message?: string; document?: { current: { sha256: string; pageCount: number } } };
        outcomes.push({ name: input.name, status: res.status, ...(body.code ? { code: body.code } : {}) });
        const sha = createHash('sha256').update(input.bytes).digest('hex');
        if (res.status < 300) {
          accepted.add(body.document!.current.sha256);
          if (input.pageCount) expect(body.document!.current.pageCount, input.name).toBe(input.pageCount);
        } else {
          expect(res.status, `${input.name} → ${res.status}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${input.name} → ${res.status}`).toBeLessThan(500);
          expect(body.message, input.name).toBeTruthy();
          refusedHashes.add(sha);
        }
        if (input.expectValid) expect(res.status, `${input.name} must be accepted`).toBe(201);
        if (input.expectedError) expect(body.code, input.name).toBe(input.expectedError);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(outcomes).toHaveLength(inputs.length);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  }, 600_000);

  it('leaves nothing of a refused upload in the store or the database', async () => {
    const files = storedFiles();
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(new Set(files.filter((f) => !before.has(f)))).toEqual(new Set([...accepted].filter((f) => !before.has(f))));
    for (const sha of refusedHashes) if (!accepted.has(sha) && !before.has(sha)) expect(files).not.toContain(sha);
    const docs = (await (await fetch(`${server.url}/api/meetings/${meetingId}/documents`, { headers: { cookie } })).json()) as { documents: { title: string }[] };
    expect(docs.documents.filter((d) => d.title.startsWith('Fuzz ')).length).toBe(outcomes.filter((o) => o.status < 300).length);
  });
});
