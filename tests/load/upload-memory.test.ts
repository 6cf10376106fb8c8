import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throwawayDatabase } from '@hopso/db/testing';
import { startServer, type Server } from '../e2e/harness.ts';
import { writeLargePdf } from '../fixtures/pdf.ts';

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/**
 * A 200 MB upload streams to disk and is checked by range reads in a worker: the server's resident memory
 * must not grow with the file (a server that buffered it would grow by at least 200 MB).
 */
describe('uploading a 200 MB PDF', () => {
  let server: Server;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'hopso-bigupload-'));
  const file = join(dir, 'large.pdf');
  const small = join(dir, 'small.pdf');

  beforeAll(async () => {
    const target = await throwawayDatabase();
    drop = target.drop;
    server = await startServer({ name: 'bigupload', ...(target.url ? { databaseUrl: target.url } : {}), env: { LOG_LEVEL: 'warn' } });
    await writeLargePdf(file, { pages: 1000, targetBytes: 200_000_000 });
    await writeLargePdf(small, { pages: 10, targetBytes: 2_000_000 });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is accepted with memory flat, not growing with the file', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chuyenvien', password: 'HopSo@2026' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie } })).json()) as { meetings: { id: string; kind: string }[] };
    const meetingId = meetings.meetings.find((m) => m.kind === 'regular')!.id;
    const upload = (path: string, title: string) => fetch(`${server.url}/api/meetings/${meetingId}/documents?title=${encodeURIComponent(title)}`, {
      method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/pdf' },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream, duplex: 'half',
    } as RequestInit);
    // A small upload first, so what every upload costs once (the checking worker thread, allocator arenas)
    // is in the baseline and the measured growth is what the file's size adds.
    expect((await upload(small, 'Tài liệu nhỏ')).status).toBe(201);
    const before = rssMb(server.pid);
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, rssMb(server.pid)); }, 50);
    const res = await upload(file, 'Báo cáo quyết toán 200 MB');
    clearInterval(sampler);
    const body = (await res.json()) as { document?: { current: { bytes: number; pageCount: number } } };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.document!.current.pageCount).toBe(1000);
    expect(body.document!.current.bytes).toBeGreaterThan(190_000_000);
    // Growth well below the file's size: streaming, not buffering (the check's own worker is a few tens of MB).
    expect(peak - before, `resident memory grew ${Math.round(peak - before)} MB (from ${Math.round(before)} MB)`).toBeLessThan(100);
  }, 120_000);
});
