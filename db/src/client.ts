import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import postgres from 'postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { PgliteThread, type WireSocket } from './pglite-thread.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath; services depend on this type only. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Applies pending migrations; the same SQL files serve both drivers. */
  migrate(): Promise<void>;
  /** PGlite only: writes the whole database as a tarball, to open others from (`template`). */
  dump?(path: string): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export interface DatabaseOptions {
  /** postgres:// URL; when set, real PostgreSQL is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  dataDir?: string | undefined;
  /** Connections in the postgres.js pool. */
  poolSize?: number;
  /** PGlite only: a tarball written by `dump` that a new data directory starts from. */
  template?: string | undefined;
}

/**
 * Opens PostgreSQL when a URL is given, otherwise embedded PGlite, so `npm start` needs nothing installed.
 * Both go through postgres.js: PGlite runs in a worker thread and speaks the wire protocol to it
 * (pglite-thread.ts), so its WebAssembly never runs on the thread that serves HTTP and Socket.IO.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, { max: options.poolSize ?? 10, onnotice: () => {} });
    return wrap(client, 'postgres', () => client.end({ timeout: 5 }));
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const thread = await PgliteThread.start(dataDir, options.template);
  // One connection: PGlite is a single session. It lives as long as the database (no idle or age limit).
  // (postgres.js supports a custom `socket` but its type declarations leave the option out.)
  const settings: postgres.Options<{}> & { socket: () => WireSocket } = { max: 1, socket: () => thread.connect(), idle_timeout: 0, max_lifetime: null, onnotice: () => {} };
  const client = postgres(settings);
  const database = wrap(client, 'pglite', async () => {
    await client.end({ timeout: 5 });
    await thread.close();
  });
  return { ...database, dump: (path) => thread.dump(path) };
}

function wrap(client: postgres.Sql, driver: Database['driver'], close: () => Promise<void>): Database {
  const db = drizzle({ client, schema });
  return { db, driver, migrate: () => migrate(db, { migrationsFolder }), close };
}

/**
 * The postgres.js client under a database's drizzle instance, for a hot path that pipelines its own
 * statements on one reserved connection (the ballot group commit). Drizzle sends each query with parameters
 * unprepared, which postgres.js answers with a Describe round trip first and no pipelining behind it; constant
 * statements prepared through the client cost one round trip for a whole transaction.
 */
export type SqlClient = postgres.Sql;
export function sqlClient(db: Db): SqlClient {
  const client = (db as { $client?: postgres.Sql }).$client;
  if (!client) throw new Error('not a drizzle postgres.js database');
  return client;
}

export { schema };
