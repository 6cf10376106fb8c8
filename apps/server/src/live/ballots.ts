import { eq, inArray } from 'drizzle-orm';
import { sqlClient, type Db, type SqlClient } from '@hopso/db/client';
import { councils, meetings, polls } from '@hopso/db/schema/index';
import type { ErrorCode } from '@hopso/shared/errors';
import { rulesFrom } from './state.ts';
import { pipelinedAudit } from '../audit/log.ts';
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

/** What a batch needs of a poll before its transaction: fixed when the poll is created, except `changeable`. */
interface PollInfo extends PollShape {
  meetingId: string;
  method: 'named' | 'secret' | 'hands';
  /** The council's allowBallotChange when last read: the transaction checks it against the rules it reads. */
  changeable: boolean;
}

/** How many ballots one transaction takes at most. */
const maxBatch = 1000;
/** Poll infos kept at most (a poll's is read once, by its first batch). */
const maxInfos = 1000;

// The batch's statements: constant texts, prepared once per connection, the ballots passed as arrays.
// Each locks its poll, reads its status and the council's rules, and stores the ballots of those of the batch
// who may vote — a visible meeting, an open poll, invited, checked in, a delegate — in one statement. Ballots
// come without a separate access check (it would cost queries per ballot in a storm): these are the rules of
// who may vote.
// The lock is FOR NO KEY UPDATE: closing the poll (FOR UPDATE) waits for the batch, so no committed ballot is
// left out, and batches of one poll from several server nodes take turns, so each batch's count (read by a
// later statement, after the lock) includes every batch committed before it — counts grow in commit order
// and the last one sent is the poll's true count. One node's batches already run one after another.
const pollCte = `poll as (
  select p.meeting_id, p.status, p.method, p.total_delegates, m.status as meeting_status, m.council_id, c.rules
  from polls p join meetings m on m.id = p.meeting_id join councils c on c.id = m.council_id
  where p.id = $1::uuid for no key update of p)`;
// Eligibility is looked up voter by voter (scalar subqueries on the primary keys): whatever the table
// statistics say (PGlite never analyzes), the plan cannot turn into a scan of the council's members.
const eligibleCte = (method: 'named' | 'secret') => `eligible as (
  select v.user_id from poll, unnest($2::uuid[]) as v(user_id)
  where poll.status = 'open' and poll.meeting_status <> 'draft' and poll.method = '${method}'
    and (select a.status from attendance a where a.meeting_id = poll.meeting_id and a.user_id = v.user_id) in ('present', 'late')
    and (select true from invitations i where i.meeting_id = poll.meeting_id and i.user_id = v.user_id)
    and (select mb.role from members mb where mb.council_id = poll.council_id and mb.user_id = v.user_id) in ('chair', 'delegate'))`;
const outcomeSelect = 'select poll.*, array(select user_id from eligible) as eligible, array(select user_id from stored) as stored from poll';
/** Named ballots ($2 voters, $3 choices); a council that allows changes lets the last choice replace the stored one. */
const namedInsert = (changeable: boolean) => `with ${pollCte}, ${eligibleCte('named')}, stored as (
  insert into ballots (poll_id, user_id, choice)
  select $1::uuid, b.user_id, b.choice from unnest($2::uuid[], $3::text[]) as b(user_id, choice)
  where b.user_id in (select user_id from eligible)
  on conflict (poll_id, user_id) ${changeable ? 'do update set choice = excluded.choice, cast_at = now()' : 'do nothing'}
  returning user_id)
${outcomeSelect}`;
const namedStatements = { true: namedInsert(true), false: namedInsert(false) };
/**
 * Secret ballots: who voted ($2) apart from what was voted — the batch's choices ($3, '' for none) and option
 * values ($4 voter, $5 option, $6 value), counted only for the voters stored and added to the counters once
 * per choice or option and value for the whole batch, so no stored change corresponds to a single ballot.
 */
