// A TCP front for the multi-node test: forwards each connection to the first backend that accepts it, as a
// load balancer with health checks does once a node is gone. WebSocket-only clients need nothing more: one
// TCP connection is one Socket.IO session, so no stickiness is needed.
import { connect, createServer, type Socket } from 'node:net';

export interface Front {
  /** The loopback port clients connect to. */
  port: number;
  /** The backend port each accepted connection went to, in order. */
  routed: number[];
  close(): Promise<void>;
}

/** Listens on a free loopback port; each connection goes to the first of `backends` that accepts it. */
export async function failoverFront(backends: number[]): Promise<Front> {
  const open = new Set<Socket>();
  const routed: number[] = [];
  const server = createServer((client) => {
    open.add(client);
    client.pause();
    let upstream: Socket | undefined;
    const drop = () => { client.destroy(); upstream?.destroy(); };
    client.on('error', drop);
    client.on('close', () => { open.delete(client); upstream?.destroy(); });
    const attempt = (i: number) => {
      if (i >= backends.length) return drop();
      let connected = false;
      const u = connect(backends[i]!, '127.0.0.1');
      upstream = u;
      u.once('connect', () => {
        connected = true;
        routed.push(backends[i]!);
        u.pipe(client);
        client.pipe(u);
        client.resume();
      });
      u.on('error', () => { if (!connected) attempt(i + 1); else drop(); });
      u.on('close', () => { if (connected) drop(); });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    routed,
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}
