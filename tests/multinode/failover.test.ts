import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { io as connect, type Socket } from 'socket.io-client';
import { throwawayDatabase } from '@hopso/db/testing';
import type { LiveSnapshot, PollProgress, PollView } from '@hopso/shared/live';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';
import { startServer, type Server } from '../e2e/harness.ts';
import { freshDatabase, startCluster, stopCluster } from '../pg.ts';
import { failoverFront, type Front } from './balancer.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Choice = 'yes' | 'no' | 'abstain';

interface Tablet {
  username: string;
  /** The node it was first connected to: 'a' through the failover front (A, then B), 'b' straight to B. */
  home: 'a' | 'b';
  socket: Client;
  /** Snapshots from meeting.sync, one per (re)connect. */
  syncs: LiveSnapshot[];
  /** The highest count seen per poll in poll.progress. */
  tally: Map<string, number>;
  /** Named polls: who has voted, as the last poll.progress for those running the meeting said. */
  voted: Map<string, string[]>;
}

/**
 * Two server processes on one PostgreSQL database (issue 9): tablets on both, a ballot through either node
 * reaches the tallies of both, and when node A is killed with SIGKILL in a ballot storm its tablets reconnect
 * to node B through the front, resync, and the poll goes on with every acknowledged ballot stored once.
 * On the PostgreSQL suite it uses TEST_DATABASE_URL's cluster; on the PGlite suite it starts its own.
 */
