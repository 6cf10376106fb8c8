import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io';
import { agendaItems, ballots, polls, questions as questionTable, speakerRequests } from '@hopso/db/schema/index';
import { livePayloads, type MeetingEvent } from '@hopso/shared/live';
import { meetingRoom, type Ack, type ClientToServerEvents, type ServerToClientEvents } from '@hopso/shared/realtime';
import { can } from '@hopso/shared/roles';
import { errorBody, fieldErrors } from '../http/errors.ts';
import type { AuthUser } from '../auth/session.ts';
import type { Deps } from '../http/context.ts';
import { meetingAccess } from '../meetings/access.ts';
import { BallotBatcher, type Committed } from './ballots.ts';
import * as commands from './commands.ts';
import { endMeeting } from './ending.ts';
import { authorizeSiteMark } from '../sites/access.ts';
import * as questions from './questions.ts';
import * as speakers from './speakers.ts';
import { ProgressPublisher } from './progress.ts';
import { snapshot } from './state.ts';
import type { RealtimeServer } from '../realtime/index.ts';
import { withAuditActor } from '../audit/log.ts';
import type { ClusterEvents } from '../realtime/cluster.ts';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, ClusterEvents, { user: AuthUser }>;
type LiveEvent = keyof typeof livePayloads;

/** The room of those running a meeting: they also get who has voted in named polls. */
export const runRoom = (meetingId: string) => `run:${meetingId}`;


export interface Live {
  register(socket: LiveSocket): void;
  close(): void;
}

/**
 * Wires the live-meeting commands to Socket.IO: validate, authorize, run, acknowledge, then broadcast.
 * `clustered`: other server nodes share the database (docs/realtime.md "Several nodes"). Meeting events go to
 * every node's tablets through the adapter; poll progress is sent by each node to its own tablets, from the
 * batches committed on it and those the other nodes report, so a storm is not multiplied by the node count.
 */
