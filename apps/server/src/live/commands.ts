import { and, count, eq, ne } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { agendaItems, attendance, meetingSites, meetings, polls, secretVoters } from '@hopso/db/schema/index';
import { checkInStatus, type AttendanceStatus, type LivePayload, type MeetingEvent, type PollView } from '@hopso/shared/live';
import { paperCounts, paperRecordErrors, type PaperRecord } from '@hopso/shared/paper';
import { confidencePollResult, confidenceVoteResult, electionResult, motionResult, type RuleSet } from '@hopso/shared/rules';
import type { ErrorCode, FieldErrors } from '@hopso/shared/errors';
import { isInvited, type MeetingRow } from '../meetings/access.ts';
import { appendEvent, choiceCounts, optionCounts, pollView, pollViews, quorumNow, rulesOf, type PollRow } from './state.ts';

/** A refused command, answered as a typed error acknowledgement (with the fields at fault, if any). */
export class LiveError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  constructor(code: ErrorCode, fields?: FieldErrors) {
    super(code);
    this.code = code;
    this.fields = fields;
  }
}

export interface Outcome<T = object> {
  events: MeetingEvent[];
  result: T;
}

/**
 * Locks the meeting row and refuses when the meeting is over: nothing may go live or open in a meeting that
 * ended (or was cancelled). Taken before the meeting's event counter, so a command racing `endMeeting` waits
 * for it and then sees the closed status. FOR NO KEY UPDATE: rows that merely reference the meeting
 * (check-ins, log entries) are not held up.
 */
export async function lockRunningMeeting(tx: Db, meetingId: string): Promise<MeetingRow> {
  const [row] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('no key update');
  if (!row) throw new LiveError('not_found');
  if (row.status === 'closed') throw new LiveError('meeting_ended');
  if (row.status === 'cancelled') throw new LiveError('meeting_state');
  return row;
}

/**
 * Records a secretary's mark, or a check-in (`'checkIn'`: present or late, packages/shared checkInStatus), for
 * someone invited to the meeting; refused once the meeting has ended.
 */
export async function setAttendance(db: Db, meeting: MeetingRow, userId: string, mark: AttendanceStatus | 'checkIn', reason: string | null, markedBy: string, now: Date, siteId?: string | null): Promise<Outcome<{ status: AttendanceStatus }>> {
  return db.transaction(async (tx) => {
    const locked = await lockRunningMeeting(tx, meeting.id);
    if (!(await isInvited(tx, meeting.id, userId))) throw new LiveError('not_found');
    let status: AttendanceStatus;
    if (mark === 'checkIn') {
      const [current] = await tx.select({ status: attendance.status }).from(attendance).where(and(eq(attendance.meetingId, meeting.id), eq(attendance.userId, userId)));
      status = checkInStatus(locked.status, current?.status ?? null);
    } else status = mark;
    // The remote site they attend at (null: the main hall); left undefined, a change keeps the one recorded.
    if (siteId) {
      const [site] = await tx.select({ id: meetingSites.id }).from(meetingSites).where(and(eq(meetingSites.id, siteId), eq(meetingSites.meetingId, meeting.id)));
      if (!site) throw new LiveError('not_found');
    }
    const [stored] = await tx.insert(attendance).values({ meetingId: meeting.id, userId, status, reason, at: now, markedBy, siteId: siteId ?? null })
      .onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { status, reason, at: now, markedBy, ...(siteId !== undefined ? { siteId } : {}) } })
      .returning({ siteId: attendance.siteId });
    const quorum = await quorumNow(tx, meeting, await rulesOf(tx, meeting.councilId));
    const event = await appendEvent(tx, meeting.id, 'attendance', { userId, status, reason, at: now.toISOString(), quorum, siteId: stored?.siteId ?? null });
    return { events: [event], result: { status } };
  });
}

/** Sets the item every tablet follows; the previous live item is marked done, and the meeting goes live. */
export async function setLiveItem(db: Db, meeting: MeetingRow, itemId: string | null, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    await lockRunningMeeting(tx, meeting.id);
    if (itemId) {
      const [item] = await tx.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, itemId));
      if (item?.meetingId !== meeting.id) throw new LiveError('not_found');
    }
    await tx.update(agendaItems).set({ status: 'done' }).where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.status, 'live')));
    if (itemId) await tx.update(agendaItems).set({ status: 'live' }).where(eq(agendaItems.id, itemId));
    const liveSince = itemId ? now : null;
    await tx.update(meetings).set({ liveItemId: itemId, liveSince, ...(itemId && meeting.status === 'published' ? { status: 'live' as const } : {}) }).where(eq(meetings.id, meeting.id));
    const event = await appendEvent(tx, meeting.id, 'agenda.live', { itemId, liveSince: liveSince?.toISOString() ?? null });
    return { events: [event], result: {} };
  });
}