describe('two server nodes on one PostgreSQL database', () => {
  const voters = ['chutich', 'phochutich', ...Array.from({ length: 23 }, (_, i) => `daibieu${String(i + 1).padStart(2, '0')}`)];
  const choiceOf = (u: string): Choice => (['yes', 'no', 'abstain'] as const)[voters.indexOf(u) % 3]!;
  let clusterDir: string | undefined;
  let dropDatabase: () => Promise<void> = async () => {};
  let url: string;
  let sql: postgres.Sql;
  let nodeA: Server;
  let nodeB: Server;
  let front: Front;
  let meetingId: string;
  const tablets = new Map<string, Tablet>();
  const cookies = new Map<string, string>();
  const extra: Client[] = [];

  const open = (username: string, home: 'a' | 'b'): Promise<Tablet> => {
    const target = home === 'a' ? `http://127.0.0.1:${front.port}` : nodeB.url;
    const socket: Client = connect(target, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300, extraHeaders: { cookie: cookies.get(username)! } });
    const tablet: Tablet = { username, home, socket, syncs: [], tally: new Map(), voted: new Map() };
    socket.on('poll.progress', (p: PollProgress) => {
      tablet.tally.set(p.pollId, Math.max(tablet.tally.get(p.pollId) ?? 0, p.cast));
      if (p.voted) tablet.voted.set(p.pollId, p.voted);
    });
    return new Promise((resolve) => {
      // Syncs on every (re)connect, as the web client does.
      socket.on('connect', async () => {
        const ack = await socket.emitWithAck('meeting.sync', { meetingId });
        if (ack.ok) tablet.syncs.push((ack as { snapshot: LiveSnapshot }).snapshot);
        if (tablet.syncs.length === 1) resolve(tablet);
      });
    });
  };
  const tablet = (u: string) => tablets.get(u)!;
  const secretary = () => tablet('thuky').socket;

  beforeAll(async () => {
    const target = await throwawayDatabase();
    if (target.url) {
      url = target.url;
      dropDatabase = target.drop;
    } else {
      const cluster = await startCluster('hopso-multinode-');
      clusterDir = cluster.dir;
      url = await freshDatabase(cluster.adminUrl, 'hopso_multinode');
    }
    sql = postgres(url, { max: 2, onnotice: () => {} });
    // Started together on an empty database: one migrates and seeds while the other waits for it.
    [nodeA, nodeB] = await Promise.all([
      startServer({ name: 'node-a', databaseUrl: url, env: { LOG_LEVEL: 'warn' } }),
      startServer({ name: 'node-b', databaseUrl: url, env: { LOG_LEVEL: 'warn' } }),
    ]);
    front = await failoverFront([nodeA.port, nodeB.port]);
    for (const username of ['thuky', ...voters]) {
      const res = await fetch(`${nodeA.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
      expect(res.status, username).toBe(200);
      cookies.set(username, res.headers.get('set-cookie')!.split(';')[0]!);
    }
    const list = await (await fetch(`${nodeA.url}/api/meetings`, { headers: { cookie: cookies.get('thuky')! } })).json() as { meetings: { id: string; kind: string }[] };
    meetingId = list.meetings.find((m) => m.kind === 'regular')!.id;
    // The secretary's console stays on B; the delegates alternate between A (through the front) and B.
    tablets.set('thuky', await open('thuky', 'b'));
    for (const [i, u] of voters.entries()) tablets.set(u, await open(u, i % 2 === 0 ? 'a' : 'b'));
    expect(front.routed.every((p) => p === nodeA.port)).toBe(true);
    for (const u of voters) expect(await tablet(u).socket.emitWithAck('attendance.checkIn', { meetingId }), u).toEqual({ ok: true });
  }, 180_000);

  afterAll(async () => {
    tablets.forEach((t) => t.socket.close());
    extra.forEach((s) => s.close());
    await front?.close();
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await sql?.end({ timeout: 5 });
    await dropDatabase();
    if (clusterDir) stopCluster(clusterDir);
  });

  const createOpen = async (title: string): Promise<PollView> => {
    const created = await secretary().emitWithAck('poll.create', { meetingId, title, method: 'named' });
    expect(created).toMatchObject({ ok: true });
    const poll = (created as { poll: PollView }).poll;
    expect(await secretary().emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: true });
    return poll;
  };
  const stored = async (pollId: string) => sql<{ username: string; choice: string }[]>`
    select u.username, b.choice from ballots b join users u on u.id = b.user_id where b.poll_id = ${pollId}`;
  const userId = async (username: string) => (await sql<{ id: string }[]>`select id from users where username = ${username}`)[0]!.id;

  it('shows a ballot cast through node A in the tallies of tablets on node B, and the other way round', async () => {
    const poll = await createOpen('Biểu quyết qua hai máy chủ');
    const onA = voters.find((u) => tablet(u).home === 'a')!;
    const onB = voters.find((u) => tablet(u).home === 'b')!;
    expect(await tablet(onA).socket.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toEqual({ ok: true, cast: 1 });
    await until(() => voters.every((u) => (tablet(u).tally.get(poll.id) ?? 0) >= 1), 10_000);
    // Those running the meeting on B see who voted on A (named poll).
    await until(() => tablet('thuky').voted.get(poll.id)?.length === 1, 10_000);
    expect(tablet('thuky').voted.get(poll.id)).toEqual([await userId(onA)]);
    expect(await tablet(onB).socket.emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toEqual({ ok: true, cast: 2 });
    await until(() => voters.every((u) => tablet(u).tally.get(poll.id) === 2), 10_000);

    // The same delegate again, from a second tablet connected to the other node: refused, still one ballot.
    const second: Client = connect(nodeB.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookies.get(onA)! } });
    extra.push(second);
    await new Promise<void>((resolve, reject) => { second.on('connect', resolve); second.on('connect_error', reject); });
    expect(await second.emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: false, code: 'already_voted' });
    expect((await stored(poll.id)).filter((b) => b.username === onA)).toEqual([{ username: onA, choice: 'yes' }]);

    const closed = await secretary().emitWithAck('poll.close', { pollId: poll.id });
    const r = (closed as { poll: PollView }).poll.result!;
    expect([r.yes.count, r.no.count, r.abstain.count]).toEqual([1, 1, 0]);
  }, 60_000);

  it('keeps the poll open and every acknowledged ballot once when node A is killed in a ballot storm; its tablets resync on B', async () => {
    const poll = await createOpen('Biểu quyết khi một máy chủ sập');
    const acked = new Map<string, Choice>();
    const onA = voters.filter((u) => tablet(u).home === 'a');
    const syncsBefore = new Map(onA.map((u) => [u, tablet(u).syncs.length]));
    let killed: Promise<void> | undefined;
    let killedAt = 0;
    await new Promise<void>((resolve) => {
      let answered = 0;
      const settle = () => { if (++answered === voters.length) resolve(); };
      voters.forEach((u) => {
        setTimeout(() => {
          if (killed) return settle();
          tablet(u).socket.timeout(3000).emitWithAck('poll.cast', { pollId: poll.id, choice: choiceOf(u) }).then((ack) => {
            if (ack.ok) acked.set(u, choiceOf(u));
            else expect.unreachable(`${u}: ${JSON.stringify(ack)}`);
            // Enough ballots acknowledged on both nodes: node A goes down with others in flight.
            if (!killed && onA.filter((v) => acked.has(v)).length >= 4 && acked.size >= 8) {
              killedAt = Date.now();
              killed = nodeA.kill();
            }
          }, () => { /* no answer: node A died with it in flight */ }).finally(settle);
        }, Math.floor(Math.random() * 400));
      });
    });
    expect(killed).toBeDefined();
    await killed;
    const ackedAtKill = new Map(acked);
    expect([...ackedAtKill.keys()].filter((u) => tablet(u).home === 'a').length).toBeGreaterThanOrEqual(4);

    // Node A's tablets come back through the front, now to B, and sync again.
    await until(() => onA.every((u) => tablet(u).syncs.length > syncsBefore.get(u)!), 20_000);
    console.log(`multi-node failover: ${onA.length} tablets of node A resynced on node B ${Date.now() - killedAt} ms after the kill`);
    expect(front.routed.slice(-onA.length).every((p) => p === nodeB.port)).toBe(true);
    for (const u of onA) {
      const snap = tablet(u).syncs.at(-1)!;
      expect(snap.polls.find((p) => p.id === poll.id)!.status, u).toBe('open');
      if (ackedAtKill.has(u)) expect(snap.myBallots.filter((b) => b.pollId === poll.id), u).toEqual([{ pollId: poll.id, choice: choiceOf(u) }]);
    }

    // Every acknowledged ballot is in the database exactly once, with its choice.
    const rows = await stored(poll.id);
    expect(new Set(rows.map((b) => b.username)).size).toBe(rows.length);
    for (const [u, choice] of ackedAtKill) expect(rows.filter((b) => b.username === u), u).toEqual([{ username: u, choice }]);

    // The poll goes on through B: those acknowledged cannot vote again, the rest can (unless their ballot was
    // committed on A just before it died without an answer).
    for (const u of voters) {
      const ack = await tablet(u).socket.timeout(10_000).emitWithAck('poll.cast', { pollId: poll.id, choice: choiceOf(u) });
      if (ackedAtKill.has(u)) expect(ack, u).toMatchObject({ ok: false, code: 'already_voted' });
      else expect([true, 'already_voted'], `${u}: ${JSON.stringify(ack)}`).toContain(ack.ok ? true : ack.code);
    }
    const final = await stored(poll.id);
    expect(final.map((b) => b.username).sort()).toEqual([...voters].sort());
    for (const b of final) expect(b.choice, b.username).toBe(choiceOf(b.username));
    await until(() => voters.every((u) => tablet(u).tally.get(poll.id) === voters.length), 10_000);

    const closed = await secretary().emitWithAck('poll.close', { pollId: poll.id });
    expect(closed).toMatchObject({ ok: true });
    const r = (closed as { poll: PollView }).poll.result!;
    const count = (c: Choice) => voters.filter((u) => choiceOf(u) === c).length;
    expect([r.yes.count, r.no.count, r.abstain.count]).toEqual([count('yes'), count('no'), count('abstain')]);
  }, 120_000);
});

async function until(check: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
