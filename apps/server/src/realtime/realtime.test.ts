import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { councils, meetings } from '@hopso/db/schema/index';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throwawayDatabase } from '@hopso/db/testing';
import { loadConfig } from '../config.ts';
import { startServer, type Running } from '../server.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('realtime', () => {
  let running: Running;
  let target: Awaited<ReturnType<typeof throwawayDatabase>>;
  const dataDir = join(tmpdir(), `hopso-rt-${process.pid}-${Date.now()}`);
  let base: string;
  const clients: Client[] = [];
  const open = (cookie?: string, origin?: string) => {
    const s: Client = connect(base, { transports: ['websocket'], reconnection: false, extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) } });
    clients.push(s);
    return s;
  };
  const connected = (s: Client) => new Promise<void>((resolve, reject) => { s.on('connect', resolve); s.on('connect_error', reject); });
  const login = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };

  beforeAll(async () => {
    target = await throwawayDatabase();
    const env = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_BUILD_DIR: '/nonexistent', ...(target.url ? { DATABASE_URL: target.url } : {}) };
    running = await startServer(loadConfig(env));
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await running.stop();
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a handshake without a session', async () => {
    await expect(connected(open())).rejects.toThrow('unauthenticated');
  });

  it('refuses a handshake from another origin', async () => {
    const cookie = await login('daibieu01');
    await expect(connected(open(cookie, 'https://evil.example'))).rejects.toThrow();
  });

  it('refuses a malformed origin without harming the server', async () => {
    const cookie = await login('daibieu03');
    await expect(connected(open(cookie, 'not a url'))).rejects.toThrow();
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('lets an invited delegate join the meeting room and pushes agenda changes to it', async () => {
    const [meeting] = await running.database.db.select().from(meetings).where(eq(meetings.kind, 'regular'));
    const delegate = open(await login('daibieu01'));
    await connected(delegate);
    expect(await delegate.emitWithAck('meeting.join', { meetingId: meeting!.id })).toEqual({ ok: true });
    const changed = new Promise((resolve) => delegate.once('meeting.changed', resolve));
    const secretary = await login('thuky');
    const res = await fetch(`${base}/api/meetings/${meeting!.id}/agenda`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: secretary }, body: JSON.stringify({ title: 'Nội dung bổ sung' }) });
    expect(res.status).toBe(201);
    await expect(changed).resolves.toEqual({ meetingId: meeting!.id });
  });

  it('answers a typed error for bad payloads and meetings the user may not see', async () => {
    const [council] = await running.database.db.select().from(councils);
    const [draft] = await running.database.db.insert(meetings).values({ councilId: council!.id, kind: 'standing', title: 'Nháp', startsAt: new Date(), place: 'P' }).returning();
    const delegate = open(await login('daibieu02'));
    await connected(delegate);
    expect(await delegate.emitWithAck('meeting.join', { meetingId: 'nope' } as never)).toMatchObject({ ok: false, code: 'validation' });
    expect(await delegate.emitWithAck('meeting.join', { meetingId: draft!.id })).toMatchObject({ ok: false, code: 'not_found', message: expect.any(String) });
    expect(await delegate.emitWithAck('meeting.join', null as never)).toMatchObject({ ok: false, code: 'validation' });
  });
});
