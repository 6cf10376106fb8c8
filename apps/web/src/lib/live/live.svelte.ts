import type { LiveSnapshot, MeetingEvent, PollProgress } from '@hopso/shared/live';
import { errorCatalog, type ErrorBody } from '@hopso/shared/errors';
import type { ClientToServerEvents } from '@hopso/shared/realtime';
import { ApiError } from '../api.ts';
import { enterMeetingRoom, holdRealtime, type RealtimeHold, type RealtimeSocket } from '../realtime/socket.ts';
import { applyProgress, fromSnapshot, receiveEvent, recordMyBallot, type LiveState } from './reducer.ts';

type Event = keyof ClientToServerEvents;
/** The payload a client event takes, from the one event map in @hopso/shared/realtime. */
export type PayloadOf<E extends Event> = Parameters<ClientToServerEvents[E]>[0];
/** The acknowledgement a client event gets back (`{ ok: true, … }` or an ErrorBody). */
export type AckOf<E extends Event> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** `connecting` before the first connection, `online`, or `offline` while socket.io tries to reconnect. */
export type Connection = 'connecting' | 'online' | 'offline';

/** How long a command waits for its acknowledgement before the UI says the server did not answer. */
const ackTimeoutMs = 15_000;
/** How long a missing `seq` may stay missing (events of concurrent commands can cross) before a full sync. */
const gapWaitMs = 300;

/** The answer of a command that could not reach the server: an ErrorBody, so screens show it like any other. */
export function offlineAck(): ErrorBody {
  return {
    ok: false, code: 'internal',
    message: 'Mất kết nối tới máy chủ; thao tác chưa được ghi nhận. Vui lòng thử lại.',
    messageEn: 'No connection to the server; nothing was recorded. Please try again.',
  };
}

/**
 * The answer to a command given while the tablet has no connection (the socket is down or the browser is
 * offline). Such commands — a ballot, a check-in, a request to speak — are refused, never queued: replayed
 * later they could count a vote cast after the poll closed or mark someone present who had left.
 */
export function disconnectedAck(): ErrorBody {
  return {
    ok: false, code: 'internal',
    message: 'Máy tính bảng đang mất kết nối: phiếu biểu quyết, điểm danh và đăng ký phát biểu không gửi được khi ngoại tuyến và sẽ không tự gửi lại. Hãy thử lại khi có kết nối.',
    messageEn: 'This tablet is offline: ballots, check-in and requests to speak cannot be sent offline and are not sent later. Please try again once connected.',
  };
}

/** A failed acknowledgement as the ApiError that ErrorMessage and ActionState already know how to show. */
export function ackError(ack: ErrorBody): ApiError {
  return new ApiError(errorCatalog[ack.code]?.status ?? 500, ack);
}

/** Throws a failed acknowledgement (for ActionState.run); returns the successful one. */
export function expectOk<A extends { ok: boolean }>(ack: A): Extract<A, { ok: true }> {
  if (!ack.ok) throw ackError(ack as unknown as ErrorBody);
  return ack as Extract<A, { ok: true }>;
}

/**
 * One live meeting for one screen (delegate tablet, secretary console, projector): keeps a socket, syncs on
 * every (re)connection, applies `meeting.event` in `seq` order through the pure reducer, resyncs on a gap,
 * tracks poll progress, and sends the commands of docs/realtime.md. Create it in a component, call
 * `start()` from an $effect and return its result to stop.
 */
export class LiveMeeting {
  /** The reduced state; null until the first sync answered. Replaced, never mutated (the reducer is pure). */
  state = $state.raw<LiveState | null>(null);
  connection = $state<Connection>('connecting');
  /** Why the meeting cannot be followed (not invited, signed out); null while all is well. */
  error = $state<unknown>(null);
  /** Bumped when the agenda, its statuses or the documents changed: pages re-read them over HTTP. */
  changes = $state(0);

  snapshot = $derived<LiveSnapshot | null>(this.state?.snapshot ?? null);