const secretInsert = `with ${pollCte}, ${eligibleCte('secret')}, stored as (
  insert into secret_voters (poll_id, user_id)
  select $1::uuid, v.user_id from unnest($2::uuid[]) as v(user_id) where v.user_id in (select user_id from eligible)
  on conflict (poll_id, user_id) do nothing
  returning user_id
), choices as (
  insert into secret_counts (poll_id, choice, count)
  select $1::uuid, b.choice, count(*) from unnest($2::uuid[], $3::text[]) as b(user_id, choice)
  where b.choice <> '' and b.user_id in (select user_id from stored) group by b.choice
  on conflict (poll_id, choice) do update set count = secret_counts.count + excluded.count
), options as (
  insert into secret_option_counts (poll_id, option_id, value, count)
  select $1::uuid, o.option_id, o.value, count(*) from unnest($4::uuid[], $5::text[], $6::text[]) as o(user_id, option_id, value)
  where o.user_id in (select user_id from stored) group by o.option_id, o.value
  on conflict (poll_id, option_id, value) do update set count = secret_option_counts.count + excluded.count
)
${outcomeSelect}`;
/** The poll's count after the batch's insert (a later statement of the transaction sees its rows). */
const countStatements = {
  named: 'select count(*)::int as n from ballots where poll_id = $1::uuid',
  secret: 'select count(*)::int as n from secret_voters where poll_id = $1::uuid',
};

interface OutcomeRow {
  meeting_id: string;
  status: string;
  method: string;
  total_delegates: number | null;
  meeting_status: string;
  rules: Record<string, unknown> | null;
  eligible: string[];
  stored: string[];
}

/** One poll's part of a batch: its ballots in arrival order and those that go to the insert. */
interface Group {
  pollId: string;
  info: PollInfo;
  ballots: Pending[];
  /** Valid ballots, one per voter: the first, or the last where changes are allowed. */
  candidates: Pending[];
  invalid: Set<Pending>;
}

/**
 * Group commit for ballots: requests that arrive while a transaction is running wait for the next one, so
 * a storm of 500 ballots costs a handful of commits instead of 500, and each ballot is acknowledged only
 * after the transaction that stored it has committed. One ballot per delegate per poll is enforced by the
 * primary keys (ballots, secret_voters), not only here.
 *
 * A batch is two round trips to the database on one reserved connection: BEGIN, one statement per poll
 * (lock, rules, eligibility, insert), the counts and the audit head lock go together; the audit entries, the
 * new head and COMMIT go together once their content is known.
 */
export class BallotBatcher {
  private queue: Pending[] = [];
  private running = false;
  private readonly db: Db;
  private readonly sql: SqlClient;
  private readonly infos = new Map<string, PollInfo>();
  private readonly onCommitted: (c: Committed) => void;

