import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { blobs, members, supervisionDocuments, supervisionMembers, supervisionRecommendations, supervisionSchedule, supervisionTopics, users } from '@hopso/db/schema/index';
import {
  followUpCounts, followUpStatus, publishBlockers, type DelegationMember, type FollowUpItem, type FollowUpStatus, type Recommendation,
  type SupervisionDocument, type SupervisionTopic, type SupervisionTopicSummary,
} from '@hopso/shared/supervision';
import { AppError, fieldError } from '../http/errors.ts';
import { delegateRoles } from '@hopso/shared/roles';

export type TopicRow = typeof supervisionTopics.$inferSelect;
type RecommendationRow = typeof supervisionRecommendations.$inferSelect;
type Delegation = { memberId: string; role: DelegationMember['role'] }[];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Refuses a delegation naming anyone who is not a delegate of this council (400 on `members`). */
export async function checkDelegation(db: Db, councilId: string, list: Delegation): Promise<void> {
  if (!list.length) return;
  const ids = list.map((m) => m.memberId);
  const found = await db.select({ id: members.id }).from(members)
    .where(and(eq(members.councilId, councilId), inArray(members.id, ids), inArray(members.role, [...delegateRoles])));
  if (found.length !== new Set(ids).size) {
    throw new AppError('validation', { fields: fieldError('members', 'Thành viên đoàn giám sát phải là đại biểu của HĐND này.', 'Delegation members must be delegates of this council.') });
  }
}

/** Replaces a topic's delegation. */
export async function setDelegation(tx: Db, topicId: string, list: Delegation): Promise<void> {
  await tx.delete(supervisionMembers).where(eq(supervisionMembers.topicId, topicId));
  if (list.length) await tx.insert(supervisionMembers).values(list.map((m) => ({ topicId, ...m })));
}

function recommendationView(r: RecommendationRow, today: string): Recommendation {
  return {
    id: r.id, topicId: r.topicId, position: r.position, content: r.content, addressee: r.addressee, dueOn: r.dueOn,
    status: r.status, progress: r.progress, doneOn: r.doneOn, followUp: followUpStatus(r, today), updatedAt: r.updatedAt.toISOString(),
  };
}

async function delegationsOf(db: Db, topicIds: string[]): Promise<(DelegationMember & { topicId: string })[]> {
  if (!topicIds.length) return [];
  const rows = await db.select({
    topicId: supervisionMembers.topicId, memberId: supervisionMembers.memberId, role: supervisionMembers.role,
    userId: members.userId, fullName: users.fullName, title: members.title,
  }).from(supervisionMembers).innerJoin(members, eq(members.id, supervisionMembers.memberId)).innerJoin(users, eq(users.id, members.userId))
    .where(inArray(supervisionMembers.topicId, topicIds));
  const order = { head: 0, deputy: 1, member: 2 } as const;
  return rows.sort((a, b) => order[a.role] - order[b.role] || a.fullName.localeCompare(b.fullName, 'vi'));
}

async function recommendationsOf(db: Db, topicIds: string[]): Promise<RecommendationRow[]> {
  if (!topicIds.length) return [];
  return db.select().from(supervisionRecommendations).where(inArray(supervisionRecommendations.topicId, topicIds))
    .orderBy(asc(supervisionRecommendations.position));
}

function summaries(rows: TopicRow[], heads: { topicId: string; role: string; fullName: string }[], recs: RecommendationRow[], today: string): SupervisionTopicSummary[] {
  return rows.map((t) => ({
    id: t.id, councilId: t.councilId, title: t.title, periodFrom: t.periodFrom, periodTo: t.periodTo, status: t.status,
    doneOn: t.doneOn, publishedAt: iso(t.publishedAt),
    headName: heads.find((h) => h.topicId === t.id && h.role === 'head')?.fullName ?? null,
    followUp: followUpCounts(recs.filter((r) => r.topicId === t.id), today),
  }));
}