export function createLive(io: RealtimeServer, deps: Deps, options: { clustered?: boolean } = {}): Live {
  const clustered = options.clustered ?? false;
  const publish = (events: MeetingEvent[]) => {
    for (const e of events) io.to(meetingRoom(e.meetingId)).emit('meeting.event', e);
  };
  // Who has voted in each named poll, kept in memory from the batches' stored voters (seeded once from the
  // database, e.g. after a restart or when another node's batch is the first this node hears of), so a 20 ms
  // progress flush never re-reads a growing ballot table. Adding voters is idempotent: a batch reported twice
  // or already in the seed changes nothing.
  const voted = new Map<string, { set: Set<string>; seeded: Promise<void> }>();
  const recordVoters = (c: Committed) => {
    if (c.method !== 'named') return;
    let entry = voted.get(c.pollId);
    if (!entry) {
      const set = new Set<string>();
      const seeded = deps.db.select({ userId: ballots.userId }).from(ballots).where(eq(ballots.pollId, c.pollId))
        .then((rows) => rows.forEach((r) => set.add(r.userId)), () => {});
      voted.set(c.pollId, (entry = { set, seeded }));
    }
    for (const id of c.stored) entry.set.add(id);
  };
  // This node's tablets only (`local`): every node sends progress to its own, and the publisher keeps the
  // highest count it has seen per poll, so a late report from another node never shows a smaller tally.
  const progress = new ProgressPublisher((c: Committed) => {
    io.local.to(meetingRoom(c.meetingId)).emit('poll.progress', { pollId: c.pollId, cast: c.cast, totalDelegates: c.totalDelegates });
    const entry = voted.get(c.pollId);
    if (entry && io.sockets.adapter.rooms.get(runRoom(c.meetingId))?.size) {
      void entry.seeded.then(() => {
        io.local.to(runRoom(c.meetingId)).emit('poll.progress', { pollId: c.pollId, cast: c.cast, totalDelegates: c.totalDelegates, voted: [...entry.set] });
      });
    }
  });
  const committed = (c: Committed) => {
    recordVoters(c);
    progress.update(c);
  };
  const batcher = new BallotBatcher(deps.db, (c) => {
    committed(c);
    if (clustered) io.serverSideEmit('ballots.committed', c);
  });
  if (clustered) {
    io.on('ballots.committed', committed);
    io.on('poll.ended', (pollId) => voted.delete(pollId));
  }

  /** The meeting of a poll, speaker request or question, for events that name only that. */
  const pollMeeting = async (pollId: string) => (await deps.db.select({ meetingId: polls.meetingId }).from(polls).where(eq(polls.id, pollId)))[0]?.meetingId ?? null;
  const requestMeeting = async (id: string) => (await deps.db.select({ meetingId: speakerRequests.meetingId }).from(speakerRequests).where(eq(speakerRequests.id, id)))[0]?.meetingId ?? null;
  const questionMeeting = async (id: string) => (await deps.db.select({ meetingId: questionTable.meetingId }).from(questionTable).where(eq(questionTable.id, id)))[0]?.meetingId ?? null;

  async function access(user: AuthUser, meetingId: string | null, needRun: boolean) {
    const found = meetingId ? await meetingAccess(deps.db, user, meetingId) : null;
    if (!found) throw new commands.LiveError('not_found');
    const canRun = can('live.run', found.role, user.isSystemAdmin);
    if (needRun && !canRun) throw new commands.LiveError('forbidden');
    return { ...found, canRun };
  }

  function register(socket: LiveSocket) {
    const user = socket.data.user;
    const ratePerSecond = deps.config.SOCKET_EVENTS_PER_SECOND;
    let tokens = ratePerSecond * 2;
    let refilled = performance.now();
    const allow = () => {
      const now = performance.now();
      tokens = Math.min(ratePerSecond * 2, tokens + ((now - refilled) / 1000) * ratePerSecond);
      refilled = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    };

    /** One handler per event: rate limit, schema, then the work; every failure is a typed acknowledgement. */
    function on<E extends LiveEvent>(event: E, run: (payload: ReturnType<(typeof livePayloads)[E]['parse']>) => Promise<Ack>) {
      (socket as unknown as { on(e: string, h: (p: unknown, a: unknown) => void): void }).on(event, async (raw: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: Ack) => void) : () => {};
        if (!allow()) return reply(errorBody('rate_limited'));
        const schema = livePayloads[event];
        const parsed = schema.safeParse(raw);
        if (!parsed.success) return reply(errorBody('validation', { fields: fieldErrors(schema, raw) }));
        try {
          reply(await withAuditActor(user.id, () => run(parsed.data as ReturnType<(typeof livePayloads)[E]['parse']>)));
        } catch (error) {
          if (error instanceof commands.LiveError) return reply(errorBody(error.code, error.fields ? { fields: error.fields } : {}));
          deps.log.error('live event failed', { event, error: error instanceof Error ? error.stack : String(error) });
          reply(errorBody('internal'));
        }
      });
    }

    on('meeting.sync', async ({ meetingId }) => {
      const a = await access(user, meetingId, false);
      await socket.join(meetingRoom(meetingId));
      if (a.canRun) await socket.join(runRoom(meetingId));
      return { ok: true, snapshot: await snapshot(deps.db, a.meeting, user.id, a.canRun) };
    });
    on('attendance.checkIn', async ({ meetingId, siteId }) => {
      const a = await access(user, meetingId, false);
      if (!a.invited) throw new commands.LiveError('not_eligible');
      const out = await commands.setAttendance(deps.db, a.meeting, user.id, 'checkIn', null, user.id, deps.now(), siteId ?? null);
      publish(out.events);
      return { ok: true };
    });
    on('attendance.mark', async ({ meetingId, userId, status, reason, siteId }) => {
      // Those running the meeting, or a site secretary at their own site (sites/access.ts).
      const a = await access(user, meetingId, false);
      await authorizeSiteMark(deps.db, a.meeting.id, { id: user.id, canRun: a.canRun }, userId, siteId);
      const out = await commands.setAttendance(deps.db, a.meeting, userId, status, reason ?? null, user.id, deps.now(), siteId);
      publish(out.events);
      return { ok: true };
    });
    on('agenda.setLive', async ({ meetingId, itemId }) => {
      const a = await access(user, meetingId, true);
      const out = await commands.setLiveItem(deps.db, a.meeting, itemId, deps.now());
      publish(out.events);
      return { ok: true };
    });
    on('agenda.setStatus', async ({ itemId, status }) => {
      const [item] = await deps.db.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, itemId));
      const a = await access(user, item?.meetingId ?? null, true);
      publish((await commands.setItemStatus(deps.db, a.meeting, itemId, status)).events);
      return { ok: true };
    });
    on('poll.create', async (input) => {
      const a = await access(user, input.meetingId, true);
      const out = await commands.createPoll(deps.db, a.meeting, input, user.id);
      publish(out.events);
      return { ok: true, ...out.result };
    });
    for (const [event, command] of [['poll.open', commands.openPoll], ['poll.close', commands.closePoll], ['poll.cancel', commands.cancelPoll]] as const) {
      on(event, async ({ pollId }) => {
        const a = await access(user, await pollMeeting(pollId), true);
        const out = await command(deps.db, a.meeting, pollId, deps.now());
        publish(out.events);
        if (event !== 'poll.open') {
          voted.delete(pollId);
          if (clustered) io.serverSideEmit('poll.ended', pollId);
        }
        deps.log.info(event, { pollId, meetingId: a.meeting.id, userId: user.id });
        return { ok: true, ...out.result };
      });
    }
    on('poll.recordHands', async ({ pollId, yes, no, abstain }) => {
      const a = await access(user, await pollMeeting(pollId), true);
      const out = await commands.recordHands(deps.db, a.meeting, pollId, { yes, no, abstain });
      publish(out.events);
      return { ok: true, ...out.result };
    });
    on('poll.recordPaper', async ({ pollId, ...record }) => {
      const a = await access(user, await pollMeeting(pollId), true);
      const out = await commands.recordPaper(deps.db, a.meeting, pollId, record, deps.now());
      publish(out.events);
      return { ok: true, ...out.result };
    });
    on('speaker.request', async ({ meetingId }) => {
      const a = await access(user, meetingId, false);
      if (!a.invited) throw new commands.LiveError('not_eligible');
      const out = await speakers.requestToSpeak(deps.db, a.meeting, user.id, deps.now());
      publish(out.events);
      return { ok: true, speaker: out.result.speakers[0]! };
    });
    on('speaker.withdraw', async ({ requestId }) => {
      const a = await access(user, await requestMeeting(requestId), false);
      publish((await speakers.withdraw(deps.db, a.meeting, requestId, user.id)).events);
      return { ok: true };
    });
    on('speaker.order', async ({ meetingId, order }) => {
      const a = await access(user, meetingId, true);
      publish((await speakers.reorder(deps.db, a.meeting, order)).events);
      return { ok: true };
    });
    for (const [event, command] of [['speaker.start', speakers.start], ['speaker.stop', speakers.stop]] as const) {
      on(event, async ({ requestId }) => {
        const a = await access(user, await requestMeeting(requestId), true);
        publish((await command(deps.db, a.meeting, requestId, deps.now())).events);
        return { ok: true };
      });
    }
    on('question.submit', async (input) => {
      const a = await access(user, input.meetingId, false);
      if (!a.invited || (a.role !== 'delegate' && a.role !== 'chair')) throw new commands.LiveError('not_eligible');
      const out = await questions.submit(deps.db, a.meeting, user.id, input, deps.now());
      publish(out.events);
      return { ok: true, question: out.result.questions[0]! };
    });
    on('question.moderate', async (input) => {
      const a = await access(user, await questionMeeting(input.questionId), true);
      publish((await questions.moderate(deps.db, a.meeting, input)).events);
      return { ok: true };
    });
    on('question.answer', async (input) => {
      const a = await access(user, await questionMeeting(input.questionId), true);
      publish((await questions.answer(deps.db, a.meeting, input, deps.now())).events);
      return { ok: true };
    });
    on('question.defer', async ({ questionId }) => {
      const a = await access(user, await questionMeeting(questionId), true);
      publish((await questions.defer(deps.db, a.meeting, questionId, deps.now())).events);
      return { ok: true };
    });
    on('question.start', async ({ questionId, phase }) => {
      const a = await access(user, await questionMeeting(questionId), true);
      const out = await questions.startTimer(deps.db, a.meeting, questionId, phase, deps.now());
      publish(out.events);
      return { ok: true, question: out.result.questions.find((q) => q.id === questionId)! };
    });
    on('question.stop', async ({ questionId }) => {
      const a = await access(user, await questionMeeting(questionId), true);
      const out = await questions.stopTimer(deps.db, a.meeting, questionId, deps.now());
      publish(out.events);
      return { ok: true, question: out.result.questions[0]! };
    });
    on('meeting.end', async ({ meetingId }) => {
      const a = await access(user, meetingId, true);
      const out = await endMeeting(deps.db, a.meeting, deps.now());
      publish(out.events);
      deps.log.info('meeting.end', { meetingId, userId: user.id });
      return { ok: true, ...out.result };
    });
    on('poll.cast', async ({ pollId, choice, selections, ratings }) => {
      // No access check here: the batch checks every rule of who may vote inside its transaction (ballots.ts).
      // Ballots are never logged: for a secret poll, a log line's time would link a voter to a count.
      const received = performance.now();
      const outcome = await batcher.cast({ pollId, userId: user.id, choice, selections, ratings });
      if (!outcome.ok) return errorBody(outcome.code);
      deps.metrics.observeBallotAck((performance.now() - received) / 1000);
      return { ok: true, cast: outcome.cast };
    });
  }

  return { register, close: () => progress.close() };
}