  constructor(db: Db, onCommitted: (c: Committed) => void) {
    this.db = db;
    this.sql = sqlClient(db);
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
    // What the last batch committed is reported (a progress broadcast, which holds the thread ≈ 12 ms at 500
    // tablets) only once the next batch's first round trip is on its way, so the database works on that batch
    // meanwhile instead of after it: in a storm this took the fan-out p99 from 124–153 to 92–93 ms.
    let unreported: Committed[] = [];
    const report = (list: Committed[]) => list.forEach((c) => this.onCommitted(c));
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, maxBatch);
        const earlier = unreported;
        unreported = [];
        // setImmediate runs after the driver's own deferred write of the statements just issued.
        const issued = () => { if (earlier.length) setImmediate(report, earlier.splice(0)); };
        let outcomes: Map<Pending, BallotOutcome>;
        try {
          ({ outcomes, committed: unreported } = await this.commit(batch, issued));
        } catch {
          // Nothing of this batch was stored: every ballot in it is refused and may be sent again.
          outcomes = new Map(batch.map((b) => [b, { ok: false, code: 'internal' } as const]));
        }
        report(earlier.splice(0)); // when the batch sent no statement
        for (const b of batch) b.resolve(outcomes.get(b)!);
      }
      report(unreported);
    } finally {
      this.running = false;
    }
  }

  /** Infos of the batch's polls: read once per poll (before any transaction), then kept. */
  private async pollInfos(pollIds: string[]): Promise<Map<string, PollInfo>> {
    const missing = pollIds.filter((id) => !this.infos.has(id));
    if (missing.length) {
      const rows = await this.db.select({
        id: polls.id, meetingId: polls.meetingId, kind: polls.kind, options: polls.options, seats: polls.seats, method: polls.method, rules: councils.rules,
      }).from(polls).innerJoin(meetings, eq(meetings.id, polls.meetingId)).innerJoin(councils, eq(councils.id, meetings.councilId))
        .where(inArray(polls.id, missing));
      if (this.infos.size + rows.length > maxInfos) this.infos.clear();
      for (const { id, rules, ...info } of rows) this.infos.set(id, { ...info, changeable: info.method === 'named' && rulesFrom(rules).allowBallotChange });
    }
    return this.infos;
  }

  /** Stores the batch; `issued` is called once its first statements are on their way to the database. */
  private async commit(batch: Pending[], issued: () => void): Promise<{ outcomes: Map<Pending, BallotOutcome>; committed: Committed[] }> {
    const outcomes = new Map<Pending, BallotOutcome>();
    const infos = await this.pollInfos([...new Set(batch.map((b) => b.pollId))]);
    for (let attempt = 1; ; attempt++) {
      const groups: Group[] = [];
      // Polls locked in one order on every node: two nodes' batches for the same polls cannot deadlock.
      for (const [pollId, ballots] of [...groupBy(batch, (b) => b.pollId)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const info = infos.get(pollId);
        if (info) groups.push(group(pollId, info, ballots));
        else ballots.forEach((b) => outcomes.set(b, { ok: false, code: 'not_found' }));
      }
      if (!groups.length) return { outcomes, committed: [] };
      const { stale, committed } = await this.transaction(groups, outcomes, issued);
      if (!stale.length) return { outcomes, committed };
      // The council changed allowBallotChange since the poll's info was read: again with what the transaction saw.
      if (attempt === 3) throw new Error('the council rules keep changing under the ballot batch');
      for (const [pollId, changeable] of stale) infos.set(pollId, { ...infos.get(pollId)!, changeable });
    }
  }

  /**
   * Runs the batch's transaction, fills `outcomes` and returns what it committed per poll; or returns the polls
   * whose allowBallotChange differed from their info (the transaction was then rolled back, nothing filled).
   */
  private async transaction(groups: Group[], outcomes: Map<Pending, BallotOutcome>, issued: () => void): Promise<{ stale: [string, boolean][]; committed: Committed[] }> {
    const connection = await this.sql.reserve();
    const run = (text: string, params: unknown[] = []) => {
      const query = connection.unsafe(text, params as never[], { prepare: true });
      void query.execute();
      return query;
    };
    let open = false;
    try {
      // First round trip: everything whose parameters are known before the transaction.
      open = true;
      const sent = [run('begin'), ...groups.map((g) => run(...statement(g))), ...groups.map((g) => run(countStatements[g.info.method === 'secret' ? 'secret' : 'named'], [g.pollId])), run(pipelinedAudit.lockHead)];
      issued();
      const results = (await Promise.all(sent)) as unknown[][];
      const rows = results.slice(1, 1 + groups.length).map((r) => r[0] as OutcomeRow | undefined);
      const counts = results.slice(1 + groups.length, 1 + 2 * groups.length).map((r) => (r[0] as { n: number }).n);
      const head = results.at(-1)![0] as { seq: number; hash: string } | undefined;

      const stale: [string, boolean][] = [];
      groups.forEach((g, i) => {
        const row = rows[i];
        const changeable = g.info.method === 'named' && rulesFrom(row?.rules).allowBallotChange;
        if (row?.status === 'open' && g.info.method === 'named' && changeable !== g.info.changeable) stale.push([g.pollId, changeable]);
      });
      if (stale.length) return { stale, committed: [] };

      const audit: AuditEntryInput[] = [];
      const committed: Committed[] = [];
      groups.forEach((g, i) => {
        const c = settle(g, rows[i], counts[i]!, outcomes);
        if (!c) return;
        audit.push(...ballotAuditEntry(g.info, g.pollId, g.candidates.filter((b) => c.storedSet.has(b.userId)), c.committed.cast));
        committed.push(c.committed);
      });
      // Second round trip: the audit entries (last in the transaction, under the head locked above) and COMMIT.
      await Promise.all([...pipelinedAudit.writes(head, audit).map((w) => run(w.text, w.params)), run('commit')]);
      open = false;
      return { stale: [], committed };
    } finally {
      // A failed statement (or stale rules) leaves the transaction to roll back before the connection is shared again.
      if (open) await connection.unsafe('rollback').catch(() => {});
      connection.release();
    }
  }
}

