import type { Server } from 'node:http';
import { join } from 'node:path';
import { openDatabase, type Database } from '@hopso/db/client';
import { seedDemo } from '@hopso/db/seed';
import { meetingRoom } from '@hopso/shared/realtime';
import { createApp } from './app.ts';
import { prepareDemoSigning } from './signatures/demo.ts';
import { BlobStore } from './documents/storage.ts';
import { hashPassword } from './auth/password.ts';
import type { Config } from './config.ts';
import type { Deps } from './http/context.ts';
import { createHttpServer, loadWebHandler } from './http/server.ts';
import { createLogger, type Logger } from './log.ts';
import { attachRealtime, type RealtimeServer } from './realtime/index.ts';
import { startMailSources } from './petitions/channels/connectors.ts';
import type { MailSource } from './petitions/channels/mail.ts';

export interface Running {
  server: Server;
  io: RealtimeServer;
  database: Database;
  /** Petition mail sources started from the configuration (inbound SMTP). */
  mailSources: MailSource[];
  log: Logger;
  port: number;
  stop(): Promise<void>;
}

/** Opens the database, migrates, seeds demo data when asked and empty, and listens. Used by main.ts and tests. */
export async function startServer(config: Config, now: () => Date = () => new Date()): Promise<Running> {
  const log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: join(config.DATA_DIR, 'pglite') });
  await database.migrate();
  const seeded = config.DEMO_SEED && (await seedDemo(database.db, hashPassword, now()));
  if (seeded) log.info('demo data seeded');

  let io: RealtimeServer | null = null;
  const deps: Deps = {
    db: database.db, driver: database.driver, config, log, now, blobs: new BlobStore(config.BLOB_DIR ?? join(config.DATA_DIR, 'blobs')),
    notifyMeeting: (meetingId) => io?.to(meetingRoom(meetingId)).emit('meeting.changed', { meetingId }),
  };
  if (config.DEMO_SEED) await prepareDemoSigning(deps, seeded);
  // Before the HTTP server listens: a wrong channel configuration stops the start with nothing left running.
  const mailSources = await startMailSources(deps).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const app = createApp(deps);
  const server = createHttpServer(app.fetch, await loadWebHandler(config.WEB_BUILD_DIR, log));
  io = attachRealtime(server, deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info('listening', { url: `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/`, db: database.driver });
  if (database.driver === 'pglite') log.info('embedded PGlite database: single server node; set DATABASE_URL for PostgreSQL');

  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= (async () => {
    // Stop taking connections (Socket.IO closes the HTTP server too), let in-flight requests finish for up
    // to 5 s, then cut what is left and close the database last, so no acknowledged write is lost.
    const closed = new Promise<void>((resolve) => io!.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    server.closeAllConnections();
    await closed;
    // Mail sources finish the message they are storing before the database closes.
    await Promise.all(mailSources.map((source) => source.stop()));
    await database.close();
  })());
  return { server, io, database, mailSources, log, port, stop };
}
