import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { councils, users } from '@hopso/db/schema/index';
import { throwawayDatabase } from '@hopso/db/testing';
import type { NotificationNewPayload } from '@hopso/shared/notifications';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';
import { loadConfig } from '../config.ts';
import { startServer, type Running } from '../server.ts';
import { notify } from './notify.ts';

// notification.new from the running server: the worker pushes a committed notification to every socket of
// its user. On PostgreSQL (TEST_DATABASE_URL) with two nodes: the tablet is connected to node A, whose worker
// does not run a round within the test (its first is a minute after its start), so the push comes from node B's worker through the Socket.IO adapter.

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('notification.new', () => {
  let target: Awaited<ReturnType<typeof throwawayDatabase>>;
  const nodes: Running[] = [];
  const dirs: string[] = [];
  const clients: Client[] = [];

  const start = (pollMs: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hopso-push-'));
    dirs.push(dataDir);
    return startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_BUILD_DIR: '/nonexistent', NOTIFY_POLL_MS: pollMs, ...(target.url ? { DATABASE_URL: target.url } : {}) }));
  };
  const tablet = async (node: Running, username: string) => {
    const base = `http://127.0.0.1:${node.port}`;
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    const socket: Client = connect(base, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => { socket.on('connect', resolve); socket.on('connect_error', reject); });
    const pushes: NotificationNewPayload[] = [];
    socket.on('notification.new', (p) => pushes.push(p));
    return pushes;
  };

  beforeAll(async () => {
    target = await throwawayDatabase();
    nodes.push(await start(target.url ? '60000' : '100'));
    if (target.url) nodes.push(await start('100'));
  }, 240_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    for (const node of nodes.reverse()) await node.stop();
    await target.drop();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('reaches every tablet of the user with the unread count, once per notification, and nobody else', async () => {
    const nodeA = nodes[0]!;
    const db = nodeA.database.db;
    const [mine, alsoMine, other] = [await tablet(nodeA, 'daibieu05'), await tablet(nodes.at(-1)!, 'daibieu05'), await tablet(nodeA, 'daibieu06')];
    const [council] = await db.select().from(councils);
    const [user] = await db.select().from(users).where(eq(users.username, 'daibieu05'));
    const content = { subject: 'Thử', text: 'Thử', html: '<p>Thử</p>' };
    const input = { councilId: council!.id, event: 'meeting.changed', key: `push-${Date.now()}`, messages: [{ userId: user!.id, vi: content, en: content }] };
    await db.transaction(async (tx) => { await notify(tx, input); });
    await expect.poll(() => mine.length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => alsoMine.length, { timeout: 15_000 }).toBe(1);
    expect(mine[0]!.unread).toBeGreaterThanOrEqual(1);
    expect(alsoMine[0]).toEqual(mine[0]);
    await notify(db, input); // the same key again: nothing new, nothing pushed
    await notify(db, { ...input, key: `${input.key}-2` });
    await expect.poll(() => mine.length, { timeout: 15_000 }).toBe(2);
    expect(mine[1]!.unread).toBe(mine[0]!.unread + 1);
    expect(other).toEqual([]);
  });
});
