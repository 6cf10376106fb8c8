import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { throwawayDatabase } from '@hopso/db/testing';
import type { LiveSnapshot, PollView } from '@hopso/shared/live';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';
import { startServer, type Server } from '../e2e/harness.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Choice = 'yes' | 'no' | 'abstain';

/**
 * Kills the server with SIGKILL in the middle of a ballot storm and restarts it on the same data: every
 * ballot that was acknowledged must be there exactly once, and the tablets must resync by themselves.
 */
describe('crash during a ballot storm', () => {
  const voters = ['chutich', 'phochutich', ...Array.from({ length: 23 }, (_, i) => `daibieu${String(i + 1).padStart(2, '0')}`)];
  let target: Awaited<ReturnType<typeof throwawayDatabase>>;
  let dataDir: string;
  let server: Server;
  let meetingId: string;
  const sockets = new Map<string, Client>();
  const synced = new Map<string, LiveSnapshot>();

  const start = async (port?: number) => {
    server = await startServer({ name: 'crash', dataDir, ...(port ? { port } : {}), ...(target.url ? { databaseUrl: target.url } : {}), env: { LOG_LEVEL: 'warn' } });
  };

  beforeAll(async () => {
    target = await throwawayDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'hopso-crash-'));
    await start();
    const meetings = async (cookie: string) => ((await (await fetch(`${server.url}/api/meetings`, { headers: { cookie } })).json()) as { meetings: { id: string; kind: string }[] }).meetings;
    for (const username of ['thuky', ...voters]) {
      const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      meetingId ??= (await meetings(cookie)).find((m) => m.kind === 'regular')!.id;
      // Reconnects on its own to the same address after the restart, and syncs on every (re)connect.
      const s: Client = connect(server.url, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300, extraHeaders: { cookie } });
      s.on('connect', async () => {
        const ack = await s.emitWithAck('meeting.sync', { meetingId });
        if (ack.ok) synced.set(username, (ack as { snapshot: LiveSnapshot }).snapshot);
      });
      sockets.set(username, s);
    }
    await until(() => synced.size === voters.length + 1, 20_000);
    for (const u of voters) expect(await sockets.get(u)!.emitWithAck('attendance.checkIn', { meetingId })).toEqual({ ok: true });
  }, 120_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await server?.stop();
    await target?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function storm(method: 'named' | 'secret') {
    const secretary = sockets.get('thuky')!;
    const created = await secretary.emitWithAck('poll.create', { meetingId, title: `Biểu quyết khi sập máy (${method})`, method });
    const poll = (created as { poll: PollView }).poll;
    expect(await secretary.emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: true });
    const acked = new Map<string, Choice>();
    const choices: Choice[] = ['yes', 'no', 'abstain'];
    let killed = false;
    const killing = new Promise<void>((resolve) => {
      voters.forEach((u, i) => {
        const choice = choices[i % 3]!;
        setTimeout(() => {
          if (killed) return;
          sockets.get(u)!.timeout(3000).emitWithAck('poll.cast', { pollId: poll.id, choice }).then((ack) => {
            if (ack.ok) acked.set(u, choice);
            if (!killed && acked.size >= 8) {
              killed = true;
              void server.kill().then(resolve);
            }
          }, () => { /* no answer: the server died with it in flight */ });
        }, Math.floor(Math.random() * 300));
      });
    });
    await killing;
    const ackedAtKill = new Map(acked);
    synced.clear();
    const restarted = Date.now();
    await start(server.port);
    await until(() => synced.size === voters.length + 1, 10_000);
    const resyncMs = Date.now() - restarted;
    return { poll, acked: ackedAtKill, resyncMs };
  }

  it('keeps every acknowledged named ballot exactly once across a SIGKILL, and tablets resync', async () => {
    const { poll, acked, resyncMs } = await storm('named');
    expect(acked.size).toBeGreaterThanOrEqual(8);
    for (const [u, choice] of acked) {
      const mine = synced.get(u)!.myBallots.filter((b) => b.pollId === poll.id);
      expect(mine, u).toEqual([{ pollId: poll.id, choice }]);
    }
    const stored = synced.get('thuky')!.polls.find((p) => p.id === poll.id)!;
    expect(stored.status).toBe('open');
    expect(stored.cast).toBeGreaterThanOrEqual(acked.size);
    expect(stored.cast).toBe(voters.filter((u) => synced.get(u)!.myBallots.some((b) => b.pollId === poll.id)).length);
    expect(resyncMs).toBeLessThan(30_000);
    // The poll goes on after the restart: those not yet stored can still vote, the others cannot vote twice.
    const again = await sockets.get([...acked.keys()][0]!)!.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' });
    expect(again).toMatchObject({ ok: false, code: 'already_voted' });
    const closed = await sockets.get('thuky')!.emitWithAck('poll.close', { pollId: poll.id });
    const r = (closed as { poll: PollView }).poll.result!;
    expect(r.yes.count + r.no.count + r.abstain.count).toBe(stored.cast);
  }, 120_000);

  it('keeps secret voters and counters consistent across a SIGKILL', async () => {
    const { poll, acked } = await storm('secret');
    for (const u of acked.keys()) expect(synced.get(u)!.myBallots).toContainEqual({ pollId: poll.id, choice: 'secret' });
    const stored = synced.get('thuky')!.polls.find((p) => p.id === poll.id)!;
    expect(stored.cast).toBeGreaterThanOrEqual(acked.size);
    const closed = await sockets.get('thuky')!.emitWithAck('poll.close', { pollId: poll.id });
    const r = (closed as { poll: PollView }).poll.result!;
    expect(r.yes.count + r.no.count + r.abstain.count).toBe(stored.cast);
  }, 120_000);
});

async function until(check: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
