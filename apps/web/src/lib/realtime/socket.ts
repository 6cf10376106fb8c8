import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';

/** The app's Socket.IO connection, typed with the event maps declared once in @hopso/shared/realtime. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens a same-origin connection (the session cookie authenticates the handshake). WebSocket only: no
 * long-polling fallback to keep alive through the CSP and the LAN, and `connect-src 'self'` covers ws:.
 */
export function connectRealtime(): RealtimeSocket {
  return io({ transports: ['websocket'] });
}

/**
 * Keeps a page in its meeting's room: joins on every (re)connection, since the server forgets rooms when a
 * tablet drops off the Wi-Fi, and calls `onChanged` when the meeting changes — also after a reconnection,
 * because changes made while offline were not pushed. Returns the function that leaves the room.
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
  socket.on('connect', join);
  socket.on('meeting.changed', changed);
  if (socket.connected) join();
  return () => {
    socket.off('connect', join);
    socket.off('meeting.changed', changed);
    if (socket.connected) socket.emit('meeting.leave', { meetingId }, () => {});
  };
}
