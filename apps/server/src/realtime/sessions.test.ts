import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { sessions } from '@hopso/db/schema/index';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';
import { sessionIdOf } from '../auth/session.ts';
import { startLiveServer, type LiveServer } from '../live/testing.ts';

// A socket is authenticated once, at its handshake; it must not outlive its session. Ending a session —
// signing out, signing out everywhere, a new sign-in on the same browser, or the session running out —
// disconnects its sockets, and only those (docs/security.md).

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('sockets end with their session', () => {
  let live: LiveServer;
  let base: string;
  const clients: Client[] = [];

  /** A signed-in socket and its cookie; `closed` settles with the disconnect reason. */
  const tablet = async (username: string, cookie?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
    // A sign-in over an old cookie also clears that one: take the cookie that carries the new token.
    const fresh = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => !c.endsWith('='))!;
    const socket: Client = connect(base, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: fresh } });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => { socket.on('connect', resolve); socket.on('connect_error', reject); });
    const closed = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    return { socket, cookie: fresh, closed };
  };
  const post = (path: string, cookie: string) => fetch(`${base}${path}`, { method: 'POST', headers: { cookie, origin: base } });
  const stillOpen = async (t: { socket: Client }) => (await t.socket.timeout(5000).emitWithAck('meeting.sync', { meetingId: '00000000-0000-4000-8000-000000000000' })).ok === false;

  beforeAll(async () => {
    live = await startLiveServer();
    base = live.base;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await live.close();
  });

  it('disconnects the sockets of a session that signs out, and no other', async () => {
    const [mine, other] = await Promise.all([tablet('daibieu01'), tablet('daibieu02')]);
    const second = await tablet('daibieu01');
    expect((await post('/api/auth/logout', mine.cookie)).status).toBe(200);
    expect(await mine.closed).toBe('io server disconnect');
    expect(await stillOpen(second)).toBe(true);
    expect(await stillOpen(other)).toBe(true);
  });

  it('disconnects every socket of a user who signs out everywhere', async () => {
    const [a, b, other] = await Promise.all([tablet('daibieu03'), tablet('daibieu03'), tablet('daibieu04')]);
    expect((await post('/api/auth/logout-all', a.cookie)).status).toBe(200);
    expect(await Promise.all([a.closed, b.closed])).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await stillOpen(other)).toBe(true);
  });

  it('disconnects the socket of the session a new sign-in on the same browser replaces', async () => {
    const first = await tablet('daibieu05');
    const next = await tablet('daibieu06', first.cookie);
    expect(await first.closed).toBe('io server disconnect');
    expect(await stillOpen(next)).toBe(true);
  });

  it('disconnects a socket when its session runs out', async () => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'daibieu07', password: 'HopSo@2026' }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    await live.db.update(sessions).set({ expiresAt: new Date(Date.now() + 1500) }).where(eq(sessions.id, sessionIdOf(cookie.split('=')[1]!)));
    const socket: Client = connect(base, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    clients.push(socket);
    const closed = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    await new Promise<void>((resolve, reject) => { socket.on('connect', resolve); socket.on('connect_error', reject); });
    expect(await closed).toBe('io server disconnect');
  });
});
