import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawayDatabase } from '@hopso/db/testing';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const dirs: string[] = [];

/** Runs the real entry point as `npm start` does and collects its JSON log lines. */
function run(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hopso-main-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [main], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_BUILD_DIR: '/nonexistent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = async () => {
    // Migrating and seeding an empty PGlite database takes a while beside other test files on 2 cores: wait up to 2 minutes.
    for (let i = 0; i < 2400 && !lines.some((l) => l.msg === 'listening'); i++) await new Promise((r) => setTimeout(r, 50));
    const line = lines.find((l) => l.msg === 'listening');
    if (!line) throw new Error(`server did not start: ${stderr}`);
    return String(line.url).replace('localhost', '127.0.0.1');
  };
  return { child, lines, exited, listening, stderr: () => stderr };
}

describe('server process', () => {
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('starts, logs each request as JSON with a request id, and shuts down cleanly on SIGTERM', async () => {
    const target = await throwawayDatabase();
    const server = run(target.url ? { DATABASE_URL: target.url } : {});
    const url = await server.listening();
    const res = await fetch(`${url}api/health`);
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.lines.find((l) => l.msg === 'request')).toMatchObject({ level: 'info', requestId, method: 'GET', path: '/api/health', status: 200 });
    expect(server.lines.some((l) => l.msg === 'demo data seeded')).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.lines.some((l) => l.msg === 'shutting down')).toBe(true);
    await target.drop();
  }, 180_000);

  it('never writes a password or session token to the log', async () => {
    const server = run({});
    const url = await server.listening();
    const res = await fetch(`${url}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'thuky', password: 'HopSo@2026' }) });
    const token = res.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    await fetch(`${url}api/auth/me`, { headers: { cookie: `hopso_session=${token}` } });
    const { url: feed } = await (await fetch(`${url}api/auth/calendar`, { headers: { cookie: `hopso_session=${token}` } })).json() as { url: string };
    expect((await fetch(`${url}${feed.slice(1)}`)).status).toBe(200);
    const calendarToken = feed.split('/').pop()!.replace('.ics', '');
    server.child.kill('SIGTERM');
    await server.exited;
    const log = JSON.stringify(server.lines);
    expect(log).toContain('"msg":"login"');
    expect(log).not.toContain('HopSo@2026');
    expect(log).not.toContain(token);
    expect(log).not.toContain(calendarToken);
    expect(log).toContain('/api/calendar/[token]');
  }, 180_000);

  it('refuses to start with an invalid configuration and says which setting is wrong', async () => {
    const server = run({ PORT: 'not-a-port' });
    expect(await server.exited).not.toBe(0);
    expect(server.stderr()).toContain('PORT');
  });
});
