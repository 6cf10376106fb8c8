import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { attendance, ballots, councils, secretOptionCounts, invitations, meetingEvents, meetings, members, polls, secretCounts, secretVoters, users } from '@hopso/db/schema/index';
import type { AttendanceEntry, LiveSnapshot, MeetingEvent, PollView } from '@hopso/shared/live';
import { defaultRuleSet, quorum, ruleSetSchema, type Quorum, type RuleSet } from '@hopso/shared/rules';
import type { ConfidenceVoteResult, ElectionResult, MotionResult } from '@hopso/shared/rules';
import type { MeetingRow } from '../meetings/access.ts';
import { questionViews } from './questions.ts';
import { speakerViews } from './speakers.ts';
import { appendAudit } from '../audit/log.ts';
import { siteBreakdown } from '@hopso/shared/sites';
import { siteViews } from '../sites/service.ts';
import { isDelegateRole } from '@hopso/shared/roles';

export type PollRow = typeof polls.$inferSelect;

/** The council's rule set: its own settings over the legal defaults. */
export async function rulesOf(db: Db, councilId: string): Promise<RuleSet> {
  const [row] = await db.select({ rules: councils.rules }).from(councils).where(eq(councils.id, councilId));
  return rulesFrom(row?.rules);
}

/** A council's stored `rules` column as a rule set (for queries that already read it). */
export function rulesFrom(stored: Record<string, unknown> | null | undefined): RuleSet {
  const parsed = ruleSetSchema.safeParse({ ...defaultRuleSet, ...(stored ?? {}) });
  return parsed.success ? parsed.data : defaultRuleSet;
}

/** Everyone invited to the meeting with their role and check-in state; delegates first, by name. */
export async function attendanceList(db: Db, meeting: MeetingRow): Promise<AttendanceEntry[]> {
  const rows = await db.select({
    userId: users.id, fullName: users.fullName, role: members.role, status: attendance.status, reason: attendance.reason, at: attendance.at, siteId: attendance.siteId,
  }).from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(members, and(eq(members.userId, invitations.userId), eq(members.councilId, meeting.councilId)))
    .leftJoin(attendance, and(eq(attendance.meetingId, meeting.id), eq(attendance.userId, invitations.userId)))
    .where(eq(invitations.meetingId, meeting.id))
    .orderBy(asc(users.fullName));
  return rows
    .map((r) => ({ ...r, role: r.role ?? 'guest', isDelegate: isDelegateRole(r.role), status: r.status ?? null, reason: r.reason ?? null, at: r.at?.toISOString() ?? null, siteId: r.siteId ?? null }))
    .sort((a, b) => Number(b.isDelegate) - Number(a.isDelegate));
}

/**
 * The meeting's quorum: delegates invited to it (for a plenary session, every delegate of the council;
 * for a committee or group, its member base) against those checked in present or late.
 */
export function quorumOf(list: AttendanceEntry[], rules: RuleSet): Quorum {
  const delegates = list.filter((a) => a.isDelegate);
  return quorum(delegates.filter((a) => a.status === 'present' || a.status === 'late').length, delegates.length, rules);
}

/**
 * The quorum by counting in the database: invited delegates, and those of them present or late. Used on
 * every check-in, so its cost must not grow with the size of the hall.
 */
export async function quorumNow(db: Db, meeting: MeetingRow, rules: RuleSet): Promise<Quorum> {
  const isDelegate = sql`${members.role} in ('chair', 'delegate')`;
  const [row] = await db.select({
    total: sql<number>`count(*) filter (where ${isDelegate})`.mapWith(Number),
    present: sql<number>`count(*) filter (where ${isDelegate} and ${attendance.status} in ('present', 'late'))`.mapWith(Number),
  }).from(invitations)
    .innerJoin(members, and(eq(members.userId, invitations.userId), eq(members.councilId, meeting.councilId)))
    .leftJoin(attendance, and(eq(attendance.meetingId, invitations.meetingId), eq(attendance.userId, invitations.userId)))
    .where(eq(invitations.meetingId, meeting.id));
  return quorum(row?.present ?? 0, row?.total ?? 0, rules);
}

async function castCounts(db: Db, rows: PollRow[]): Promise<Map<string, number>> {
  const named = rows.filter((p) => p.method === 'named').map((p) => p.id);
  const secret = rows.filter((p) => p.method === 'secret').map((p) => p.id);
  const out = new Map<string, number>();
  if (named.length) for (const r of await db.select({ pollId: ballots.pollId, n: count() }).from(ballots).where(inArray(ballots.pollId, named)).groupBy(ballots.pollId)) out.set(r.pollId, r.n);
  if (secret.length) for (const r of await db.select({ pollId: secretVoters.pollId, n: count() }).from(secretVoters).where(inArray(secretVoters.pollId, secret)).groupBy(secretVoters.pollId)) out.set(r.pollId, r.n);
  for (const p of rows) if (p.method === 'hands' && p.handCounts) out.set(p.id, p.handCounts.yes + p.handCounts.no + p.handCounts.abstain);
  for (const p of rows) if (p.paperRecord) out.set(p.id, p.paperRecord.returned);
  return out;
}

