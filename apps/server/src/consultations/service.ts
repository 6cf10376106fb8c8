import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import {
  committeeMembers, committees, consultationDocuments, consultationQuestions, consultationRecipients, consultationResponses, consultations,
  delegateGroups, members, users,
} from '@hopso/db/schema/index';
import {
  acceptsAnswers, isStandingCommitteeMember, type Consultation, type ConsultationBaseKind, type ConsultationDocument,
  type ConsultationQuestion, type ConsultationSummary, type ConsultationThresholdRule, type QuestionInput,
} from '@hopso/shared/consultation';
import { AppError, fieldError } from '../http/errors.ts';
import { delegateRoles } from '@hopso/shared/roles';

export type ConsultationRow = typeof consultations.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Refuses a committee or group that is not this council's (400 on `baseBodyId`). */
export async function checkBase(db: Db, councilId: string, kind: ConsultationBaseKind, bodyId: string | null): Promise<void> {
  if (kind !== 'committee' && kind !== 'group') return;
  const table = kind === 'committee' ? committees : delegateGroups;
  const [row] = await db.select({ id: table.id }).from(table).where(and(eq(table.id, bodyId!), eq(table.councilId, councilId)));
  if (!row) throw new AppError('validation', { fields: fieldError('baseBodyId', 'Ban hoặc Tổ đại biểu không thuộc HĐND này.', 'The committee or group is not one of this council.') });
}

/** The members a consultation asks, as the council's lists stand now (frozen into recipients when sent). */
export async function resolveBase(db: Db, c: Pick<ConsultationRow, 'councilId' | 'baseKind' | 'baseBodyId'>): Promise<string[]> {
  const delegates = and(eq(members.councilId, c.councilId), inArray(members.role, [...delegateRoles]));
  if (c.baseKind === 'committee') {
    const rows = await db.select({ id: members.id }).from(committeeMembers).innerJoin(members, eq(members.id, committeeMembers.memberId))
      .where(and(eq(committeeMembers.committeeId, c.baseBodyId!), delegates));
    return rows.map((r) => r.id);
  }
  const rows = await db.select({ id: members.id, role: members.role, title: members.title }).from(members)
    .where(and(delegates, c.baseKind === 'group' ? eq(members.delegateGroupId, c.baseBodyId!) : undefined));
  return (c.baseKind === 'standingCommittee' ? rows.filter(isStandingCommitteeMember) : rows).map((r) => r.id);
}

/** Replaces a draft's questions, in the order given. */
export async function setQuestions(tx: Db, consultationId: string, list: QuestionInput[]): Promise<void> {
  await tx.delete(consultationQuestions).where(eq(consultationQuestions.consultationId, consultationId));
  if (list.length) {
    await tx.insert(consultationQuestions).values(list.map((q, position) => ({
      consultationId, position, kind: q.kind, text: q.text, options: q.kind === 'choice' ? q.options ?? [] : [],
    })));
  }
}

export async function questionsOf(db: Db, consultationId: string): Promise<ConsultationQuestion[]> {
  const rows = await db.select().from(consultationQuestions).where(eq(consultationQuestions.consultationId, consultationId)).orderBy(asc(consultationQuestions.position));
  return rows.map((q) => ({ id: q.id, position: q.position, kind: q.kind, text: q.text, options: q.options }));
}

export async function documentsOf(db: Db, consultationId: string): Promise<ConsultationDocument[]> {
  const rows = await db.select().from(consultationDocuments).where(eq(consultationDocuments.consultationId, consultationId)).orderBy(asc(consultationDocuments.addedAt));
  return rows.map((d) => ({ id: d.id, title: d.title, filename: d.filename, sha256: d.sha256, sourceDocumentId: d.sourceDocumentId }));
}

