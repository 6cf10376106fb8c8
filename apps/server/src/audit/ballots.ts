import type { AuditEntryInput } from '@hopso/shared/audit';
import type { BallotRequest } from '../live/ballots.ts';

/**
 * The audit entry for the ballots one batch transaction stored in one poll (the group commit appends it
 * inside its own transaction: one entry per poll per batch, never a transaction per ballot).
 * Named polls list each voter with their choice — a named vote is public. Secret polls record only how many
 * ballots were cast (docs/secret-ballot.md): no voter, no choice, and no actor, so nothing in the log can be
 * lined up with a delegate, whatever the batch's order or size.
 */
export function ballotAuditEntry(poll: { meetingId: string; method: string }, pollId: string, stored: BallotRequest[], cast: number): AuditEntryInput[] {
  if (!stored.length) return [];
  const base = { actorId: null, meetingId: poll.meetingId, targetType: 'poll', targetId: pollId };
  if (poll.method === 'secret') return [{ ...base, action: 'ballot.secret', details: { count: stored.length, cast } }];
  const ballots = stored.map((b) => ({ userId: b.userId, choice: b.choice ?? null, selections: b.selections ?? null, ratings: b.ratings ?? null }));
  return [{ ...base, action: 'ballot.named', details: { count: stored.length, cast, ballots } }];
}
