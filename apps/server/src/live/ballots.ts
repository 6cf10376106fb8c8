import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { attendance, ballots, councils, invitations, meetings, members, polls, secretCounts, secretOptionCounts, secretVoters } from '@hopso/db/schema/index';
import type { ErrorCode } from '@hopso/shared/errors';
import { rulesFrom } from './state.ts';
import { appendAudit } from '../audit/log.ts';
import { ballotAuditEntry } from '../audit/ballots.ts';
import type { AuditEntryInput } from '@hopso/shared/audit';

export type Choice = 'yes' | 'no' | 'abstain';

export interface BallotRequest {
  pollId: string;
  userId: string;
  /** Motions, dismissals, confidence votes. */
  choice?: Choice | undefined;
  /** Elections: the chosen candidates' option ids (none is a blank ballot). */
  selections?: string[] | undefined;
  /** Confidence polls: option id → high / medium / low. */
  ratings?: Record<string, 'high' | 'medium' | 'low'> | undefined;
}

type PollShape = { kind: string; options: { id: string }[] | null; seats: number | null };

/** Whether a ballot has the shape its poll's kind needs (a wrong shape is refused, never half counted). */
export function validBallot(poll: PollShape, b: BallotRequest): boolean {
  const ids = new Set((poll.options ?? []).map((o) => o.id));
  if (poll.kind === 'election') {
    const picks = b.selections ?? [];
    return !b.choice && !b.ratings && new Set(picks).size === picks.length && picks.length <= (poll.seats ?? 1) && picks.every((p) => ids.has(p));
  }
  if (poll.kind === 'confidencePoll') {
    const keys = Object.keys(b.ratings ?? {});
    return !b.choice && !b.selections && keys.length > 0 && keys.every((k) => ids.has(k));
  }
  if (poll.kind === 'confidenceVote') return b.choice === 'yes' || b.choice === 'no';
  return b.choice !== undefined && !b.selections && !b.ratings;
}

export type BallotOutcome = { ok: true; cast: number; meetingId: string } | { ok: false; code: ErrorCode };

/** What a committed batch changed for one poll. */
export interface Committed {
  pollId: string;
  meetingId: string;
  cast: number;
  totalDelegates: number;
  method: 'named' | 'secret' | 'hands';
  /** Named polls: who was stored in this batch (never filled for secret polls). */
  stored: string[];
}

interface Pending extends BallotRequest {
  resolve: (outcome: BallotOutcome) => void;
}

/** How many ballots one transaction takes at most. */
const maxBatch = 1000;

/**
 * Group commit for ballots: requests that arrive while a transaction is running wait for the next one, so
 * a storm of 500 ballots costs a handful of commits instead of 500, and each ballot is acknowledged only
 * after the transaction that stored it has committed. One ballot per delegate per poll is enforced by the
 * primary keys (ballots, secret_voters), not only here.
 */
export class BallotBatcher {
  private queue: Pending[] = [];
  private running = false;
  private readonly db: Db;
  private readonly onCommitted: (c: Committed) => void;

  constructor(db: Db, onCommitted: (c: Committed) => void) {
    this.db = db;
    this.onCommitted = onCommitted;
  }

