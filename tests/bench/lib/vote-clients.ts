// Client process of the `vote` benchmark (tests/bench/vote.ts forks it, BENCHMARKS.md "vote"): a few hundred
// Socket.IO tablets in one process, driven by IPC messages from the parent. Every latency is measured here
// with this process's own clock (performance.now), so no clocks of different processes are compared, except
// the epoch timestamps of the throughput phase (same machine, same wall clock).
//
// Parent → child: connect, join, storm, throughput, quit. Child → parent: the matching `…Done` message or
// `error`. Every wait is bounded; a client that misses a deadline is reported as a failure, never waited on.
import { io, type Socket } from 'socket.io-client';

export interface ConnectMsg { type: 'connect'; url: string; cookies: string[]; meetingId: string; checkIn: boolean; concurrency: number }
export interface JoinMsg { type: 'join'; how: 'sync' | 'join' }
export interface StormMsg { type: 'storm'; pollId: string; spreadMs: number; maxWaitMs: number }
export interface ThroughputMsg { type: 'throughput'; pollIds: string[]; maxWaitMs: number }
export type ToClients = ConnectMsg | JoinMsg | StormMsg | ThroughputMsg | { type: 'quit' };

export interface StormSample { ackMs: number; fanoutMs: number | null; ok: boolean; code?: string; cast: number }
export interface PollDone { type: 'pollDone'; pollId: string; acked: number; failed: number; codes: Record<string, number>; lastAckEpoch: number; firstOpenedEpoch: number; maxCast: number }
export type FromClients =
  | { type: 'connected'; clients: number; ms: number }
  | { type: 'joined'; ms: number }
  | { type: 'stormDone'; samples: StormSample[] }
  | PollDone
  | { type: 'error'; message: string };

const epoch = () => performance.timeOrigin + performance.now();
const choices = ['yes', 'no', 'abstain'] as const;
const send = (m: FromClients) => process.send!(m);

type Ack = { ok: boolean; code?: string; cast?: number };

interface Client {
  socket: Socket;
  /** poll.progress receipts per poll: [time, cast], in arrival order. */
  progress: Map<string, [number, number][]>;
  /** Waiting for a tally ≥ cast of a poll: resolved with the arrival time. */
  waiter: { pollId: string; cast: number; resolve: (t: number) => void } | null;
  onOpened: ((pollId: string) => void) | null;
}

let clients: Client[] = [];
let meetingId = '';

async function pool<T>(items: T[], concurrency: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

function connectOne(url: string, cookie: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
    });
    const client: Client = { socket, progress: new Map(), waiter: null, onOpened: null };
    socket.on('poll.progress', (p: { pollId: string; cast: number }) => {
      const t = performance.now();
      let list = client.progress.get(p.pollId);
      if (!list) client.progress.set(p.pollId, (list = []));
      list.push([t, p.cast]);
      const w = client.waiter;
      if (w && w.pollId === p.pollId && p.cast >= w.cast) {
        client.waiter = null;
        w.resolve(t);
      }
    });
    socket.on('meeting.event', (e: { type: string; payload: { poll?: { id: string } } }) => {
      if (e.type === 'poll.opened' && e.payload.poll && client.onOpened) client.onOpened(e.payload.poll.id);
    });
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err) => { socket.close(); reject(new Error(`connect: ${err.message}`)); });
  });
}

