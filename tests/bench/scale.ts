// `npm run bench -- scale [--sockets 20000] [--step 5000] [--fanout-clients 400] [--rounds 2] [--polls 2]`
// Issue 9's scale benchmark, on a throwaway PostgreSQL cluster (scripts/pg-cluster.sh, loopback):
//
// Idle sockets (one node): authenticated tablets joined to the meeting room, added `step` at a time in client
// processes of `step` each (several sockets share one of the 25 demo sessions: a socket costs the same
// whatever its session). After each step and a 3 s settle, the server's RSS (/proc/PID/status VmRSS);
// at the end its CPU at rest over 5 s (/proc/PID/stat). rss_mb_per_1k_sockets = (RSS with all − RSS with
// none) / thousands of sockets. Raise the open-files limit first (`ulimit -n 65536`): the server holds one
// descriptor per socket.
//
// Fan-out, 1 node vs 2 nodes at the same total: `fanout-clients` imported delegates, each signed in once.
// 1 node: all tablets on node A; 2 nodes: half on A, half on B (same database, PostgreSQL adapter). Each run:
// `rounds` storms (BENCHMARKS.md "vote": every tablet casts at a random moment within 2 s; fan-out = emit →
// that tablet has a tally including its ballot) and `polls` throughput polls (every tablet casts when it
// hears poll.opened; ballots/s = acknowledged / wall time from open to the last ack). Clients are forked
// processes (tests/bench/lib/vote-clients.ts), as in `vote`.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import { DEMO, DEMO_PASSWORD, startServer, type Server } from '../e2e/harness.ts';
import { freshDatabase, startCluster, stopCluster, type Cluster } from '../pg.ts';
import { pool } from './lib/concurrency.ts';
import type { FromIdle, ToIdle } from './lib/idle-clients.ts';
import type { PollDone } from './lib/vote-clients.ts';
import { intOption, percentile, type BenchReport } from './lib/report.ts';
import { api, connectSecretary, emit, login, Proc, startClients, storm, type ClientProc, type Http } from './vote.ts';

