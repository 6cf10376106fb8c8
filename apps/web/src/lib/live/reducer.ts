import type { AttendanceEntry, LiveSnapshot, MeetingEvent, PollProgress, PollView, QuestionView, SpeakerView } from '@hopso/shared/live';
import type { Quorum } from '@hopso/shared/rules';
import { siteBreakdown, type SiteView } from '@hopso/shared/sites';

/**
 * The live state of one meeting as a tablet holds it: the last snapshot with every event applied in `seq`
 * order, events that arrived ahead of a missing one, and the latest poll progress. Pure functions only, so
 * the ordering rules of docs/realtime.md are tested without a socket (reducer.test.ts).
 */
export interface LiveState {
  snapshot: LiveSnapshot;
  /** Events newer than `snapshot.seq + 1`, held (sorted) until the missing one arrives or a sync replaces them. */
  pending: MeetingEvent[];
  /** Latest `poll.progress` per poll; `voted` only reaches those running the meeting, for named polls. */
  progress: Record<string, PollProgress>;
}

export interface Received {
  state: LiveState;
  /** A `seq` is missing (or an event could not be applied): the caller should sync again. */
  gap: boolean;
}

/** A fresh state from a `meeting.sync` answer; events buffered meanwhile that are newer are applied on top. */
export function fromSnapshot(snapshot: LiveSnapshot, buffered: readonly MeetingEvent[] = [], progress: Record<string, PollProgress> = {}): Received {
  let state: LiveState = { snapshot, pending: [], progress: seedVoted(keepOpenProgress(progress, snapshot.polls), snapshot) };
  let gap = false;
  for (const e of buffered) {
    const r = receiveEvent(state, e);
    state = r.state;
    gap = r.gap;
  }
  return { state, gap };
}

/**
 * Takes one `meeting.event`: ignored when already included (seq ≤ snapshot.seq) or for another meeting,
 * applied when it is the next one (then any held events that follow it), held when one is missing.
 */
export function receiveEvent(state: LiveState, event: MeetingEvent): Received {
  const { snapshot } = state;
  if (event.meetingId !== snapshot.meetingId || event.seq <= snapshot.seq) return { state, gap: state.pending.length > 0 };
  const pending = [...state.pending.filter((p) => p.seq !== event.seq), event].sort((a, b) => a.seq - b.seq);
  let next = snapshot;
  while (pending.length && pending[0]!.seq === next.seq + 1) {
    const applied = applyEvent(next, pending.shift()!);
    if (!applied) return { state: { ...state, snapshot: next, pending }, gap: true };
    next = applied;
  }
  return { state: { ...state, snapshot: next, pending }, gap: pending.length > 0 };
}

/**
 * Applies the next event to a snapshot and advances `seq`. Returns null when the snapshot lacks what the
 * event refers to (attendance of someone it does not list): only a sync can fill that in.
 */
export function applyEvent(s: LiveSnapshot, e: MeetingEvent): LiveSnapshot | null {
  const next: LiveSnapshot = { ...s, seq: e.seq };
  const p = e.payload;
  switch (e.type) {
    case 'attendance': {
      const userId = p.userId as string;
      if (!s.attendance.some((a) => a.userId === userId)) return null;
      next.attendance = s.attendance.map((a): AttendanceEntry =>
        a.userId === userId ? { ...a, status: (p.status as AttendanceEntry['status']) ?? null, reason: (p.reason as string | null) ?? null, at: (p.at as string | null | undefined) ?? a.at, siteId: p.siteId === undefined ? a.siteId ?? null : (p.siteId as string | null) } : a,
      );
      next.quorum = (p.quorum as Quorum | undefined) ?? s.quorum;
      next.siteAttendance = siteBreakdown(next.attendance, s.sites ?? []);
      return next;
    }
    case 'agenda.live':
      next.liveItemId = (p.itemId as string | null) ?? null;
      next.liveSince = (p.liveSince as string | null) ?? null;
      return next;
    case 'agenda.status':
      return next; // statuses live in the agenda, which pages re-read over HTTP
    case 'poll.created':
    case 'poll.opened':
    case 'poll.updated':
    case 'poll.closed':
    case 'poll.cancelled':
      next.polls = upsertPoll(s.polls, p.poll as PollView);
      return next;
    case 'speaker':
      next.speakers = upsertById(s.speakers, p.speakers as SpeakerView[]);
      return next;
    case 'question':
      next.questions = upsertById(s.questions, p.questions as QuestionView[]);
      return next;
    case 'sites':
      // A removed site's delegates are in the main hall now (the server set their site to null).
      next.sites = p.sites as SiteView[];
      next.attendance = s.attendance.map((a) => (a.siteId && !next.sites!.some((x) => x.id === a.siteId) ? { ...a, siteId: null } : a));
      next.siteAttendance = siteBreakdown(next.attendance, next.sites);
      return next;
    case 'meeting.ended':
      // Over for good: nothing is live any more (the agenda's statuses are re-read over HTTP).
      next.status = 'closed';
      next.liveItemId = null;
      next.liveSince = null;
      return next;
    default:
      return next;
  }
}

/**
 * Replaces a poll by id (or adds it). The ballot count never goes back: a progress message may already
 * have counted ballots that the event's view, read a moment earlier, did not (except a show of hands,
 * whose count is whatever the secretary last recorded).
 */
