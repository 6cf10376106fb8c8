import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { documents, documentVersions, meetings, petitions, polls, resolutions, supervisionTopics } from '@hopso/db/schema/index';
import { isLate } from '@hopso/shared/document';
import { answeredOnTime, deliveredOnTime, isPaperless, monthBounds, monthOf, type KpiCounts } from '@hopso/shared/kpi';
import { vietnamToday } from '@hopso/shared/supervision';
import { rulesOf } from '../live/state.ts';

// The Resolution 57 indicators of one council, counted per Vietnam calendar month; rehearsals never count. Each query reads the rows
// of the whole period once; the rules of shared/kpi.ts decide what counts, and rows are put in their month here.

/** Meetings that took place: the secretary ran them live (status live, or closed once over). */
const heldStatuses = ['live', 'closed'] as const;
/** Sessions (kỳ họp), whose documents go out ahead under the send-ahead rule. */
const sessionKinds = ['regular', 'thematic', 'extraordinary'] as const;
/** Sessions whose documents were sent: published to delegates, live or held. */
const sentStatuses = ['published', 'live', 'closed'] as const;

/** The counts of every month in `months` (consecutive, ascending), and the done dates of supervision topics since January of the first. */
export async function kpiCounts(db: Db, councilId: string, months: string[]): Promise<{ counts: KpiCounts[]; supervisionDoneOn: string[] }> {
  const start = monthBounds(months[0]!).start;
  const end = monthBounds(months.at(-1)!).end;
  const inPeriod = (column: Parameters<typeof gte>[0]) => and(gte(column, start), lt(column, end));
  const [held, adopted, sessionDocs, received, answered, done, rules] = await Promise.all([
    // The subqueries name the outer table in full: drizzle leaves columns of a one-table select unqualified.
    db.select({
      startsAt: meetings.startsAt,
      paperPolls: sql<number>`(select count(*) from polls p where p.meeting_id = "meetings"."id" and p.paper_record is not null)`.mapWith(Number),
      paperOnlyDocuments: sql<number>`(select count(*) from documents d where d.meeting_id = "meetings"."id" and d.confidentiality = 'secret')`.mapWith(Number),
    }).from(meetings).where(and(eq(meetings.councilId, councilId), eq(meetings.rehearsal, false), inArray(meetings.status, [...heldStatuses]), inPeriod(meetings.startsAt))),
    // Adopted drafts: closed motions and dismissals whose result passed; signed once their resolution carries the chair's signature.
    db.select({ closedAt: polls.closedAt, signedAt: resolutions.signedAt }).from(polls)
      .innerJoin(meetings, eq(meetings.id, polls.meetingId))
      .leftJoin(resolutions, eq(resolutions.pollId, polls.id))
      .where(and(eq(meetings.councilId, councilId), eq(meetings.rehearsal, false), eq(polls.status, 'closed'), inArray(polls.kind, ['motion', 'dismissal']),
        sql`${polls.result}->>'adopted' = 'true'`, isNotNull(polls.closedAt), inPeriod(polls.closedAt))),
    db.select({
      startsAt: meetings.startsAt, kind: meetings.kind, confidentiality: documents.confidentiality, uploadedAt: documentVersions.uploadedAt,
    }).from(documents).innerJoin(meetings, eq(meetings.id, documents.meetingId))
      .leftJoin(documentVersions, and(eq(documentVersions.documentId, documents.id),
        sql`${documentVersions.version} = (select max(v.version) from document_versions v where v.document_id = ${documents.id})`))
      .where(and(eq(meetings.councilId, councilId), eq(meetings.rehearsal, false), inArray(meetings.kind, [...sessionKinds]), inArray(meetings.status, [...sentStatuses]), inPeriod(meetings.startsAt))),
    db.select({ receivedAt: petitions.receivedAt }).from(petitions).where(and(eq(petitions.councilId, councilId), inPeriod(petitions.receivedAt))),
    db.select({ answeredAt: petitions.answeredAt, deadline: petitions.deadline }).from(petitions)
      .where(and(eq(petitions.councilId, councilId), isNotNull(petitions.answeredAt), inPeriod(petitions.answeredAt))),
    db.select({ doneOn: supervisionTopics.doneOn }).from(supervisionTopics)
      .where(and(eq(supervisionTopics.councilId, councilId), eq(supervisionTopics.status, 'done'), isNotNull(supervisionTopics.doneOn),
        gte(supervisionTopics.doneOn, `${months[0]!.slice(0, 4)}-01-01`), lt(supervisionTopics.doneOn, vietnamToday(end)))),
    rulesOf(db, councilId),
  ]);

  const byMonth = new Map(months.map((m): [string, KpiCounts] => [m, {
    month: m, meetingsHeld: 0, meetingsPaperless: 0, resolutionsAdopted: 0, resolutionsSigned: 0, sessionDocuments: 0, documentsOnTime: 0,
    petitionsReceived: 0, petitionsAnswered: 0, petitionsAnsweredOnTime: 0, supervisionDone: 0,
  }]));
  const at = (when: Date | string) => byMonth.get(monthOf(when));
  for (const m of held) {
    const row = at(m.startsAt)!;
    row.meetingsHeld += 1;
    if (isPaperless(m)) row.meetingsPaperless += 1;
  }
  for (const p of adopted) {
    const row = at(p.closedAt!)!;
    row.resolutionsAdopted += 1;
    if (p.signedAt) row.resolutionsSigned += 1;
  }
  for (const d of sessionDocs) {
    const row = at(d.startsAt)!;
    row.sessionDocuments += 1;
    const hasPdf = d.confidentiality !== 'secret' && d.uploadedAt !== null;
    if (deliveredOnTime({ hasPdf, late: hasPdf && isLate(d.uploadedAt!, d, rules.sendAheadDays) })) row.documentsOnTime += 1;
  }
  for (const p of received) at(p.receivedAt)!.petitionsReceived += 1;
  for (const p of answered) {
    const row = at(p.answeredAt!)!;
    row.petitionsAnswered += 1;
    if (answeredOnTime({ answeredOn: vietnamToday(p.answeredAt!), deadline: p.deadline })) row.petitionsAnsweredOnTime += 1;
  }
  const doneOn = done.map((t) => t.doneOn!);
  for (const d of doneOn) {
    const row = at(d);
    if (row) row.supervisionDone += 1;
  }
  return { counts: [...byMonth.values()], supervisionDoneOn: doneOn };
}