  cast(request: BallotRequest): Promise<BallotOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ ...request, resolve });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, maxBatch);
        let outcomes: Map<Pending, BallotOutcome>;
        try {
          outcomes = await this.commit(batch);
        } catch {
          // Nothing of this batch was stored: every ballot in it is refused and may be sent again.
          outcomes = new Map(batch.map((b) => [b, { ok: false, code: 'internal' } as const]));
        }
        for (const b of batch) b.resolve(outcomes.get(b)!);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Pending[]): Promise<Map<Pending, BallotOutcome>> {
    const outcomes = new Map<Pending, BallotOutcome>();
    const committed: Committed[] = [];
    await this.db.transaction(async (tx) => {
      const pollIds = [...new Set(batch.map((b) => b.pollId))];
      // The polls and who of the batch may vote in them, asked together: postgres.js pipelines both queries
      // on the transaction's connection (one round trip to the database instead of two).
      // FOR SHARE: closing a poll (FOR UPDATE) waits for this batch, so no committed ballot is left out.
      const [pollRows, eligibleRows] = await Promise.all([
        tx.select({
          id: polls.id, meetingId: polls.meetingId, totalDelegates: polls.totalDelegates, kind: polls.kind, options: polls.options, seats: polls.seats,
          meetingStatus: meetings.status, method: polls.method, status: polls.status, rules: councils.rules,
        }).from(polls).innerJoin(meetings, eq(meetings.id, polls.meetingId)).innerJoin(councils, eq(councils.id, meetings.councilId))
          .where(inArray(polls.id, pollIds)).for('share', { of: polls }),
        // Ballots come without a separate access check (it would cost queries per ballot in a storm): the
        // rules of who may vote — a visible meeting, invited, checked in, a delegate — are all checked here.
        tx.select({ pollId: polls.id, userId: attendance.userId }).from(polls)
          .innerJoin(meetings, eq(meetings.id, polls.meetingId))
          .innerJoin(attendance, eq(attendance.meetingId, polls.meetingId))
          .innerJoin(invitations, and(eq(invitations.meetingId, attendance.meetingId), eq(invitations.userId, attendance.userId)))
          .innerJoin(members, and(eq(members.userId, attendance.userId), eq(members.councilId, meetings.councilId)))
          .where(and(inArray(polls.id, pollIds), inArray(attendance.userId, [...new Set(batch.map((b) => b.userId))]),
            inArray(attendance.status, ['present', 'late']), inArray(members.role, ['chair', 'delegate']))),
      ]);
      const pollById = new Map(pollRows.map((p) => [p.id, p]));
      // One append for the whole batch, last in the transaction: the audit head is locked only for the commit.
      const audit: AuditEntryInput[] = [];
      for (const [pollId, group] of groupBy(batch, (b) => b.pollId)) {
        const poll = pollById.get(pollId);
        if (!poll || poll.meetingStatus === 'draft' || poll.status !== 'open' || poll.method === 'hands') {
          group.forEach((b) => outcomes.set(b, { ok: false, code: !poll || poll.meetingStatus === 'draft' ? 'not_found' : poll.status !== 'open' ? 'poll_not_open' : 'conflict' }));
          continue;
        }
        // A council may let delegates change a named ballot until the poll closes: the last choice counts.
        const changeable = poll.method === 'named' && rulesFrom(poll.rules).allowBallotChange;
        const eligible = new Set(eligibleRows.filter((r) => r.pollId === pollId).map((r) => r.userId));
        const first = new Map<string, Pending>();
        for (const b of group) {
          if (!validBallot(poll, b)) outcomes.set(b, { ok: false, code: 'validation' });
          else if (!eligible.has(b.userId)) outcomes.set(b, { ok: false, code: 'not_eligible' });
          else if (first.has(b.userId) && !changeable) outcomes.set(b, { ok: false, code: 'already_voted' });
          else first.set(b.userId, b);
        }
        const candidates = [...first.values()];
        const table = poll.method === 'named' ? ballots : secretVoters;
        // The count comes back with the insert: a subquery of RETURNING does not see the rows its own
        // statement inserts, so the count after the insert is it plus the rows inserted (one round trip less).
        const before = sql<number>`(select count(*) from ${table} where ${table.pollId} = ${pollId})`.mapWith(Number);
        let rows: { userId: string; before: number }[] = [];
        if (candidates.length && poll.method === 'named') {
          const insert = tx.insert(ballots).values(candidates.map((b) => ({ pollId, userId: b.userId, choice: b.choice! })));
          rows = changeable
            // A change updates a row already counted: count afterwards instead (change-enabled polls only).
            ? (await insert.onConflictDoUpdate({ target: [ballots.pollId, ballots.userId], set: { choice: sql`excluded.choice`, castAt: sql`now()` } })
              .returning({ userId: ballots.userId })).map((r) => ({ ...r, before: NaN }))
            : await insert.onConflictDoNothing().returning({ userId: ballots.userId, before });
          // A superseded ballot of the same batch was not stored: its sender gets the same answer as a change.
          if (changeable) for (const b of group) if (first.get(b.userId) !== b && eligible.has(b.userId)) outcomes.set(b, { ok: false, code: 'already_voted' });
        } else if (candidates.length) {
          rows = await tx.insert(secretVoters).values(candidates.map((b) => ({ pollId, userId: b.userId })))
            .onConflictDoNothing().returning({ userId: secretVoters.userId, before });
        }
        const stored = new Set(rows.map((r) => r.userId));
        const storedBallots = candidates.filter((b) => stored.has(b.userId));
        if (poll.method === 'secret' && stored.size) await addSecretCounts(tx, pollId, storedBallots);
        const n = rows.length && !changeable ? rows[0]!.before + rows.length
          : ((await tx.select({ n: count() }).from(table).where(eq(table.pollId, pollId)))[0]?.n ?? 0);
        for (const b of candidates) outcomes.set(b, stored.has(b.userId) ? { ok: true, cast: n, meetingId: poll.meetingId } : { ok: false, code: 'already_voted' });
        audit.push(...ballotAuditEntry(poll, pollId, storedBallots, n));
        committed.push({ pollId, meetingId: poll.meetingId, cast: n, totalDelegates: poll.totalDelegates ?? 0, method: poll.method, stored: poll.method === 'named' ? [...stored] : [] });
      }
      await appendAudit(tx, audit);
    });
    for (const c of committed) this.onCommitted(c);
    return outcomes;
  }
}

/**
 * Adds a batch's secret ballots to the counters, aggregated first: one increment per choice (or per option
 * and value) for the whole batch, so no stored change corresponds to a single ballot of a batch.
 */
async function addSecretCounts(db: Db, pollId: string, stored: BallotRequest[]): Promise<void> {
  const choices = new Map<Choice, number>();
  const options = new Map<string, number>();
  for (const b of stored) {
    if (b.choice) choices.set(b.choice, (choices.get(b.choice) ?? 0) + 1);
    for (const id of b.selections ?? []) options.set(`${id}\u0000vote`, (options.get(`${id}\u0000vote`) ?? 0) + 1);
    for (const [id, level] of Object.entries(b.ratings ?? {})) options.set(`${id}\u0000${level}`, (options.get(`${id}\u0000${level}`) ?? 0) + 1);
  }
  for (const [choice, n] of choices) {
    await db.insert(secretCounts).values({ pollId, choice, count: n })
      .onConflictDoUpdate({ target: [secretCounts.pollId, secretCounts.choice], set: { count: sql`${secretCounts.count} + ${n}` } });
  }
  for (const [key, n] of options) {
    const [optionId, value] = key.split('\u0000') as [string, string];
    await db.insert(secretOptionCounts).values({ pollId, optionId, value, count: n })
      .onConflictDoUpdate({ target: [secretOptionCounts.pollId, secretOptionCounts.optionId, secretOptionCounts.value], set: { count: sql`${secretOptionCounts.count} + ${n}` } });
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