/** A council's topics, newest period first, with their head and the follow-up counts of their recommendations. */
export async function listTopics(db: Db, councilId: string, today: string): Promise<SupervisionTopicSummary[]> {
  const rows = await db.select().from(supervisionTopics).where(eq(supervisionTopics.councilId, councilId))
    .orderBy(desc(supervisionTopics.periodFrom), desc(supervisionTopics.createdAt));
  const ids = rows.map((r) => r.id);
  const [heads, recs] = await Promise.all([delegationsOf(db, ids), recommendationsOf(db, ids)]);
  return summaries(rows, heads, recs, today);
}

/** The documents of a topic with their file facts; `publicOnly` for the portal. */
export async function topicDocuments(db: Db, topicId: string, publicOnly = false): Promise<SupervisionDocument[]> {
  const rows = await db.select({
    id: supervisionDocuments.id, title: supervisionDocuments.title, kind: supervisionDocuments.kind, public: supervisionDocuments.public,
    filename: supervisionDocuments.filename, sha256: supervisionDocuments.sha256, bytes: blobs.bytes, pageCount: blobs.pageCount, uploadedAt: supervisionDocuments.uploadedAt,
  }).from(supervisionDocuments).innerJoin(blobs, eq(blobs.sha256, supervisionDocuments.sha256))
    .where(and(eq(supervisionDocuments.topicId, topicId), publicOnly ? eq(supervisionDocuments.public, true) : undefined))
    .orderBy(asc(supervisionDocuments.uploadedAt));
  return rows.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() }));
}

/** Everything about one topic, for the secretariat's edit screen. */
export async function topicView(db: Db, t: TopicRow, today: string): Promise<SupervisionTopic> {
  const [delegation, recs, schedule, documents] = await Promise.all([
    delegationsOf(db, [t.id]), recommendationsOf(db, [t.id]),
    db.select().from(supervisionSchedule).where(eq(supervisionSchedule.topicId, t.id)).orderBy(asc(supervisionSchedule.startsAt)),
    topicDocuments(db, t.id),
  ]);
  const [summary] = summaries([t], delegation, recs, today);
  return {
    ...summary!, scope: t.scope, findings: t.findings,
    members: delegation.map(({ topicId: _, ...m }) => m),
    schedule: schedule.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), place: s.place, subject: s.subject, activity: s.activity })),
    documents, recommendations: recs.map((r) => recommendationView(r, today)),
    publishBlockers: publishBlockers({ status: t.status, findings: t.findings, publishedAt: iso(t.publishedAt) }),
  };
}

/** Every recommendation of a council's topics with its follow-up status, optionally only one status (overdue first). */
export async function followUpList(db: Db, councilId: string, today: string, status?: FollowUpStatus): Promise<FollowUpItem[]> {
  const rows = await db.select({ rec: supervisionRecommendations, topicTitle: supervisionTopics.title }).from(supervisionRecommendations)
    .innerJoin(supervisionTopics, eq(supervisionTopics.id, supervisionRecommendations.topicId))
    .where(eq(supervisionTopics.councilId, councilId))
    .orderBy(asc(supervisionRecommendations.dueOn), asc(supervisionTopics.title), asc(supervisionRecommendations.position));
  const rank: Record<FollowUpStatus, number> = { overdue: 0, inProgress: 1, pending: 2, done: 3 };
  return rows.map((r) => ({ ...recommendationView(r.rec, today), topicTitle: r.topicTitle }))
    .filter((r) => !status || r.followUp === status)
    .sort((a, b) => rank[a.followUp] - rank[b.followUp]);
}

/** The next position for a topic's recommendation (appended last). */
export async function nextPosition(tx: Db, topicId: string): Promise<number> {
  const [row] = await tx.select({ p: max(supervisionRecommendations.position) }).from(supervisionRecommendations).where(eq(supervisionRecommendations.topicId, topicId));
  return (row?.p ?? -1) + 1;
}

/** Loads one row of a topic's children (schedule entry, document, recommendation) or 404 when it belongs elsewhere. */
export async function childOf<T extends typeof supervisionSchedule | typeof supervisionDocuments | typeof supervisionRecommendations>(db: Db, table: T, topicId: string, id: string): Promise<T['$inferSelect']> {
  const [row] = await db.select().from(table as typeof supervisionSchedule).where(and(eq(table.id, id), eq(table.topicId, topicId)));
  if (!row) throw new AppError('not_found');
  return row as T['$inferSelect'];
}
