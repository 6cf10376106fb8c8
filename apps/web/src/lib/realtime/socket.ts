import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';

/** The app's Socket.IO connection, typed with the event maps declared once in @hopso/shared/realtime. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A feature's hold on the app's connection: `release` when done with it (once; more calls do nothing). */
export interface RealtimeHold {
  socket: RealtimeSocket;
  release: () => void;
}

let shared: { socket: RealtimeSocket; close: () => void } | null = null;
let holders = 0;

/** A connection that keeps itself up for every feature on it. */
function open(): { socket: RealtimeSocket; close: () => void } {
  const socket: RealtimeSocket = io({ transports: ['websocket'] });
  // The server ends a socket whose session ended (sign-out elsewhere, expiry): connect once more, so a
  // still-valid session carries on and an ended one says so (connect_error 'unauthenticated').
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') socket.connect();
  });
  // The browser knows before socket.io's heartbeat does that the Wi-Fi is gone: drop the socket at once
  // (every feature shows it on `disconnect`); back online, connect again (each resyncs on `connect`).
  const offline = () => socket.disconnect();
  const online = () => {
    if (!socket.connected) socket.connect();
  };
  const browser = typeof window !== 'undefined' ? window : null;
  browser?.addEventListener('offline', offline);
  browser?.addEventListener('online', online);
  return {
    socket,
    close: () => {
      browser?.removeEventListener('offline', offline);
      browser?.removeEventListener('online', online);
      socket.disconnect();
    },
  };
}

/**
 * The app's one connection, opened by the first feature that needs it (the bell, a live meeting, a comments
 * panel) and closed when the last lets go: a tablet holds one socket whatever it shows. Same origin (the
 * session cookie authenticates the handshake), WebSocket only: no long-polling fallback to keep alive
 * through the CSP and the LAN, and `connect-src 'self'` covers ws:.
 */
export function holdRealtime(): RealtimeHold {
  const connection = (shared ??= open());
  holders++;
  let held = true;
  return {
    socket: connection.socket,
    release: () => {
      if (!held) return;
      held = false;
      if (--holders > 0) return;
      shared = null;
      connection.close();
    },
  };
}

/** Per connection: how many features are in each meeting's room. */
const followers = new WeakMap<RealtimeSocket, Map<string, number>>();

/**
 * Counts a feature into a meeting's room on a shared connection; the returned function counts it out and,
 * for the last one, leaves the room (the server keeps a socket in a room until told or disconnected).
 */
export function enterMeetingRoom(socket: RealtimeSocket, meetingId: string): () => void {
  let rooms = followers.get(socket);
  if (!rooms) followers.set(socket, (rooms = new Map()));
  rooms.set(meetingId, (rooms.get(meetingId) ?? 0) + 1);
  let inside = true;
  return () => {
    if (!inside) return;
    inside = false;
    const left = rooms.get(meetingId)! - 1;
    if (left > 0) return void rooms.set(meetingId, left);
    rooms.delete(meetingId);
    if (socket.connected) socket.emit('meeting.leave', { meetingId }, () => {});
  };
}

/**
 * Keeps a page in its meeting's room: joins on every (re)connection, since the server forgets rooms when a
 * tablet drops off the Wi-Fi, and calls `onChanged` when the meeting changes — also after a reconnection,
 * because changes made while offline were not pushed. Returns the function that stops (leaving the room when
 * no other feature of the app is in it).
 */
export function followMeeting(socket: RealtimeSocket, meetingId: string, onChanged: () => void): () => void {
  let joinedOnce = false;
  const join = () => {
    socket.emit('meeting.join', { meetingId }, (ack) => {
      if (!ack.ok) return; // not invited (or a draft): the page shows the HTTP answer, live updates just stay off
      if (joinedOnce) onChanged();
      joinedOnce = true;
    });
  };
  const changed = (payload: { meetingId: string }) => {
    if (payload.meetingId === meetingId) onChanged();
  };
  const exit = enterMeetingRoom(socket, meetingId);
  socket.on('connect', join);
  socket.on('meeting.changed', changed);
  if (socket.connected) join();
  return () => {
    socket.off('connect', join);
    socket.off('meeting.changed', changed);
    exit();
  };
}
