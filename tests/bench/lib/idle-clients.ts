// Client process of the `scale` benchmark (tests/bench/scale.ts forks it): up to a few thousand idle
// Socket.IO tablets, each signed in (a session cookie; several sockets may share one, as a delegate's
// tablet and phone do) and joined to the meeting room, then left alone until `quit`.
import { io, type Socket } from 'socket.io-client';

export interface IdleConnect { type: 'connect'; url: string; cookies: string[]; meetingId: string; count: number; concurrency: number }
export type ToIdle = IdleConnect | { type: 'quit' };
export type FromIdle = { type: 'connected'; clients: number; failed: number; ms: number } | { type: 'error'; message: string };

const sockets: Socket[] = [];
const send = (m: FromIdle) => process.send!(m);

function connectOne(url: string, cookie: string, meetingId: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true, timeout: 30_000 });
    socket.once('connect', () => {
      socket.timeout(30_000).emitWithAck('meeting.join', { meetingId }).then((ack: { ok: boolean }) => {
        sockets.push(socket);
        resolve(ack.ok);
      }, () => resolve(false));
    });
    socket.once('connect_error', () => { socket.close(); resolve(false); });
  });
}

async function onConnect(m: IdleConnect): Promise<void> {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(Array.from({ length: m.concurrency }, async () => {
    while (next < m.count) {
      const i = next++;
      if (!(await connectOne(m.url, m.cookies[i % m.cookies.length]!, m.meetingId))) failed++;
    }
  }));
  send({ type: 'connected', clients: sockets.length, failed, ms: performance.now() - started });
}

process.on('message', (m: ToIdle) => {
  if (m.type === 'connect') onConnect(m).catch((e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
  else if (m.type === 'quit') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
