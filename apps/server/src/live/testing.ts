import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { throwawayDatabase } from '@hopso/db/testing';
import { meetings, users } from '@hopso/db/schema/index';
import type { LiveSnapshot } from '@hopso/shared/live';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';
import { loadConfig } from '../config.ts';
import { startServer, type Running } from '../server.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export const delegate = (n: number) => `daibieu${String(n).padStart(2, '0')}`;

/** A real server on a throwaway database with signed-in socket clients, for live-meeting tests. */
export async function startLiveServer(env: Record<string, string> = {}) {
  const target = await throwawayDatabase();
  const dataDir = join(tmpdir(), `hopso-live-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const running: Running = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_BUILD_DIR: '/nonexistent', ...(target.url ? { DATABASE_URL: target.url } : {}), ...env }));
  const base = `http://127.0.0.1:${running.port}`;
  const db = running.database.db;
  const meetingId = (await db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
  const clients = new Map<string, Client>();

  /** The signed-in socket of a demo user (one per user, reused). */
  async function client(username: string): Promise<Client> {
    const existing = clients.get(username);
    if (existing) return existing;
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const s: Client = connect(base, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => { s.on('connect', resolve); s.on('connect_error', reject); });
    clients.set(username, s);
    return s;
  }

  async function sync(s: Client): Promise<LiveSnapshot> {
    const ack = await s.emitWithAck('meeting.sync', { meetingId });
    if (!ack.ok) throw new Error(ack.code);
    return ack.snapshot as LiveSnapshot;
  }

  async function userId(username: string): Promise<string> {
    return (await db.select().from(users).where(eq(users.username, username)))[0]!.id;
  }

  /** The secretary marks the chair and delegates 1…n present (a quorum from 16 on: 17 of 25). */
  async function markPresent(n: number) {
    const secretary = await client('thuky');
    for (const u of ['chutich', ...Array.from({ length: n }, (_, i) => delegate(i + 1))]) {
      const ack = await secretary.emitWithAck('attendance.mark', { meetingId, userId: await userId(u), status: 'present' });
      if (!ack.ok) throw new Error(`marking ${u} present: ${ack.code}`);
    }
  }

  /** Drops a user's socket so the next client() call connects anew (a reconnecting tablet). */
  function disconnect(username: string) {
    clients.get(username)?.close();
    clients.delete(username);
  }

  async function close() {
    clients.forEach((c) => c.close());
    await running.stop();
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { running, base, db, meetingId, client, sync, userId, markPresent, disconnect, close };
}
export type LiveServer = Awaited<ReturnType<typeof startLiveServer>>;

/** Waits until a condition holds (events arrive asynchronously), failing after `ms`. */
export async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
