import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { joinMeetingPayload, meetingRoom, type Ack, type ClientToServerEvents, type ServerToClientEvents } from '@hopso/shared/realtime';
import { userRoom } from '@hopso/shared/notifications';
import { errorBody, fieldErrors } from '../http/errors.ts';
import { findSessionUser, readCookie, sessionCookie, type AuthUser } from '../auth/session.ts';
import { meetingAccess } from '../meetings/access.ts';
import { createLive, runRoom } from '../live/socket.ts';
import type { Deps } from '../http/context.ts';
import type { Cluster, ClusterEvents } from './cluster.ts';

interface SocketData { user: AuthUser }
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, ClusterEvents, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, ClusterEvents, SocketData>;

/** Browsers send Origin on WebSocket handshakes; only our own pages may connect. Malformed means no. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Socket.IO on the HTTP server: the handshake is authenticated with the same session cookie as the API and
 * only same-origin browsers may connect; every event is validated and answered with a typed Ack. With a
 * cluster (several nodes on one PostgreSQL database) broadcasts go through its adapter to every node.
 */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Disconnects every socket of an ended session, or of all a user's sessions, across the cluster's nodes. */
export function endSockets(io: RealtimeServer, ended: { sessionId: string } | { userId: string }): void {
  io.in('sessionId' in ended ? sessionRoom(ended.sessionId) : userRoom(ended.userId)).disconnectSockets(true);
}

export function attachRealtime(httpServer: HttpServer, deps: Deps, cluster?: Cluster): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    ...(cluster ? { adapter: cluster.adapter } : {}),
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, sameOrigin(req.headers.origin, req.headers.host)),
  });
  io.use(async (socket, next) => {
    try {
      const token = readCookie(socket.handshake.headers.cookie, sessionCookie);
      const user = token ? await findSessionUser(deps.db, token, deps.now()) : null;
      if (!user) return next(new Error('unauthenticated'));
      socket.data.user = user;
      next();
    } catch (error) {
      deps.log.error('socket handshake failed', { error: error instanceof Error ? error.message : String(error) });
      next(new Error('internal'));
    }
  });
  deps.metrics.countSocketsWith(() => io.of('/').sockets.size);
  const live = createLive(io, deps, { clustered: cluster !== undefined });
  io.on('connection', (socket: RealtimeSocket) => {
    // A socket is authenticated once, at its handshake: it lives no longer than its session (deps.endSockets
    // disconnects it when the session is ended, on whichever node; the timer when it runs out).
    const { user } = socket.data;
    void socket.join([sessionRoom(user.sessionId), userRoom(user.id)]);
    const expiry = setTimeout(() => socket.disconnect(true), Math.min(Math.max(user.sessionExpiresAt.getTime() - deps.now().getTime(), 0), 2 ** 31 - 1));
    socket.once('disconnect', () => clearTimeout(expiry));
    live.register(socket);
    const guard = (handler: (payload: unknown) => Promise<Ack>) => async (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: Ack) => void) : () => {};
      try {
        reply(await handler(payload));
      } catch (error) {
        deps.log.error('socket handler failed', { error: error instanceof Error ? error.stack : String(error) });
        reply(errorBody('internal'));
      }
    };
    const withMeeting = (run: (meetingId: string) => Promise<Ack>) => guard(async (payload) => {
      const parsed = joinMeetingPayload.safeParse(payload);
      if (!parsed.success) return errorBody('validation', { fields: fieldErrors(joinMeetingPayload, payload) });
      return run(parsed.data.meetingId);
    });
    socket.on('meeting.join', withMeeting(async (meetingId) => {
      if (!(await meetingAccess(deps.db, socket.data.user, meetingId))) return errorBody('not_found');
      await socket.join(meetingRoom(meetingId));
      return { ok: true };
    }));
    socket.on('meeting.leave', withMeeting(async (meetingId) => {
      // The console's room too: a tablet's one connection outlives the live page that joined it.
      await Promise.all([socket.leave(meetingRoom(meetingId)), socket.leave(runRoom(meetingId))]);
      return { ok: true };
    }));
  });
  return io;
}