/** The member row of a user in a consultation's base, or null when they are not consulted. */
export async function recipientOf(db: Db, consultationId: string, userId: string): Promise<string | null> {
  const [row] = await db.select({ memberId: consultationRecipients.memberId }).from(consultationRecipients)
    .innerJoin(members, eq(members.id, consultationRecipients.memberId))
    .where(and(eq(consultationRecipients.consultationId, consultationId), eq(members.userId, userId)));
  return row?.memberId ?? null;
}

async function countsOf(db: Db, ids: string[]): Promise<Map<string, { recipients: number; answered: number }>> {
  const out = new Map(ids.map((id) => [id, { recipients: 0, answered: 0 }]));
  if (!ids.length) return out;
  const [r, a] = await Promise.all([
    db.select({ id: consultationRecipients.consultationId, n: count() }).from(consultationRecipients).where(inArray(consultationRecipients.consultationId, ids)).groupBy(consultationRecipients.consultationId),
    db.select({ id: consultationResponses.consultationId, n: count() }).from(consultationResponses).where(inArray(consultationResponses.consultationId, ids)).groupBy(consultationResponses.consultationId),
  ]);
  for (const x of r) out.get(x.id)!.recipients = Number(x.n);
  for (const x of a) out.get(x.id)!.answered = Number(x.n);
  return out;
}

function summaryOf(row: ConsultationRow, n: { recipients: number; answered: number }): ConsultationSummary {
  return {
    id: row.id, councilId: row.councilId, title: row.title, status: row.status, baseKind: row.baseKind, baseBodyId: row.baseBodyId,
    deadline: row.deadline.toISOString(), sentAt: iso(row.sentAt), closedAt: iso(row.closedAt), ...n, signed: row.sealedSha256 !== null,
  };
}

/** Summaries of consultation rows, with how many were asked and how many answered. */
export async function summaries(db: Db, rows: ConsultationRow[]): Promise<ConsultationSummary[]> {
  const n = await countsOf(db, rows.map((r) => r.id));
  return rows.map((r) => summaryOf(r, n.get(r.id)!));
}

/** Everything about one consultation for this caller: their own answer set when they are in the base. */
export async function consultationView(db: Db, row: ConsultationRow, caller: { userId: string; canManage: boolean; canSign: boolean }, now: Date): Promise<Consultation> {
  const [[summary], questions, documents, memberId] = await Promise.all([
    summaries(db, [row]), questionsOf(db, row.id), documentsOf(db, row.id), recipientOf(db, row.id, caller.userId),
  ]);
  let myResponse: Consultation['myResponse'];
  if (memberId) {
    const [mine] = await db.select().from(consultationResponses).where(and(eq(consultationResponses.consultationId, row.id), eq(consultationResponses.memberId, memberId)));
    myResponse = mine ? { answers: mine.answers, updatedAt: mine.updatedAt.toISOString() } : null;
  }
  return {
    ...summary!, description: row.description, thresholdRule: row.thresholdRule as ConsultationThresholdRule | null, reminderHours: row.reminderHours,
    questions, documents, ...(myResponse !== undefined ? { myResponse } : {}),
    canManage: caller.canManage, canSign: caller.canSign && row.status === 'closed' && row.resultSha256 !== null && row.sealedSha256 === null,
    acceptsAnswers: memberId !== null && acceptsAnswers({ status: row.status, deadline: row.deadline.toISOString() }, now),
  };
}

/** The base with who answered when: the progress screen and the overdue list. */
export async function progressOf(db: Db, consultationId: string): Promise<{ memberId: string; userId: string; fullName: string; title: string | null; answeredAt: Date | null }[]> {
  const rows = await db.select({
    memberId: members.id, userId: members.userId, fullName: users.fullName, title: members.title, answeredAt: consultationResponses.updatedAt,
  }).from(consultationRecipients)
    .innerJoin(members, eq(members.id, consultationRecipients.memberId)).innerJoin(users, eq(users.id, members.userId))
    .leftJoin(consultationResponses, and(eq(consultationResponses.consultationId, consultationRecipients.consultationId), eq(consultationResponses.memberId, members.id)))
    .where(eq(consultationRecipients.consultationId, consultationId));
  return rows.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}