export function upsertPoll(polls: readonly PollView[], poll: PollView): PollView[] {
  const i = polls.findIndex((x) => x.id === poll.id);
  if (i < 0) return [...polls, poll];
  const old = polls[i]!;
  // A show of hands is recorded, not counted up: a correction may lower it.
  const merged = poll.status === 'open' && poll.method !== 'hands' ? { ...poll, cast: Math.max(old.cast, poll.cast) } : poll;
  return polls.map((x, j) => (j === i ? merged : x));
}

function upsertById<T extends { id: string }>(list: readonly T[], changed: readonly T[] | undefined): T[] {
  if (!changed?.length) return [...list];
  const byId = new Map(changed.map((c) => [c.id, c]));
  const out = list.map((x) => byId.get(x.id) ?? x);
  for (const c of changed) if (!list.some((x) => x.id === c.id)) out.push(c);
  return out;
}

/**
 * Takes a `poll.progress`: raises the poll's count (messages are coalesced, never decreasing) and keeps the
 * last list of who voted — a message without `voted` (the room's copy) does not erase the console's list.
 */
export function applyProgress(state: LiveState, progress: PollProgress): LiveState {
  const poll = state.snapshot.polls.find((x) => x.id === progress.pollId);
  if (!poll) return state;
  const prev = state.progress[progress.pollId];
  const cast = Math.max(prev?.cast ?? 0, progress.cast);
  const voted = progress.voted && (!prev?.voted || progress.voted.length >= prev.voted.length) ? progress.voted : prev?.voted;
  const merged: PollProgress = { pollId: progress.pollId, cast, totalDelegates: progress.totalDelegates, ...(voted ? { voted } : {}) };
  const polls = poll.status === 'open' && poll.cast < cast ? state.snapshot.polls.map((x) => (x.id === poll.id ? { ...x, cast } : x)) : state.snapshot.polls;
  return { ...state, snapshot: { ...state.snapshot, polls }, progress: { ...state.progress, [progress.pollId]: merged } };
}

/** Records the caller's own acknowledged ballot, so the ballot card shows it before any sync. */
export function recordMyBallot(state: LiveState, pollId: string, choice: LiveSnapshot['myBallots'][number]['choice'], cast: number): LiveState {
  const myBallots = [...state.snapshot.myBallots.filter((b) => b.pollId !== pollId), { pollId, choice }];
  const polls = state.snapshot.polls.map((x) => (x.id === pollId && x.status === 'open' ? { ...x, cast: Math.max(x.cast, cast) } : x));
  return { ...state, snapshot: { ...state.snapshot, myBallots, polls } };
}

/**
 * A console opened (or resynced) mid-poll learns from the snapshot who has already voted in each open named
 * poll, so its voted list is complete before the next progress message; a longer list already seen wins.
 */
function seedVoted(progress: Record<string, PollProgress>, s: LiveSnapshot): Record<string, PollProgress> {
  const out = { ...progress };
  for (const [pollId, voted] of Object.entries(s.votedByPoll ?? {})) {
    const poll = s.polls.find((x) => x.id === pollId && x.status === 'open');
    if (!poll) continue;
    const prev = out[pollId];
    if (prev?.voted && prev.voted.length >= voted.length) continue;
    out[pollId] = { pollId, cast: Math.max(prev?.cast ?? 0, poll.cast), totalDelegates: prev?.totalDelegates ?? poll.totalDelegates ?? 0, voted };
  }
  return out;
}

function keepOpenProgress(progress: Record<string, PollProgress>, polls: readonly PollView[]): Record<string, PollProgress> {
  const open = new Set(polls.filter((x) => x.status === 'open').map((x) => x.id));
  return Object.fromEntries(Object.entries(progress).filter(([id]) => open.has(id)));
}

/** The poll being voted on now (the server allows one open poll per meeting). */
export function openPoll(s: LiveSnapshot): PollView | null {
  return s.polls.find((x) => x.status === 'open') ?? null;
}

/**
 * The closed poll worth showing when none is open: the last one closed since the live item went live
 * (or the last one at all when nothing is live).
 */
export function latestResult(s: LiveSnapshot): PollView | null {
  const closed = s.polls.filter((x) => x.status === 'closed' && hasResult(x) && x.closedAt);
  closed.sort((a, b) => Date.parse(b.closedAt!) - Date.parse(a.closedAt!));
  const last = closed[0] ?? null;
  if (!last || !s.liveSince) return last;
  return Date.parse(last.closedAt!) >= Date.parse(s.liveSince) ? last : null;
}

/** Whether a closed poll carries a result to show: motion counts, an election, a confidence poll or vote. */
export function hasResult(p: PollView): boolean {
  return Boolean(p.result || p.election || p.confidence || p.confidenceVote);
}

/** The caller's recorded choice in a poll: a choice, 'secret' (voted in a secret poll) or null. */
export function myChoice(s: LiveSnapshot, pollId: string): LiveSnapshot['myBallots'][number]['choice'] | null {
  return s.myBallots.find((b) => b.pollId === pollId)?.choice ?? null;
}

/** Whether the meeting was ended (meeting.end): screens say so instead of waiting for the next item. */
export const hasEnded = (s: LiveSnapshot): boolean => s.status === 'closed';

/** Whether an attendance status counts as present for the quorum (late arrivals do). */
export const isPresent = (status: AttendanceEntry['status']): boolean => status === 'present' || status === 'late';