  readonly meetingId: string;
  readonly #hold: () => RealtimeHold;
  #socket: RealtimeSocket | null = null;
  #syncing = false;
  #syncAgain = false;
  #buffer: MeetingEvent[] = [];
  #gapTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(meetingId: string, hold: () => RealtimeHold = holdRealtime) {
    this.meetingId = meetingId;
    this.#hold = hold;
  }

  /** Follows the meeting on the app's connection; returns the function that stops (and lets go of it). */
  start(): () => void {
    const { socket, release } = this.#hold();
    this.#socket = socket;
    // meeting.sync puts the socket in the room; counted so that another feature leaving it keeps this one in.
    const exit = enterMeetingRoom(socket, this.meetingId);
    const onConnect = () => {
      this.connection = 'online';
      void this.sync();
    };
    const onDisconnect = () => {
      this.connection = 'offline';
    };
    const onConnectError = (err: Error) => {
      this.connection = 'offline';
      if (err.message === 'unauthenticated') this.error = ackError({ ok: false, code: 'unauthenticated', message: errorCatalog.unauthenticated.vi, messageEn: errorCatalog.unauthenticated.en });
    };
    const onEvent = (e: MeetingEvent) => this.#receive(e);
    const onProgress = (p: PollProgress) => {
      if (this.state) this.state = applyProgress(this.state, p);
    };
    const onChanged = (p: { meetingId: string }) => {
      if (p.meetingId === this.meetingId) this.changes++;
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('meeting.event', onEvent);
    socket.on('poll.progress', onProgress);
    socket.on('meeting.changed', onChanged);
    // Offline, the connection drops at once (holdRealtime) and `disconnect` shows it; back online, `connect`
    // syncs the whole state.
    if (socket.connected) onConnect();
    return () => {
      if (this.#gapTimer) clearTimeout(this.#gapTimer);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('meeting.event', onEvent);
      socket.off('poll.progress', onProgress);
      socket.off('meeting.changed', onChanged);
      exit();
      release();
      this.#socket = null;
    };
  }

  /**
   * Asks for the whole live state (on connect, after a reconnection, on a `seq` gap). Events that arrive
   * while the answer is on its way are kept and applied on top of it when newer.
   */
  async sync(): Promise<void> {
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    this.#syncing = true;
    try {
      const lastSeq = this.state?.snapshot.seq;
      const ack = await this.#emit('meeting.sync', { meetingId: this.meetingId, ...(lastSeq !== undefined ? { lastSeq } : {}) });
      if (!ack.ok) {
        if (this.#socket?.connected) this.error = ackError(ack); // offline: the next connect syncs again
        return;
      }
      this.error = null;
      const hadState = this.state !== null;
      const r = fromSnapshot(ack.snapshot, this.#buffer, this.state?.progress);
      this.#buffer = [];
      this.state = r.state;
      if (hadState) this.changes++; // a reconnection may have missed agenda and document changes too
      if (r.gap) this.#syncAgain = true;
    } finally {
      this.#syncing = false;
      if (this.#syncAgain) {
        this.#syncAgain = false;
        void this.sync();
      }
    }
  }

  #receive(e: MeetingEvent): void {
    if (e.meetingId !== this.meetingId) return;
    // The meeting's details are re-read over HTTP: the agenda, and its status once it ended (the offline cache
    // of a delegate's tablet forgets a closed meeting's documents when it reads that status).
    if (e.type === 'agenda.live' || e.type === 'agenda.status' || e.type === 'meeting.ended') this.changes++;
    if (this.#syncing || !this.state) {
      this.#buffer.push(e);
      return;
    }
    const r = receiveEvent(this.state, e);
    this.state = r.state;
    if (this.#gapTimer) clearTimeout(this.#gapTimer);
    this.#gapTimer = null;
    if (r.gap) {
      this.#gapTimer = setTimeout(() => {
        this.#gapTimer = null;
        if (this.state?.pending.length) void this.sync();
      }, gapWaitMs);
    }
  }

  /**
   * Sends one command and resolves with its acknowledgement: refused with `disconnectedAck()` while offline,
   * `offlineAck()` when the server did not answer in time.
   */
  async #emit<E extends Event>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> {
    const socket = this.#socket;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    if (!socket?.connected || offline) return disconnectedAck() as AckOf<E>;
    // socket.io types emitWithAck per event; the generic E is resolved by the callers' signatures below.
    const timed = socket.timeout(ackTimeoutMs) as unknown as { emitWithAck(e: E, p: PayloadOf<E>): Promise<AckOf<E>> };
    try {
      return await timed.emitWithAck(event, payload);
    } catch {
      return offlineAck() as AckOf<E>;
    }
  }

  /** Checks the caller in (điểm danh). */
  checkIn(siteId?: string | null): Promise<AckOf<'attendance.checkIn'>> {
    return this.#emit('attendance.checkIn', { meetingId: this.meetingId, ...(siteId ? { siteId } : {}) });
  }

  /** Marks someone present, late or absent (with a reason), for those running the meeting. */
  mark(userId: string, status: 'present' | 'late' | 'absent', reason?: string, siteId?: string | null): Promise<AckOf<'attendance.mark'>> {
    return this.#emit('attendance.mark', { meetingId: this.meetingId, userId, status, ...(reason ? { reason } : {}), ...(siteId !== undefined ? { siteId } : {}) });
  }

  /** Sets the live agenda item, or ends it with null. */
  setLive(itemId: string | null): Promise<AckOf<'agenda.setLive'>> {
    return this.#emit('agenda.setLive', { meetingId: this.meetingId, itemId });
  }

  createPoll(input: Omit<PayloadOf<'poll.create'>, 'meetingId'>): Promise<AckOf<'poll.create'>> {
    return this.#emit('poll.create', { meetingId: this.meetingId, ...input });
  }

  openPoll(pollId: string): Promise<AckOf<'poll.open'>> {
    return this.#emit('poll.open', { pollId });
  }

  closePoll(pollId: string): Promise<AckOf<'poll.close'>> {
    return this.#emit('poll.close', { pollId });
  }

  cancelPoll(pollId: string): Promise<AckOf<'poll.cancel'>> {
    return this.#emit('poll.cancel', { pollId });
  }

  /** Records the counts of a show of hands (again to correct them, until the poll closes). */
  recordHands(pollId: string, counts: { yes: number; no: number; abstain: number }): Promise<AckOf<'poll.recordHands'>> {
    return this.#emit('poll.recordHands', { pollId, ...counts });
  }

  /** Enters the counting committee's record of a secret ballot held on paper; the poll closes with its result. */
  recordPaper(pollId: string, record: Omit<PayloadOf<'poll.recordPaper'>, 'pollId'>): Promise<AckOf<'poll.recordPaper'>> {
    return this.#emit('poll.recordPaper', { pollId, ...record });
  }

  /**
   * Casts the caller's ballot — a choice (motions, dismissals, confidence votes), the selected candidates
   * (elections) or a rating per official (confidence polls); once acknowledged (stored durably) the ballot
   * card shows it — the choice for a named poll, only "voted" for a secret one.
   */
  async cast(pollId: string, ballot: 'yes' | 'no' | 'abstain' | { selections: string[] } | { ratings: Record<string, 'high' | 'medium' | 'low'> }): Promise<AckOf<'poll.cast'>> {
    const ack = await this.#emit('poll.cast', typeof ballot === 'string' ? { pollId, choice: ballot } : { pollId, ...ballot });
    if (ack.ok && this.state) {
      const secret = this.state.snapshot.polls.find((p) => p.id === pollId)?.method === 'secret';
      this.state = recordMyBallot(this.state, pollId, secret || typeof ballot !== 'string' ? 'secret' : ballot, ack.cast);
    }
    return ack;
  }

  /** Asks to speak on the live item (đăng ký phát biểu). */
  requestSpeak(): Promise<AckOf<'speaker.request'>> {
    return this.#emit('speaker.request', { meetingId: this.meetingId });
  }

  withdrawSpeak(requestId: string): Promise<AckOf<'speaker.withdraw'>> {
    return this.#emit('speaker.withdraw', { requestId });
  }

  /** The new order of the waiting requests (they take the first positions, in this order). */
  orderSpeakers(order: string[]): Promise<AckOf<'speaker.order'>> {
    return this.#emit('speaker.order', { meetingId: this.meetingId, order });
  }

  /** Gives the floor (ending whoever was speaking). */
  startSpeaker(requestId: string): Promise<AckOf<'speaker.start'>> {
    return this.#emit('speaker.start', { requestId });
  }

  stopSpeaker(requestId: string): Promise<AckOf<'speaker.stop'>> {
    return this.#emit('speaker.stop', { requestId });
  }

  /** Sends a question (chất vấn); `parentId` makes it a follow-up of an answered one. */
  submitQuestion(input: { addressee: string; content: string; parentId?: string | null }): Promise<AckOf<'question.submit'>> {
    return this.#emit('question.submit', { meetingId: this.meetingId, ...input });
  }

  moderateQuestion(input: PayloadOf<'question.moderate'>): Promise<AckOf<'question.moderate'>> {
    return this.#emit('question.moderate', input);
  }

  answerQuestion(questionId: string, answerText: string, oral: boolean): Promise<AckOf<'question.answer'>> {
    return this.#emit('question.answer', { questionId, answerText, oral });
  }

  /** Starts the countdown of a question being asked, or of the official's answer. */
  startQuestionTimer(questionId: string, phase: 'question' | 'answer'): Promise<AckOf<'question.start'>> {
    return this.#emit('question.start', { questionId, phase });
  }

  stopQuestionTimer(questionId: string): Promise<AckOf<'question.stop'>> {
    return this.#emit('question.stop', { questionId });
  }

  /** Ends the meeting (Kết thúc phiên họp); refused while a poll is open. */
  endMeeting(): Promise<AckOf<'meeting.end'>> {
    return this.#emit('meeting.end', { meetingId: this.meetingId });
  }

  /** Leaves the question for a written answer by the council's deadline. */
  deferQuestion(questionId: string): Promise<AckOf<'question.defer'>> {
    return this.#emit('question.defer', { questionId });
  }
}