export function pollView(p: PollRow, cast: number): PollView {
  const stored = p.result as unknown;
  const is = (...kinds: PollRow['kind'][]) => (stored && kinds.includes(p.kind) ? stored : null);
  return {
    id: p.id, title: p.title, kind: p.kind, method: p.method, status: p.status, agendaItemId: p.agendaItemId,
    totalDelegates: p.totalDelegates, cast, options: p.options ?? [], seats: p.seats,
    result: is('motion', 'dismissal') as MotionResult | null,
    election: is('election') as ElectionResult | null,
    confidence: is('confidencePoll') as PollView['confidence'],
    confidenceVote: is('confidenceVote') as ConfidenceVoteResult | null,
    hands: p.method === 'hands' ? p.handCounts ?? null : null,
    paper: p.paperRecord ?? null,
    openedAt: p.openedAt?.toISOString() ?? null, closedAt: p.closedAt?.toISOString() ?? null,
  };
}

export async function pollViews(db: Db, rows: PollRow[]): Promise<PollView[]> {
  const counts = await castCounts(db, rows);
  return rows.map((p) => pollView(p, counts.get(p.id) ?? 0));
}

/** The choice counts of a poll, from named ballots, secret counters or the recorded show of hands. */
export async function choiceCounts(db: Db, poll: PollRow): Promise<{ yes: number; no: number; abstain: number }> {
  const counts = { yes: 0, no: 0, abstain: 0 };
  if (poll.method === 'hands') return { ...counts, ...poll.handCounts };
  const rows = poll.method === 'named'
    ? await db.select({ choice: ballots.choice, n: count() }).from(ballots).where(eq(ballots.pollId, poll.id)).groupBy(ballots.choice)
    : await db.select({ choice: secretCounts.choice, n: secretCounts.count }).from(secretCounts).where(eq(secretCounts.pollId, poll.id));
  for (const r of rows) counts[r.choice] += r.n;
  return counts;
}

/** Secret election and confidence-poll counters: option → value → count. */
export async function optionCounts(db: Db, pollId: string): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of await db.select().from(secretOptionCounts).where(eq(secretOptionCounts.pollId, pollId))) {
    out.set(r.optionId, { ...out.get(r.optionId), [r.value]: r.count });
  }
  return out;
}

/** The full live state for one user: what a tablet shows after joining or reconnecting. */
export async function snapshot(db: Db, meeting: MeetingRow, userId: string, canRun: boolean): Promise<LiveSnapshot> {
  const [fresh] = await db.select({ seq: meetings.eventSeq, status: meetings.status, liveItemId: meetings.liveItemId, liveSince: meetings.liveSince }).from(meetings).where(eq(meetings.id, meeting.id));
  const rules = await rulesOf(db, meeting.councilId);
  const list = await attendanceList(db, meeting);
  const sites = await siteViews(db, meeting.id);
  const pollRows = await db.select().from(polls).where(eq(polls.meetingId, meeting.id)).orderBy(asc(polls.openedAt));
  const ids = pollRows.map((p) => p.id);
  const named = ids.length ? await db.select({ pollId: ballots.pollId, choice: ballots.choice }).from(ballots).where(and(inArray(ballots.pollId, ids), eq(ballots.userId, userId))) : [];
  const secret = ids.length ? await db.select({ pollId: secretVoters.pollId }).from(secretVoters).where(and(inArray(secretVoters.pollId, ids), eq(secretVoters.userId, userId))) : [];
  const openNamed = pollRows.filter((p) => p.status === 'open' && p.method === 'named').map((p) => p.id);
  const votedByPoll: Record<string, string[]> = {};
  if (canRun && openNamed.length) {
    for (const r of await db.select({ pollId: ballots.pollId, userId: ballots.userId }).from(ballots).where(inArray(ballots.pollId, openNamed))) {
      (votedByPoll[r.pollId] ??= []).push(r.userId);
    }
  }
  return {
    votedByPoll,
    meetingId: meeting.id, seq: fresh?.seq ?? 0, status: fresh?.status ?? meeting.status, liveItemId: fresh?.liveItemId ?? null, liveSince: fresh?.liveSince?.toISOString() ?? null, attendance: list, quorum: quorumOf(list, rules),
    polls: await pollViews(db, pollRows),
    myBallots: [...named, ...secret.map((s) => ({ pollId: s.pollId, choice: 'secret' as const }))],
    choiceLabels: rules.choiceLabels, canRun,
    speakers: await speakerViews(db, meeting.id),
    questions: await questionViews(db, meeting.id),
    limits: { speakerSeconds: rules.speakerSeconds, questionSeconds: rules.questionSeconds, answerSeconds: rules.answerSeconds },
    sites, siteAttendance: siteBreakdown(list, sites),
  };
}

/**
 * Appends an event to the meeting's log inside the caller's transaction. Incrementing the meeting's counter
 * row also serializes concurrent changes to one meeting, so `seq` has no gaps and no duplicates.
 */
export async function appendEvent(db: Db, meetingId: string, type: MeetingEvent['type'], payload: Record<string, unknown>): Promise<MeetingEvent> {
  const [row] = await db.update(meetings).set({ eventSeq: sql`${meetings.eventSeq} + 1` }).where(eq(meetings.id, meetingId)).returning({ seq: meetings.eventSeq });
  await db.insert(meetingEvents).values({ meetingId, seq: row!.seq, type, payload });
  // Every live change is audited with it, same transaction (apps/server/src/audit; the actor from withAuditActor).
  await appendAudit(db, { action: `live.${type}`, meetingId, targetType: 'meeting', targetId: meetingId, details: { seq: row!.seq, ...payload } });
  return { meetingId, seq: row!.seq, type, payload };
}
