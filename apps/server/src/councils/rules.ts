import { and, eq, exists, not } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { councils, meetings, polls } from '@hopso/db/schema/index';
import type { UpdateCouncilRequest } from '@hopso/shared/council';
import type { RuleSet } from '@hopso/shared/rules';
import { rulesOf } from '../live/state.ts';

/** The council's rule set over the legal defaults: the same reader the live session and documents use. */
export const councilRules = rulesOf;

/**
 * Saves the whole rule set, unless a poll of the council is open: the live session reads the rules again
 * when a poll closes (threshold) and for every ballot batch (ballot change), so a change made while a poll
 * is open would change that poll's outcome. Returns false when refused. The check and the write are one
 * statement; a poll opening in the same instant is not excluded (see the route's test and docs/api.md).
 */
export async function saveRules(db: Db, councilId: string, rules: RuleSet): Promise<boolean> {
  const openPoll = db.select({ id: polls.id }).from(polls).innerJoin(meetings, eq(meetings.id, polls.meetingId))
    .where(and(eq(meetings.councilId, councilId), eq(polls.status, 'open')));
  const saved = await db.update(councils).set({ rules }).where(and(eq(councils.id, councilId), not(exists(openPoll)))).returning({ id: councils.id });
  return saved.length > 0;
}

/** Renames the council or corrects its locality. */
export async function updateCouncil(db: Db, councilId: string, input: UpdateCouncilRequest): Promise<void> {
  await db.update(councils).set(input).where(eq(councils.id, councilId));
}