/** Validates a poll's ballots and keeps one per voter: the first, or the last where changes are allowed. */
function group(pollId: string, info: PollInfo, ballots: Pending[]): Group {
  const invalid = new Set<Pending>();
  const chosen = new Map<string, Pending>();
  for (const b of ballots) {
    if (!validBallot(info, b)) invalid.add(b);
    else if (!chosen.has(b.userId) || info.changeable) chosen.set(b.userId, b);
  }
  return { pollId, info, ballots, candidates: [...chosen.values()], invalid };
}

/** The batch's statement for a poll and its parameters. */
function statement(g: Group): [string, unknown[]] {
  const voters = g.candidates.map((b) => b.userId);
  if (g.info.method !== 'secret') {
    // Show-of-hands polls take no ballots: their statement stores nothing but still reports the poll's state.
    return [namedStatements[g.info.method === 'named' && g.info.changeable ? 'true' : 'false'], [g.pollId, g.info.method === 'named' ? voters : [], g.candidates.map((b) => b.choice ?? '')]];
  }
  const options: [string, string, string][] = [];
  for (const b of g.candidates) {
    for (const id of b.selections ?? []) options.push([b.userId, id, 'vote']);
    for (const [id, level] of Object.entries(b.ratings ?? {})) options.push([b.userId, id, level]);
  }
  return [secretInsert, [g.pollId, voters, g.candidates.map((b) => b.choice ?? ''), options.map((o) => o[0]), options.map((o) => o[1]), options.map((o) => o[2])]];
}

/** Each ballot's outcome from its poll's row; what the batch committed for the poll, if it was open. */
function settle(g: Group, row: OutcomeRow | undefined, cast: number, outcomes: Map<Pending, BallotOutcome>): { committed: Committed; storedSet: Set<string> } | null {
  const refuse = (code: ErrorCode) => g.ballots.forEach((b) => outcomes.set(b, { ok: false, code }));
  if (!row || row.meeting_status === 'draft') return refuse('not_found'), null;
  if (row.status !== 'open') return refuse('poll_not_open'), null;
  if (g.info.method === 'hands') return refuse('conflict'), null;
  const eligible = new Set(row.eligible);
  const storedSet = new Set(row.stored);
  const chosen = new Set(g.candidates);
  for (const b of g.ballots) {
    if (g.invalid.has(b)) outcomes.set(b, { ok: false, code: 'validation' });
    else if (!eligible.has(b.userId)) outcomes.set(b, { ok: false, code: 'not_eligible' });
    // A second ballot of the batch (or a superseded one, where changes are allowed) is not stored.
    else if (!chosen.has(b) || !storedSet.has(b.userId)) outcomes.set(b, { ok: false, code: 'already_voted' });
    else outcomes.set(b, { ok: true, cast, meetingId: g.info.meetingId });
  }
  const committed: Committed = {
    pollId: g.pollId, meetingId: g.info.meetingId, cast, totalDelegates: row.total_delegates ?? 0, method: g.info.method,
    stored: g.info.method === 'named' ? row.stored : [],
  };
  return { committed, storedSet };
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
