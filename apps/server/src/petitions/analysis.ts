import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { petitions } from '@hopso/db/schema/index';
import { duplicateGroups, similarTo, suggestClassification, type Suggestions } from '@hopso/shared/petition-match';
import { petitionChannels, petitionStatuses, vietnamDate, type DuplicateGroup, type PetitionCount, type PetitionStats } from '@hopso/shared/petitions';
import { overdueWhere, type PetitionRow } from './queries.ts';
import { rulesOf } from './settings.ts';

// What the secretariat reads across petitions: statistics, merge suggestions, and for one petition its
// classification suggestions and look-alikes. Matching itself is the pure shared/petition-match.ts.

/** How many recent petitions are matched against (a council's open petitions fit many times over). */
const matchWindow = 5000;
const answered = sql`${petitions.status} in ('answered', 'published')`;
// Answered on time: by the deadline, as a calendar day in Vietnam.
const onTime = sql`${answered} and ${petitions.deadline} is not null and (${petitions.answeredAt} at time zone 'Asia/Ho_Chi_Minh')::date <= ${petitions.deadline}`;

async function countsBy(db: Db, councilId: string, column: typeof petitions.field | typeof petitions.locality | typeof petitions.agency, today: string): Promise<PetitionCount[]> {
  const key = sql<string>`coalesce(${column}, '')`;
  const rows = await db.select({
    key, total: sql<number>`count(*)`.mapWith(Number), answered: sql<number>`count(*) filter (where ${answered})`.mapWith(Number),
    onTime: sql<number>`count(*) filter (where ${onTime})`.mapWith(Number), overdue: sql<number>`count(*) filter (where ${overdueWhere(today)})`.mapWith(Number),
  }).from(petitions).where(and(eq(petitions.councilId, councilId), ne(petitions.status, 'merged'))).groupBy(key).orderBy(desc(sql`count(*)`), key);
  return rows;
}

/**
 * The council's statistics. Totals count every petition received (each voter's); the breakdowns by field,
 * locality and agency leave out merged petitions, which their target stands for.
 */
export async function petitionStats(db: Db, councilId: string, now: Date): Promise<PetitionStats> {
  const today = vietnamDate(now);
  const mine = eq(petitions.councilId, councilId);
  const [byStatus, byChannel, [totals], byField, byLocality, byAgency] = await Promise.all([
    db.select({ key: petitions.status, n: sql<number>`count(*)`.mapWith(Number) }).from(petitions).where(mine).groupBy(petitions.status),
    db.select({ key: petitions.channel, n: sql<number>`count(*)`.mapWith(Number) }).from(petitions).where(mine).groupBy(petitions.channel),
    db.select({
      overdue: sql<number>`count(*) filter (where ${overdueWhere(today)})`.mapWith(Number), onTime: sql<number>`count(*) filter (where ${onTime})`.mapWith(Number),
      answered: sql<number>`count(*) filter (where ${answered})`.mapWith(Number),
    }).from(petitions).where(mine),
    countsBy(db, councilId, petitions.field, today), countsBy(db, councilId, petitions.locality, today), countsBy(db, councilId, petitions.agency, today),
  ]);
  const tally = <K extends string>(keys: readonly K[], rows: { key: K; n: number }[]) => Object.fromEntries(keys.map((k) => [k, rows.find((r) => r.key === k)?.n ?? 0])) as Record<K, number>;
  const status = tally(petitionStatuses, byStatus);
  return {
    total: Object.values(status).reduce((a, b) => a + b, 0), byStatus: status, byChannel: tally(petitionChannels, byChannel),
    byField, byLocality, byAgency, overdue: totals?.overdue ?? 0, answeredOnTime: totals?.onTime ?? 0, answeredLate: (totals?.answered ?? 0) - (totals?.onTime ?? 0),
  };
}

const matchColumns = { id: petitions.id, code: petitions.code, status: petitions.status, locality: petitions.locality, content: petitions.content, receivedAt: petitions.receivedAt };

async function candidates(db: Db, councilId: string, statuses: readonly PetitionRow['status'][], extra?: SQL) {
  return db.select(matchColumns).from(petitions).where(and(eq(petitions.councilId, councilId), inArray(petitions.status, [...statuses]), extra))
    .orderBy(desc(petitions.receivedAt)).limit(matchWindow);
}

/** Groups of petitions still waiting for an answer that look like the same issue: merge suggestions. */
export async function duplicateSuggestions(db: Db, councilId: string): Promise<DuplicateGroup[]> {
  const open = await candidates(db, councilId, ['received', 'classified', 'assigned']);
  const byId = new Map(open.map((p) => [p.id, p]));
  return duplicateGroups(open.map((p) => ({ id: p.id, text: `${p.locality} ${p.content}` }))).slice(0, 100).map((g) => ({
    score: g.score,
    petitions: g.ids.map((id) => byId.get(id)!).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).map((p) => ({ ...p, receivedAt: p.receivedAt.toISOString() })),
  }));
}

/** For one petition: what the keyword rules suggest, and petitions it could be merged into. */
export async function petitionInsight(db: Db, row: PetitionRow): Promise<{ suggestions: Suggestions; similar: (DuplicateGroup['petitions'][number] & { score: number })[] }> {
  const text = `${row.locality} ${row.content}`;
  const [rules, others] = await Promise.all([
    rulesOf(db, row.councilId),
    candidates(db, row.councilId, ['received', 'classified', 'assigned', 'answered', 'published'], ne(petitions.id, row.id)),
  ]);
  const byId = new Map(others.map((p) => [p.id, p]));
  const similar = similarTo(text, others.map((p) => ({ id: p.id, text: `${p.locality} ${p.content}` }))).slice(0, 5)
    .map((s) => ({ ...byId.get(s.id)!, receivedAt: byId.get(s.id)!.receivedAt.toISOString(), score: Math.round(s.score * 100) / 100 }));
  return { suggestions: suggestClassification(text, rules), similar };
}