/** Marks an agenda item done, postponed or pending; the live item is changed with setLiveItem instead. */
export async function setItemStatus(db: Db, meeting: MeetingRow, itemId: string, status: 'pending' | 'done' | 'postponed'): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [item] = await tx.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, itemId));
    if (item?.meetingId !== meeting.id) throw new LiveError('not_found');
    const [current] = await tx.select({ liveItemId: meetings.liveItemId }).from(meetings).where(eq(meetings.id, meeting.id));
    if (current?.liveItemId === itemId) throw new LiveError('conflict');
    await tx.update(agendaItems).set({ status }).where(eq(agendaItems.id, itemId));
    const event = await appendEvent(tx, meeting.id, 'agenda.status', { itemId, status });
    return { events: [event], result: {} };
  });
}

export async function createPoll(db: Db, meeting: MeetingRow, input: Required<LivePayload<'poll.create'>>, createdBy: string): Promise<Outcome<{ poll: PollView }>> {
  return db.transaction(async (tx) => {
    if (input.agendaItemId) {
      const [item] = await tx.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, input.agendaItemId));
      if (item?.meetingId !== meeting.id) throw new LiveError('not_found');
    }
    const options = input.options.map((o, i) => ({ id: `o${i + 1}`, label: o.label }));
    const [row] = await tx.insert(polls).values({
      meetingId: meeting.id, title: input.title, kind: input.kind, method: input.method, agendaItemId: input.agendaItemId, createdBy,
      options: options.length ? options : null, seats: input.kind === 'election' ? input.seats : null,
    }).returning();
    const poll = pollView(row!, 0);
    const event = await appendEvent(tx, meeting.id, 'poll.created', { poll });
    return { events: [event], result: { poll } };
  });
}

/** Locks a poll of the meeting for a status change (waits for ballot batches holding it). */
async function lockPoll(db: Db, pollId: string): Promise<PollRow> {
  const [row] = await db.select().from(polls).where(eq(polls.id, pollId)).for('update');
  if (!row) throw new LiveError('not_found');
  return row;
}

/** Opens a draft poll: only with the quorum reached, one open poll per meeting; fixes the total it counts against. */
export async function openPoll(db: Db, meeting: MeetingRow, pollId: string, now: Date): Promise<Outcome<{ poll: PollView }>> {
  return db.transaction(async (tx) => {
    const poll = await lockPoll(tx, pollId);
    if (poll.meetingId !== meeting.id) throw new LiveError('not_found');
    await lockRunningMeeting(tx, meeting.id);
    if (poll.status !== 'draft') throw new LiveError('conflict');
    const [other] = await tx.select({ id: polls.id }).from(polls).where(and(eq(polls.meetingId, meeting.id), eq(polls.status, 'open'), ne(polls.id, pollId)));
    if (other) throw new LiveError('conflict');
    const q = await quorumNow(tx, meeting, await rulesOf(tx, meeting.councilId));
    if (!q.reached) throw new LiveError('quorum_not_reached');
    const [row] = await tx.update(polls).set({ status: 'open', openedAt: now, totalDelegates: q.total }).where(eq(polls.id, pollId)).returning();
    const view = pollView(row!, 0);
    const event = await appendEvent(tx, meeting.id, 'poll.opened', { poll: view });
    return { events: [event], result: { poll: view } };
  });
}

/**
 * Closes an open poll and computes its result with the council's rules: adoption (or dismissal) needs the
 * threshold of the total number of delegates. Ballots committed before the lock are all counted.
 */
export async function closePoll(db: Db, meeting: MeetingRow, pollId: string, now: Date): Promise<Outcome<{ poll: PollView }>> {
  return db.transaction(async (tx) => {
    const poll = await lockPoll(tx, pollId);
    if (poll.meetingId !== meeting.id) throw new LiveError('not_found');
    if (poll.status !== 'open') throw new LiveError('poll_not_open');
    const result = pollResult(poll, await storedCounts(tx, poll), poll.totalDelegates ?? 0, await rulesOf(tx, meeting.councilId));
    const [row] = await tx.update(polls).set({ status: 'closed', closedAt: now, result: result as unknown as Record<string, unknown> }).where(eq(polls.id, pollId)).returning();
    const [view] = await pollViews(tx, [row!]);
    const event = await appendEvent(tx, meeting.id, 'poll.closed', { poll: view });
    return { events: [event], result: { poll: view! } };
  });
}

/** Records (or corrects) the counts of a show of hands while the poll is open; they cannot exceed the delegates. */
export async function recordHands(db: Db, meeting: MeetingRow, pollId: string, counts: { yes: number; no: number; abstain: number }): Promise<Outcome<{ poll: PollView }>> {
  return db.transaction(async (tx) => {
    const poll = await lockPoll(tx, pollId);
    if (poll.meetingId !== meeting.id) throw new LiveError('not_found');
    if (poll.status !== 'open') throw new LiveError('poll_not_open');
    if (poll.method !== 'hands') throw new LiveError('conflict');
    if (counts.yes + counts.no + counts.abstain > (poll.totalDelegates ?? 0)) throw new LiveError('validation');
    const [row] = await tx.update(polls).set({ handCounts: counts }).where(eq(polls.id, pollId)).returning();
    const [view] = await pollViews(tx, [row!]);
    const event = await appendEvent(tx, meeting.id, 'poll.updated', { poll: view });
    return { events: [event], result: { poll: view! } };
  });
}

