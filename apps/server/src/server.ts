import type { Server } from 'node:http';
import { join } from 'node:path';
import { openDatabase, sqlClient, type Database, type SqlClient } from '@hopso/db/client';
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
import { attachRealtime, endSockets, type RealtimeServer } from './realtime/index.ts';
import { startMailSources } from './petitions/channels/connectors.ts';
import type { MailSource } from './petitions/channels/mail.ts';
import { openCluster, type Cluster } from './realtime/cluster.ts';
import { createMetrics } from './metrics/metrics.ts';
import { userRoom } from '@hopso/shared/notifications';
import { createNotifiers } from './notifications/channels.ts';
import { setActiveChannels } from './notifications/notify.ts';
import { startDeliveryWorker } from './notifications/worker.ts';
import { checkinKey } from './seating/codes.ts';
import { startConsultationScheduler } from './consultations/lifecycle.ts';
import { startInvitationScheduler } from './invitations/notices.ts';

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
  // Nodes of one installation may start together: one at a time migrates and seeds, the others then find it done.
  const seeded = await startupLock(database.driver === 'postgres' ? sqlClient(database.db) : null, async () => {
    await database.migrate();
    return config.DEMO_SEED && (await seedDemo(database.db, hashPassword, now()));
  });
  if (seeded) log.info('demo data seeded');

  let io: RealtimeServer | null = null;
  const deps: Deps = {
    db: database.db, driver: database.driver, config, log, now, blobs: new BlobStore(config.BLOB_DIR ?? join(config.DATA_DIR, 'blobs')),
    notifyMeeting: (meetingId) => io?.to(meetingRoom(meetingId)).emit('meeting.changed', { meetingId }),
    notifyComments: (meetingId, documentId) => io?.to(meetingRoom(meetingId)).emit('comments.changed', { documentId }),
    endSockets: (ended) => { if (io) endSockets(io, ended); },
    metrics: createMetrics(database.db),
    publishLive: (events) => { for (const e of events) io?.to(meetingRoom(e.meetingId)).emit('meeting.event', e); },
  };
  if (config.DEMO_SEED) await prepareDemoSigning(deps, seeded);
  // The QR check-in key is made (or read) now, so the first scan of a sitting does not wait for it.
  await checkinKey(deps);
  // Before the HTTP server listens: a wrong channel configuration stops the start with nothing left running.
  const mailSources = await startMailSources(deps).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const app = createApp(deps);
  const server = createHttpServer(app.fetch, await loadWebHandler(config.WEB_BUILD_DIR, log), deps.metrics.countResponse);
  // PostgreSQL: this node's broadcasts reach the tablets of every node on the database (docs/realtime.md).
  let cluster: Cluster | undefined;
  if (config.DATABASE_URL) {
    cluster = await openCluster(config.DATABASE_URL, log).catch(async (error: unknown) => {
      await Promise.all(mailSources.map((source) => source.stop()));
      await database.close();
      throw error;
    });
  }
  io = attachRealtime(server, deps, cluster);
  // Outgoing notifications (notifications/worker.ts): every node runs a worker, SKIP LOCKED gives each delivery to one;
  // a committed in-app notification reaches the user's tablets on any node through the io adapter.
  const notifiers = createNotifiers(config);
  setActiveChannels(notifiers.map((n) => n.channel));
  const deliveryWorker = startDeliveryWorker({
    db: database.db, notifiers, log, now, emit: (userId, payload) => io?.to(userRoom(userId)).emit('notification.new', payload),
    appUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, maxAttempts: config.NOTIFY_MAX_ATTEMPTS, retryBaseMs: config.NOTIFY_RETRY_SECONDS * 1000, pollMs: config.NOTIFY_POLL_MS,
  });
  // Consultation reminders and closings at the deadline: every node runs it, notify's keys keep it to one send.
  const stopConsultations = startConsultationScheduler(deps);
  // Change notices and reminders (invitations/notices.ts): every node runs it, idempotency keys keep it to one send.
  const stopInvitations = startInvitationScheduler(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info('listening', { url: `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/`, db: database.driver });
  if (database.driver === 'pglite') log.info('embedded PGlite database: single server node; set DATABASE_URL for PostgreSQL');
  else log.info('PostgreSQL database: several server nodes may share it (Socket.IO PostgreSQL adapter)');

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
    await stopInvitations();
    await stopConsultations();
    await deliveryWorker.stop();
    await cluster?.close();
    await database.close();
  })());
  return { server, io, database, mailSources, log, port, stop };
}

/** Any number: the key of the advisory lock the nodes of one database take around migrations and seeding. */
const startupLockKey = 7_240_913;

/**
 * Runs `work` holding a PostgreSQL session advisory lock on one reserved connection (the work itself may use
 * the pool), so two nodes started at once never run the migrations or the demo seed side by side. PGlite
 * (`null`) is one process: no lock needed.
 */
async function startupLock<T>(sql: SqlClient | null, work: () => Promise<T>): Promise<T> {
  if (!sql) return work();
  const connection = await sql.reserve();
  try {
    await connection.unsafe(`select pg_advisory_lock(${startupLockKey})`);
    try {
      return await work();
    } finally {
      await connection.unsafe(`select pg_advisory_unlock(${startupLockKey})`);
    }
  } finally {
    connection.release();
  }
}
