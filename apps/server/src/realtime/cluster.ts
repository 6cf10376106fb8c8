import pg from 'pg';
import { createAdapter } from '@socket.io/postgres-adapter';
import { MessageType, type BroadcastOptions, type ClusterMessage } from 'socket.io-adapter';
import type { Committed } from '../live/ballots.ts';
import type { Logger } from '../log.ts';

/**
 * What server nodes tell each other besides the broadcasts to tablets (`io.serverSideEmit`): each node sends
 * poll progress to its own tablets only, so it must hear of the ballots the other nodes committed.
 */
export interface ClusterEvents {
  /** A ballot batch committed on another node (the count read in its transaction, named voters stored). */
  'ballots.committed': (c: Committed) => void;
  /** A poll closed or was cancelled on another node: forget who voted in it. */
  'poll.ended': (pollId: string) => void;
}

/** Where the adapter keeps packets over NOTIFY's 8,000-byte limit; rows are removed after 30 s. */
const attachmentsTable = 'socket_io_attachments';

export interface Cluster {
  adapter: ReturnType<typeof createAdapter>;
  /** Ends the adapter's PostgreSQL connections (after Socket.IO has closed). */
  close(): Promise<void>;
}

/**
 * The Socket.IO PostgreSQL adapter (LISTEN/NOTIFY) for servers sharing one PostgreSQL database: a broadcast
 * to a meeting room on one node reaches the room's tablets on every node. Called by server.ts only when
 * DATABASE_URL is set; the adapter needs a `pg` pool of its own (the app's queries go through postgres.js),
 * one connection of which stays reserved for LISTEN.
 */
export async function openCluster(url: string, log: Logger): Promise<Cluster> {
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection emits on the pool; unhandled, that would end the process.
  pool.on('error', (error) => log.warn('cluster adapter connection lost', { error: error.message }));
  try {
    await pool.query(`create table if not exists ${attachmentsTable} (id bigserial unique, created_at timestamptz default now(), payload bytea)`);
  } catch (error) {
    // Two nodes starting at once can both try to create it; only a table that is still missing is a failure.
    const exists = await pool.query(`select to_regclass('${attachmentsTable}') as t`).then((r) => r.rows[0]?.t !== null, () => false);
    if (!exists) {
      await pool.end();
      throw error;
    }
  }
  const make = createAdapter(pool, {
    tableName: attachmentsTable,
    errorHandler: (error: Error) => log.warn('cluster adapter error', { error: error.message }),
  });
  // Socket.IO calls the adapter with `new`: a function (not an arrow) whose returned object is the adapter.
  const adapter = function ordered(nsp: unknown) { return localFirst(make(nsp)); } as typeof make;
  return { adapter, close: () => pool.end() };
}

/** The parts of the adapter (socket.io-adapter's ClusterAdapter) that `localFirst` replaces or calls. */
interface ClusterInternals {
  broadcast(packet: unknown, opts: BroadcastOptions): unknown;
  publish(message: ClusterMessage): void;
  doPublish(message: ClusterMessage): Promise<unknown>;
}

/**
 * Broadcasts reach this node's sockets first, at once, then the other nodes, one NOTIFY after the other.
 * The adapter as shipped delivers to its own sockets only after the NOTIFY is sent and sends NOTIFYs on
 * whichever pool connection is free: an event could then reach a tablet after the acknowledgement of the
 * command that caused it, and two meeting events emitted in order could arrive the other way round (a tablet
 * that sees seq 5 before seq 4 resyncs for nothing). Here a node's own tablets get events exactly as on a
 * single node, and the other nodes receive them in the order they were emitted.
 * (The adapter's publish never rejects: a failed NOTIFY goes to errorHandler and the local delivery stands.)
 */
function localFirst<A extends object>(adapter: A): A {
  const target = adapter as unknown as ClusterInternals;
  const broadcast = target.broadcast.bind(adapter);
  const doPublish = target.doPublish.bind(adapter);
  let tail: Promise<unknown> = Promise.resolve();
  target.doPublish = (message) => {
    const sent = tail.then(() => doPublish(message));
    tail = sent.catch(() => {});
    return sent;
  };
  target.broadcast = (packet, opts) => {
    if (opts.flags?.local) return broadcast(packet, opts);
    broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
    target.publish({ type: MessageType.BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } } } as ClusterMessage);
  };
  return adapter;
}