type Counts = { choices: { yes: number; no: number; abstain: number }; options: Map<string, Record<string, number>> };

/** The counts of a poll as stored: named ballots, secret counters or the recorded show of hands. */
async function storedCounts(db: Db, poll: PollRow): Promise<Counts> {
  const secretOptions = poll.kind === 'election' || poll.kind === 'confidencePoll';
  return { choices: secretOptions ? { yes: 0, no: 0, abstain: 0 } : await choiceCounts(db, poll), options: secretOptions ? await optionCounts(db, poll.id) : new Map() };
}

/** The result of a poll by its kind, computed with the council's rules against the total number of delegates. */
function pollResult(poll: Pick<PollRow, 'kind' | 'options' | 'seats'>, counts: Counts, total: number, rules: RuleSet): unknown {
  if (poll.kind === 'motion' || poll.kind === 'dismissal') {
    return motionResult(counts.choices, total, poll.kind === 'dismissal' ? rules.dismissal : rules.adoption);
  }
  if (poll.kind === 'confidenceVote') {
    return confidenceVoteResult({ confidence: counts.choices.yes, noConfidence: counts.choices.no }, total, rules.noConfidence);
  }
  const options = poll.options ?? [];
  if (poll.kind === 'election') {
    return electionResult(Object.fromEntries(options.map((o) => [o.id, counts.options.get(o.id)?.vote ?? 0])), total, rules.election, poll.seats ?? 1);
  }
  return options.map((o) => {
    const c = counts.options.get(o.id) ?? {};
    return { optionId: o.id, result: confidencePollResult({ high: c.high ?? 0, medium: c.medium ?? 0, low: c.low ?? 0 }, total, rules) };
  });
}

/**
 * A secret ballot held on paper: the counting committee's record (Ban kiểm phiếu) decides the poll with the
 * same rule functions, and the poll closes. A draft poll is decided as if opened now (quorum needed, no other
 * poll open, the total fixed now); an open secret poll only while no electronic ballot was cast in it, so the
 * two are never mixed. The record must add up (paper.ts) against the delegates present.
 */
export async function recordPaper(db: Db, meeting: MeetingRow, pollId: string, record: PaperRecord, now: Date): Promise<Outcome<{ poll: PollView }>> {
  return db.transaction(async (tx) => {
    const poll = await lockPoll(tx, pollId);
    if (poll.meetingId !== meeting.id) throw new LiveError('not_found');
    if (poll.status !== 'draft' && poll.status !== 'open') throw new LiveError('poll_not_open');
    if (poll.method !== 'secret') throw new LiveError('conflict');
    const rules = await rulesOf(tx, meeting.councilId);
    const q = await quorumNow(tx, meeting, rules);
    if (poll.status === 'draft') {
      const [other] = await tx.select({ id: polls.id }).from(polls).where(and(eq(polls.meetingId, meeting.id), eq(polls.status, 'open')));
      if (other) throw new LiveError('conflict');
      if (!q.reached) throw new LiveError('quorum_not_reached');
    } else {
      const [electronic] = await tx.select({ n: count() }).from(secretVoters).where(eq(secretVoters.pollId, pollId));
      if (electronic && electronic.n > 0) throw new LiveError('conflict');
    }
    const errors = paperRecordErrors(record, { kind: poll.kind, options: poll.options ?? [], seats: poll.seats }, q.present);
    if (Object.keys(errors).length) throw new LiveError('validation', errors);
    const total = poll.totalDelegates ?? q.total;
    const result = pollResult(poll, paperCounts(record), total, rules);
    const [row] = await tx.update(polls).set({
      status: 'closed', openedAt: poll.openedAt ?? now, closedAt: now, totalDelegates: total, paperRecord: record, result: result as Record<string, unknown>,
    }).where(eq(polls.id, pollId)).returning();
    const [view] = await pollViews(tx, [row!]);
    const event = await appendEvent(tx, meeting.id, 'poll.closed', { poll: view });
    return { events: [event], result: { poll: view! } };
  });
}

/** Cancels a draft or open poll (e.g. a technical fault): its ballots stay stored but it has no result. */
export async function cancelPoll(db: Db, meeting: MeetingRow, pollId: string, now: Date): Promise<Outcome<{ poll: PollView }>> {
  return db.transaction(async (tx) => {
    const poll = await lockPoll(tx, pollId);
    if (poll.meetingId !== meeting.id) throw new LiveError('not_found');
    if (poll.status !== 'draft' && poll.status !== 'open') throw new LiveError('conflict');
    const [row] = await tx.update(polls).set({ status: 'cancelled', closedAt: now }).where(eq(polls.id, pollId)).returning();
    const [view] = await pollViews(tx, [row!]);
    const event = await appendEvent(tx, meeting.id, 'poll.cancelled', { poll: view });
    return { events: [event], result: { poll: view! } };
  });
}
