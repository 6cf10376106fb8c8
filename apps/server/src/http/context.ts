import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Db } from '@hopso/db/client';
import type { MeetingEvent } from '@hopso/shared/live';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { AuthUser } from '../auth/session.ts';
import type { BlobStore } from '../documents/storage.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { AppError, fieldErrors } from './errors.ts';

/** What every route can reach: the database, configuration, logger and clock (injected for tests). */
export interface Deps {
  db: Db;
  config: Config;
  log: Logger;
  driver: 'pglite' | 'postgres';
  /** Where document files are kept. */
  blobs: BlobStore;
  now: () => Date;
  /** Tells tablets in a meeting room that the meeting changed (a no-op until Socket.IO is attached). */
  notifyMeeting: (meetingId: string) => void;
  /** Tells the meeting room that a draft's comments changed; the event names the document only, never a comment. */
  notifyComments: (meetingId: string, documentId: string) => void;
  /** Sends meeting events an HTTP route appended (a site added) to the meeting's room, as the live socket does. */
  publishLive?: (events: MeetingEvent[]) => void;
  /**
   * Disconnects, on every node, the sockets opened with a session that just ended (sign-out, sign-out
   * everywhere, a new sign-in on the same browser): a socket is authenticated once, at its handshake.
   */
  endSockets: (ended: { sessionId: string } | { userId: string }) => void;
  /** This node's Prometheus metrics (GET /metrics). */
  metrics: Metrics;
}

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: { deps: Deps; user: AuthUser | null; requestId: string; log: Logger };
}
export type AppContext = Context<AppEnv>;

/** Parses the JSON body against a shared schema: 400 invalid_json or 400 validation with field errors. */
export async function readJson<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError('invalid_json');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation', { fields: fieldErrors(schema, raw) });
  return parsed.data;
}

/** Parses the query string against a shared schema: 400 validation with field errors. */
export function readQuery<S extends z.ZodType>(c: AppContext, schema: S): z.output<S> {
  const raw = c.req.query();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation', { fields: fieldErrors(schema, raw) });
  return parsed.data;
}

/** The signed-in user, or 401. */
export function requireUser(c: AppContext): AuthUser {
  const user = c.get('user');
  if (!user) throw new AppError('unauthenticated');
  return user;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UUID route parameter; anything else is a 404 rather than a database error. */
export function idParam(c: AppContext, name: string): string {
  const value = c.req.param(name);
  if (!value || !uuidPattern.test(value)) throw new AppError('not_found');
  return value.toLowerCase();
}