async function ack(client: Client, event: string, payload: unknown, timeoutMs = 30_000): Promise<Ack> {
  return (await client.socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack;
}

async function onConnect(m: ConnectMsg): Promise<void> {
  const started = performance.now();
  meetingId = m.meetingId;
  clients = new Array(m.cookies.length);
  await pool(m.cookies, m.concurrency, async (cookie, i) => {
    const c = await connectOne(m.url, cookie);
    clients[i] = c;
    if (m.checkIn) {
      const r = await ack(c, 'attendance.checkIn', { meetingId });
      if (!r.ok) throw new Error(`attendance.checkIn answered ${r.code}`);
    }
  });
  send({ type: 'connected', clients: clients.length, ms: performance.now() - started });
}

async function onJoin(m: JoinMsg): Promise<void> {
  const started = performance.now();
  await pool(clients, 25, async (c) => {
    const r = await ack(c, m.how === 'sync' ? 'meeting.sync' : 'meeting.join', { meetingId });
    if (!r.ok) throw new Error(`${m.how === 'sync' ? 'meeting.sync' : 'meeting.join'} answered ${r.code}`);
  });
  send({ type: 'joined', ms: performance.now() - started });
}

/** First tally of the poll with cast ≥ `cast` received at or after `since`, if already here. */
function seen(c: Client, pollId: string, cast: number, since: number): number | null {
  for (const [t, n] of c.progress.get(pollId) ?? []) if (t >= since && n >= cast) return t;
  return null;
}

async function onStorm(m: StormMsg): Promise<void> {
  const samples: StormSample[] = [];
  const deadline = performance.now() + m.spreadMs + m.maxWaitMs;
  await Promise.all(clients.map(async (c) => {
    await new Promise((r) => setTimeout(r, Math.random() * m.spreadMs));
    const choice = choices[Math.floor(Math.random() * 3)]!;
    const t0 = performance.now();
    let r: Ack;
    try {
      r = await ack(c, 'poll.cast', { pollId: m.pollId, choice }, Math.max(1, deadline - t0));
    } catch {
      samples.push({ ackMs: performance.now() - t0, fanoutMs: null, ok: false, code: 'timeout', cast: 0 });
      return;
    }
    const tAck = performance.now();
    if (!r.ok) {
      samples.push({ ackMs: tAck - t0, fanoutMs: null, ok: false, code: r.code, cast: 0 });
      return;
    }
    const cast = r.cast!;
    let tFan = seen(c, m.pollId, cast, t0);
    if (tFan === null) {
      tFan = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => { c.waiter = null; resolve(null); }, Math.max(1, deadline - performance.now()));
        c.waiter = { pollId: m.pollId, cast, resolve: (t) => { clearTimeout(timer); resolve(t); } };
      });
    }
    samples.push({ ackMs: tAck - t0, fanoutMs: tFan === null ? null : tFan - t0, ok: true, cast });
  }));
  send({ type: 'stormDone', samples });
}

/** Every client casts on each poll of the list as soon as its own tablet hears `poll.opened`. */
async function onThroughput(m: ThroughputMsg): Promise<void> {
  const wanted = new Set(m.pollIds);
  const state = new Map(m.pollIds.map((id) => [id, { acked: 0, failed: 0, codes: {} as Record<string, number>, lastAckEpoch: 0, firstOpenedEpoch: 0, maxCast: 0 }]));
  for (const c of clients) {
    c.onOpened = (pollId) => {
      const s = state.get(pollId);
      if (!s || !wanted.has(pollId)) return;
      if (!s.firstOpenedEpoch) s.firstOpenedEpoch = epoch();
      const choice = choices[Math.floor(Math.random() * 3)]!;
      void ack(c, 'poll.cast', { pollId, choice }, m.maxWaitMs).then(
        (r) => {
          if (r.ok) { s.acked++; s.maxCast = Math.max(s.maxCast, r.cast ?? 0); } else { s.failed++; s.codes[r.code ?? '?'] = (s.codes[r.code ?? '?'] ?? 0) + 1; }
        },
        () => { s.failed++; s.codes.timeout = (s.codes.timeout ?? 0) + 1; },
      ).finally(() => {
        s.lastAckEpoch = epoch();
        if (s.acked + s.failed === clients.length) send({ type: 'pollDone', pollId, ...s });
      });
    };
  }
}

process.on('message', (m: ToClients) => {
  const fail = (e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  try {
    if (m.type === 'connect') onConnect(m).catch(fail);
    else if (m.type === 'join') onJoin(m).catch(fail);
    else if (m.type === 'storm') onStorm(m).catch(fail);
    else if (m.type === 'throughput') onThroughput(m).catch(fail);
    else if (m.type === 'quit') {
      for (const c of clients) c?.socket.close();
      process.disconnect?.();
      setTimeout(() => process.exit(0), 200).unref();
    }
  } catch (e) {
    fail(e);
  }
});
// The parent going away ends this process too (no orphaned clients).
process.on('disconnect', () => process.exit(0));
