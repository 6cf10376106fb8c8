import { z } from 'zod';
import type { ErrorBody } from './errors.ts';

/** Every acknowledgement a client receives: success with a payload, or a typed error like the HTTP API's. */
export type Ack<T extends object = object> = ({ ok: true } & T) | ErrorBody;

export const joinMeetingPayload = z.object({ meetingId: z.uuid() });
export type JoinMeetingPayload = z.infer<typeof joinMeetingPayload>;

/** Events the server sends; declared once here and used by both the server and the web client. */
export interface ServerToClientEvents {
  /** Something about the meeting changed (details, agenda): tablets reload it. */
  'meeting.changed': (payload: { meetingId: string }) => void;
}

/** Events a client sends; each is authorized on the server and answered with an Ack. */
export interface ClientToServerEvents {
  'meeting.join': (payload: JoinMeetingPayload, ack: (result: Ack) => void) => void;
  'meeting.leave': (payload: JoinMeetingPayload, ack: (result: Ack) => void) => void;
}

/** The Socket.IO room of one meeting. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
