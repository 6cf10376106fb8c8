// Baseline of the `vote` benchmark (BENCHMARKS.md "vote"): a bare Socket.IO 4 server in its own process — no
// auth, no database — that acknowledges each ballot with the running count and broadcasts a tally of the
// same shape as ours, `{ pollId, cast, totalDelegates }`, coalesced like apps/server/src/live/progress.ts
// (the first change after a quiet spell at once, then at most one per 20 ms with the newest count).
// It speaks just enough of our protocol for tests/bench/lib/vote-clients.ts: meeting.sync, meeting.join,
// attendance.checkIn and poll.cast. Sends `{ type: 'listening', port }` to the parent once it listens.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const intervalMs = 20;
const room = 'meeting';
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

const cast = new Map<string, number>();
const lastSent = new Map<string, number>();
const timers = new Map<string, NodeJS.Timeout>();
let totalDelegates = 0;

function flush(pollId: string): void {
  timers.delete(pollId);
  lastSent.set(pollId, performance.now());
  io.to(room).emit('poll.progress', { pollId, cast: cast.get(pollId) ?? 0, totalDelegates });
}

function update(pollId: string): void {
  if (timers.has(pollId)) return;
  const wait = (lastSent.get(pollId) ?? -Infinity) + intervalMs - performance.now();
  if (wait <= 0) flush(pollId);
  else timers.set(pollId, setTimeout(() => flush(pollId), wait));
}

io.on('connection', (socket) => {
  totalDelegates++;
  const ok = (ack: unknown) => { if (typeof ack === 'function') ack({ ok: true }); };
  socket.on('meeting.sync', async (_p: unknown, ack: unknown) => { await socket.join(room); ok(ack); });
  socket.on('meeting.join', async (_p: unknown, ack: unknown) => { await socket.join(room); ok(ack); });
  socket.on('attendance.checkIn', (_p: unknown, ack: unknown) => ok(ack));
  socket.on('poll.cast', (p: { pollId?: unknown }, ack: unknown) => {
    const pollId = typeof p?.pollId === 'string' ? p.pollId : '';
    const n = (cast.get(pollId) ?? 0) + 1;
    cast.set(pollId, n);
    // Same order as our server: the committed count reaches the publisher, then the ballot is acknowledged.
    update(pollId);
    if (typeof ack === 'function') ack({ ok: true, cast: n });
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  process.send!({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
