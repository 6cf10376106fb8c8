import { z } from 'zod';
import type { ErrorBody } from './errors.ts';
import type { LivePayload, LiveSnapshot, MeetingEvent, PollProgress, PollView, QuestionView, SpeakerView } from './live.ts';
import type { NotificationNewPayload } from './notifications.ts';

/** Every acknowledgement a client receives: success with a payload, or a typed error like the HTTP API's. */
export type Ack<T extends object = object> = ({ ok: true } & T) | ErrorBody;

export const joinMeetingPayload = z.object({ meetingId: z.uuid() });
export type JoinMeetingPayload = z.infer<typeof joinMeetingPayload>;

/** Events the server sends; declared once here and used by both the server and the web client. */
export interface ServerToClientEvents {
  /** Something about the meeting changed (details, agenda): tablets reload it. */
  'meeting.changed': (payload: { meetingId: string }) => void;
  /** The comments on one of the meeting's drafts changed: an open "Góp ý" panel reads them again (access is checked there). */
  'comments.changed': (payload: { documentId: string }) => void;
  /** A state change of a live meeting, in event-log order (`seq`). */
  'meeting.event': (event: MeetingEvent) => void;
  /** How many have voted in an open poll (coalesced). */
  'poll.progress': (progress: PollProgress) => void;
  /** A new notification for the signed-in user, sent to the user's room once it is committed; `unread` is the count with it. */
  'notification.new': (payload: NotificationNewPayload) => void;
}

/** Events a client sends; each is authorized on the server and answered with an Ack. */
export interface ClientToServerEvents {
  'meeting.join': (payload: JoinMeetingPayload, ack: (result: Ack) => void) => void;
  'meeting.leave': (payload: JoinMeetingPayload, ack: (result: Ack) => void) => void;
  /** The full live state (sent on join and after a reconnect with the last `seq` seen). */
  'meeting.sync': (payload: LivePayload<'meeting.sync'>, ack: (result: Ack<{ snapshot: LiveSnapshot }>) => void) => void;
  'attendance.checkIn': (payload: LivePayload<'attendance.checkIn'>, ack: (result: Ack) => void) => void;
  'attendance.mark': (payload: LivePayload<'attendance.mark'>, ack: (result: Ack) => void) => void;
  'agenda.setLive': (payload: LivePayload<'agenda.setLive'>, ack: (result: Ack) => void) => void;
  /** Marks an item done, postponed (hoãn) or pending again, outside the live flow. */
  'agenda.setStatus': (payload: LivePayload<'agenda.setStatus'>, ack: (result: Ack) => void) => void;
  'poll.create': (payload: LivePayload<'poll.create'>, ack: (result: Ack<{ poll: PollView }>) => void) => void;
  'poll.open': (payload: LivePayload<'poll.open'>, ack: (result: Ack<{ poll: PollView }>) => void) => void;
  /** Acknowledged only after the ballot is committed; `cast` is the poll's ballot count including it. */
  'poll.cast': (payload: LivePayload<'poll.cast'>, ack: (result: Ack<{ cast: number }>) => void) => void;
  'poll.close': (payload: LivePayload<'poll.close'>, ack: (result: Ack<{ poll: PollView }>) => void) => void;
  'poll.cancel': (payload: LivePayload<'poll.cancel'>, ack: (result: Ack<{ poll: PollView }>) => void) => void;
  /** Show of hands: the counts the secretary saw; recorded again to correct them, until the poll closes. */
  'poll.recordHands': (payload: LivePayload<'poll.recordHands'>, ack: (result: Ack<{ poll: PollView }>) => void) => void;
  /** Secret ballot on paper: the counting committee's record; the poll closes with the result computed from it. */
  'poll.recordPaper': (payload: LivePayload<'poll.recordPaper'>, ack: (result: Ack<{ poll: PollView }>) => void) => void;
  /** Asks to speak on the live agenda item. */
  'speaker.request': (payload: LivePayload<'speaker.request'>, ack: (result: Ack<{ speaker: SpeakerView }>) => void) => void;
  'speaker.withdraw': (payload: LivePayload<'speaker.withdraw'>, ack: (result: Ack) => void) => void;
  'speaker.order': (payload: LivePayload<'speaker.order'>, ack: (result: Ack) => void) => void;
  'speaker.start': (payload: LivePayload<'speaker.start'>, ack: (result: Ack) => void) => void;
  'speaker.stop': (payload: LivePayload<'speaker.stop'>, ack: (result: Ack) => void) => void;
  'question.submit': (payload: LivePayload<'question.submit'>, ack: (result: Ack<{ question: QuestionView }>) => void) => void;
  'question.moderate': (payload: LivePayload<'question.moderate'>, ack: (result: Ack) => void) => void;
  'question.answer': (payload: LivePayload<'question.answer'>, ack: (result: Ack) => void) => void;
  /** Leaves a question for a written answer by the deadline of the council's rules. */
  'question.defer': (payload: LivePayload<'question.defer'>, ack: (result: Ack) => void) => void;
  /** Starts the countdown of a question or of its answer (ending any other running in the meeting). */
  'question.start': (payload: LivePayload<'question.start'>, ack: (result: Ack<{ question: QuestionView }>) => void) => void;
  'question.stop': (payload: LivePayload<'question.stop'>, ack: (result: Ack<{ question: QuestionView }>) => void) => void;
  /** Ends the meeting: refused while a poll is open; `endedAt` is when it closed (the minutes' end time). */
  'meeting.end': (payload: LivePayload<'meeting.end'>, ack: (result: Ack<{ endedAt: string }>) => void) => void;
}

/** The Socket.IO room of one meeting. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