const idleFile = fileURLToPath(new URL('./lib/idle-clients.ts', import.meta.url));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const epoch = () => performance.timeOrigin + performance.now();
const log = (line: string) => console.log(`[scale ${new Date().toISOString().slice(11, 19)}] ${line}`);

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** utime + stime of a process in seconds (clock ticks of 1/100 s, Linux's USER_HZ). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

async function idleSockets(server: Server, cookies: string[], meetingId: string, total: number, step: number) {
  const procs: Proc<ToIdle, FromIdle>[] = [];
  const series: { sockets: number; rss_mb: number }[] = [];
  try {
    await sleep(3_000);
    const rss0 = rssMb(server.pid);
    series.push({ sockets: 0, rss_mb: round(rss0) });
    let connected = 0;
    while (connected < total) {
      const count = Math.min(step, total - connected);
      const p = new Proc<ToIdle, FromIdle>(idleFile, `idle clients #${procs.length + 1}`);
      procs.push(p);
      p.send({ type: 'connect', url: server.url, cookies, meetingId, count, concurrency: 50 });
      const done = await p.next<Extract<FromIdle, { type: 'connected' }>>('connected', 600_000);
      if (done.failed) throw new Error(`${done.failed} of ${count} idle sockets failed to connect and join (open-files limit? ulimit -n)`);
      connected += done.clients;
      await sleep(3_000);
      series.push({ sockets: connected, rss_mb: round(rssMb(server.pid)) });
      log(`${connected} idle sockets (+${count} in ${round(done.ms / 1000)} s): server RSS ${round(rssMb(server.pid))} MB`);
    }
    const cpu0 = cpuSeconds(server.pid);
    await sleep(5_000);
    const cpuAtRest = (cpuSeconds(server.pid) - cpu0) / 5;
    const rssN = series.at(-1)!.rss_mb;
    return { sockets: connected, rss0, rssN, perK: (rssN - rss0) / (connected / 1000), cpuAtRestPct: cpuAtRest * 100, series };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}

interface FanoutRun { nodes: number; fanout_p50_ms: number; fanout_p99_ms: number; ack_p99_ms: number; ballots_per_s: number }

async function fanout(nodes: Server[], cookies: string[], secretary: Socket, meetingId: string, rounds: number, polls: number): Promise<FanoutRun> {
  const procs: ClientProc[] = [];
  try {
    const per = Math.ceil(cookies.length / nodes.length);
    const parts = await Promise.all(nodes.map((n, i) => startClients(`${nodes.length} node(s), node ${i + 1}`, n.url, cookies.slice(i * per, (i + 1) * per), 1, meetingId, true, 'sync')));
    procs.push(...parts.flat());
    const fan: number[] = [];
    const acks: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      await sleep(500);
      const pollId = (await emit(secretary, 'poll.create', { meetingId, title: `Quy mô ${nodes.length} máy, vòng ${r}`, kind: 'motion', method: 'named' })).poll!.id;
      await emit(secretary, 'poll.open', { pollId });
      const samples = await storm(procs, pollId);
      const closed = await emit(secretary, 'poll.close', { pollId });
      const failed = samples.filter((s) => !s.ok || s.fanoutMs === null);
      if (failed.length || closed.poll!.cast !== cookies.length) throw new Error(`storm ${r} on ${nodes.length} node(s): ${failed.length} ballots failed, closed with ${closed.poll!.cast} of ${cookies.length}`);
      fan.push(...samples.map((s) => s.fanoutMs!));
      acks.push(...samples.map((s) => s.ackMs));
    }
    const pollIds: string[] = [];
    for (let i = 1; i <= polls; i++) pollIds.push((await emit(secretary, 'poll.create', { meetingId, title: `Thông lượng ${nodes.length} máy ${i}`, kind: 'motion', method: 'named' })).poll!.id);
    procs.forEach((p) => p.send({ type: 'throughput', pollIds, maxWaitMs: 30_000 }));
    let ms = 0;
    let acked = 0;
    for (const pollId of pollIds) {
      await sleep(300);
      const t0 = epoch();
      await emit(secretary, 'poll.open', { pollId });
      const done = await Promise.all(procs.map((p) => p.next<PollDone>('pollDone', 90_000)));
      ms += Math.max(...done.map((d) => d.lastAckEpoch)) - t0;
      acked += done.reduce((n, d) => n + d.acked, 0);
      const failed = done.reduce((n, d) => n + d.failed, 0);
      if (failed) throw new Error(`throughput on ${nodes.length} node(s): ${failed} ballots not acknowledged`);
      await emit(secretary, 'poll.close', { pollId });
    }
    const run = { nodes: nodes.length, fanout_p50_ms: round(percentile(fan, 0.5)), fanout_p99_ms: round(percentile(fan, 0.99)), ack_p99_ms: round(percentile(acks, 0.99)), ballots_per_s: Math.round((1000 * acked) / ms) };
    log(`${nodes.length} node(s), ${cookies.length} tablets: fan-out p50 ${run.fanout_p50_ms} / p99 ${run.fanout_p99_ms} ms, ack p99 ${run.ack_p99_ms} ms, ${run.ballots_per_s} ballots/s`);
    return run;
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}

export default async function scale(args: string[]): Promise<BenchReport> {
  const o = { sockets: intOption(args, 'sockets', 20_000), step: intOption(args, 'step', 5_000), fanoutClients: intOption(args, 'fanout-clients', 400), rounds: intOption(args, 'rounds', 2), polls: intOption(args, 'polls', 2) };
  log(`machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}; ${o.sockets} idle sockets in steps of ${o.step}; fan-out with ${o.fanoutClients} tablets`);
  let cluster: Cluster | undefined;
  const servers: Server[] = [];
  let secretary: Socket | undefined;
  try {
    cluster = await startCluster('hopso-bench-scale-');
    const databaseUrl = await freshDatabase(cluster.adminUrl, 'hopso_bench_scale');
    const nodeA = await startServer({ name: 'bench-scale-a', databaseUrl, timeoutMs: 300_000, env: { LOG_LEVEL: 'warn' } });
    servers.push(nodeA);
    const sec: Http = { url: nodeA.url, cookie: await login(nodeA.url, DEMO.secretary, DEMO_PASSWORD) };
    const demoCookies = await pool(Array.from({ length: 22 }, (_, i) => DEMO.delegate(i + 1)), 4, (u) => login(nodeA.url, u, DEMO_PASSWORD));
    const { meetings } = await api<{ meetings: { id: string; kind: string }[] }>(sec, 'GET', '/api/meetings');
    const idle = await idleSockets(nodeA, demoCookies, meetings.find((m) => m.kind === 'regular')!.id, o.sockets, o.step);

    // Fan-out: delegates of their own, so every tablet may vote.
    const { councils } = await api<{ councils: { id: string; role: string | null }[] }>(sec, 'GET', '/api/councils');
    const councilId = (councils.find((c) => c.role === 'secretary') ?? councils[0])!.id;
    const rows = Array.from({ length: o.fanoutClients }, (_, i) => `Đại biểu Quy mô ${String(i + 1).padStart(5, '0')},qm${String(i + 1).padStart(5, '0')}@bench.hopso.local,,delegate,,`);
    const chunks = Array.from({ length: Math.ceil(rows.length / 100) }, (_, i) => rows.slice(i * 100, (i + 1) * 100));
    const credentials = (await pool(chunks, 2, async (part) =>
      (await api<{ credentials: { username: string; password: string }[] }>(sec, 'POST', `/api/councils/${councilId}/members/import`, { csv: `name,email,phone,role,committee,group\n${part.join('\n')}\n` }, 900_000)).credentials)).flat();
    const { members } = await api<{ members: { userId: string; username: string }[] }>(sec, 'GET', `/api/councils/${councilId}/members`);
    const userIdOf = new Map(members.map((m) => [m.username, m.userId]));
    const meetingId = (await api<{ meeting: { id: string } }>(sec, 'POST', `/api/councils/${councilId}/meetings`, { title: `Thử quy mô ${o.fanoutClients} đại biểu`, kind: 'regular', startsAt: new Date(Date.now() + 3600_000).toISOString(), place: 'Hội trường thử tải', inviteAllMembers: false })).meeting.id;
    await api(sec, 'PUT', `/api/meetings/${meetingId}/invitations`, { userIds: credentials.map((c) => userIdOf.get(c.username)!) });
    await api(sec, 'POST', `/api/meetings/${meetingId}/publish`);
    const cookies = await pool(credentials, 8, (c) => login(nodeA.url, c.username, c.password));
    log(`${cookies.length} fan-out delegates imported and signed in`);
    secretary = await connectSecretary(nodeA.url, sec.cookie);
    await emit(secretary, 'meeting.sync', { meetingId });

    const one = await fanout([nodeA], cookies, secretary, meetingId, o.rounds, o.polls);
    servers.push(await startServer({ name: 'bench-scale-b', databaseUrl, timeoutMs: 300_000, env: { LOG_LEVEL: 'warn' } }));
    const two = await fanout(servers, cookies, secretary, meetingId, o.rounds, o.polls);

    const result = {
      sockets_one_node: idle.sockets,
      rss_mb_per_1k_sockets: round(idle.perK, 2),
      fanout_p99_ms_1_node: one.fanout_p99_ms,
      fanout_p99_ms_2_nodes: two.fanout_p99_ms,
      throughput_ratio_2_vs_1: round(two.ballots_per_s / one.ballots_per_s, 2),
      cpu_at_rest_percent: round(idle.cpuAtRestPct, 2),
      rss_mb_no_sockets: round(idle.rss0),
      rss_series: idle.series,
      fanout_clients: o.fanoutClients,
      runs: [one, two],
      db: 'postgres',
    };
    return {
      result,
      goals: [
        { name: `${o.sockets} idle sockets on one node`, value: idle.sockets, limit: 20_000, kind: 'min' },
        { name: '≤ 60 MB of server RSS per 1,000 idle sockets', value: result.rss_mb_per_1k_sockets, limit: 60, kind: 'max' },
        { name: '2 nodes ≥ 1.8× the ballot throughput of 1', value: result.throughput_ratio_2_vs_1, limit: 1.8, kind: 'min' },
      ],
      summary: [
        `${idle.sockets} idle sockets on one node: RSS ${round(idle.rss0)} → ${round(idle.rssN)} MB (${result.rss_mb_per_1k_sockets} MB per 1,000), CPU at rest ${result.cpu_at_rest_percent} %`,
        `fan-out p99 with ${o.fanoutClients} tablets: 1 node ${one.fanout_p99_ms} ms, 2 nodes ${two.fanout_p99_ms} ms`,
        `throughput: 1 node ${one.ballots_per_s} ballots/s, 2 nodes ${two.ballots_per_s} ballots/s → ratio ${result.throughput_ratio_2_vs_1}`,
      ],
    };
  } finally {
    secretary?.close();
    await Promise.all(servers.map((s) => s.stop()));
    if (cluster) stopCluster(cluster.dir);
  }
}
