import { and, asc, eq, inArray, isNotNull, isNull, max, or } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { questions, users } from '@hopso/db/schema/index';
import type { LivePayload, QuestionPhase, QuestionView } from '@hopso/shared/live';
import type { MeetingRow } from '../meetings/access.ts';
import { LiveError, lockRunningMeeting, type Outcome } from './commands.ts';
import { appendEvent, rulesOf } from './state.ts';

type Row = typeof questions.$inferSelect;

export async function questionViews(db: Db, meetingId: string, ids?: string[]): Promise<QuestionView[]> {
  const rows = await db.select({ q: questions, askerName: users.fullName }).from(questions)
    .innerJoin(users, eq(users.id, questions.askerId))
    .where(and(eq(questions.meetingId, meetingId), ids ? inArray(questions.id, ids) : undefined))
    .orderBy(asc(questions.position));
  return rows.map(({ q, askerName }) => ({
    id: q.id, askerId: q.askerId, askerName, addressee: q.addressee, content: q.content, parentId: q.parentId, status: q.status,
    mergedInto: q.mergedInto, position: q.position, answerText: q.answerText, answeredOrally: q.answeredOrally,
    answeredAt: q.answeredAt?.toISOString() ?? null, writtenAnswerDue: q.writtenAnswerDue?.toISOString() ?? null, submittedAt: q.submittedAt.toISOString(),
    questionStartedAt: q.questionStartedAt?.toISOString() ?? null, questionEndedAt: q.questionEndedAt?.toISOString() ?? null, questionLimitSeconds: q.questionLimitSeconds,
    answerStartedAt: q.answerStartedAt?.toISOString() ?? null, answerEndedAt: q.answerEndedAt?.toISOString() ?? null, answerLimitSeconds: q.answerLimitSeconds,
  }));
}

async function changed(db: Db, meetingId: string, ids: string[]): Promise<Outcome<{ questions: QuestionView[] }>> {
  const list = await questionViews(db, meetingId, ids);
  return { events: [await appendEvent(db, meetingId, 'question', { questions: list })], result: { questions: list } };
}

async function lockQuestion(db: Db, meetingId: string, questionId: string): Promise<Row> {
  const [row] = await db.select().from(questions).where(eq(questions.id, questionId)).for('update');
  if (!row || row.meetingId !== meetingId) throw new LiveError('not_found');
  return row;
}

/** A delegate registers a question to an official (or a follow-up to an earlier one); it waits for moderation. */
export async function submit(db: Db, meeting: MeetingRow, askerId: string, input: Required<LivePayload<'question.submit'>>, now: Date) {
  return db.transaction(async (tx) => {
    await lockRunningMeeting(tx, meeting.id);
    if (input.parentId) await lockQuestion(tx, meeting.id, input.parentId);
    const [last] = await tx.select({ p: max(questions.position) }).from(questions).where(eq(questions.meetingId, meeting.id));
    const [row] = await tx.insert(questions).values({
      meetingId: meeting.id, askerId, addressee: input.addressee, content: input.content, parentId: input.parentId, position: (last?.p ?? -1) + 1, submittedAt: now,
    }).returning();
    return changed(tx, meeting.id, [row!.id]);
  });
}

/** The Standing Committee's moderation: approve, reject, merge into a question on the same topic, or move in the order. */
export async function moderate(db: Db, meeting: MeetingRow, input: LivePayload<'question.moderate'>) {
  return db.transaction(async (tx) => {
    const row = await lockQuestion(tx, meeting.id, input.questionId);
    if (input.action === 'approve' || input.action === 'reject') {
      if (row.status !== 'submitted') throw new LiveError('conflict');
      await tx.update(questions).set({ status: input.action === 'approve' ? 'approved' : 'rejected' }).where(eq(questions.id, row.id));
      return changed(tx, meeting.id, [row.id]);
    }
    if (input.action === 'merge') {
      if (!input.mergeInto || input.mergeInto === row.id) throw new LiveError('validation');
      await lockQuestion(tx, meeting.id, input.mergeInto);
      await tx.update(questions).set({ status: 'merged', mergedInto: input.mergeInto }).where(eq(questions.id, row.id));
      return changed(tx, meeting.id, [row.id]);
    }
    if (input.position === undefined) throw new LiveError('validation');
    const all = await tx.select().from(questions).where(eq(questions.meetingId, meeting.id)).orderBy(asc(questions.position)).for('update');
    const rest = all.filter((q) => q.id !== row.id);
    rest.splice(Math.min(input.position, rest.length), 0, row);
    const moved: string[] = [];
    for (const [position, q] of rest.entries()) {
      if (q.position === position) continue;
      await tx.update(questions).set({ position }).where(eq(questions.id, q.id));
      moved.push(q.id);
    }
    return changed(tx, meeting.id, moved);
  });
}

/** Records the official's answer (oral at the sitting, with or without text); recorded for the minutes. */
export async function answer(db: Db, meeting: MeetingRow, input: Required<LivePayload<'question.answer'>>, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockQuestion(tx, meeting.id, input.questionId);
    if (row.status !== 'approved' && row.status !== 'submitted') throw new LiveError('conflict');
    await tx.update(questions).set({ status: 'answered', answerText: input.answerText || null, answeredOrally: input.oral, answeredAt: now, writtenAnswerDue: null, ...endRunning(row, now) }).where(eq(questions.id, row.id));
    return changed(tx, meeting.id, [row.id]);
  });
}

/** Leaves an unanswered question for a written answer, due after the council's set number of days. */
export async function defer(db: Db, meeting: MeetingRow, questionId: string, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockQuestion(tx, meeting.id, questionId);
    if (row.status === 'answered' || row.status === 'rejected' || row.status === 'merged') throw new LiveError('conflict');
    const { writtenAnswerDays } = await rulesOf(tx, meeting.councilId);
    await tx.update(questions).set({ writtenAnswerDue: new Date(now.getTime() + writtenAnswerDays * 86400_000), ...endRunning(row, now) }).where(eq(questions.id, row.id));
    return changed(tx, meeting.id, [row.id]);
  });
}

/** The end times to set on a question whose question or answer time is still running. */
function endRunning(row: Row, now: Date): Partial<Row> {
  return {
    ...(row.questionStartedAt && !row.questionEndedAt ? { questionEndedAt: now } : {}),
    ...(row.answerStartedAt && !row.answerEndedAt ? { answerEndedAt: now } : {}),
  };
}

/**
 * Starts the time of an approved question: the delegate asking it, or the official answering (which ends
 * the asking). Each part is timed once, with the council's limit fixed as it starts; one question holds the
 * floor at a time, so whatever else was running in the meeting ends now. The times go to the minutes.
 */
export async function startTimer(db: Db, meeting: MeetingRow, questionId: string, phase: QuestionPhase, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockQuestion(tx, meeting.id, questionId);
    if (row.status !== 'approved') throw new LiveError('conflict');
    if ((phase === 'question' ? row.questionStartedAt : row.answerStartedAt) !== null) throw new LiveError('conflict');
    const running = await tx.select().from(questions).where(and(eq(questions.meetingId, meeting.id), or(
      and(isNotNull(questions.questionStartedAt), isNull(questions.questionEndedAt)),
      and(isNotNull(questions.answerStartedAt), isNull(questions.answerEndedAt)))));
    for (const r of running) await tx.update(questions).set(endRunning(r, now)).where(eq(questions.id, r.id));
    const { questionSeconds, answerSeconds } = await rulesOf(tx, meeting.councilId);
    await tx.update(questions).set(phase === 'question'
      ? { questionStartedAt: now, questionLimitSeconds: questionSeconds }
      : { answerStartedAt: now, answerLimitSeconds: answerSeconds }).where(eq(questions.id, row.id));
    return changed(tx, meeting.id, [...new Set([...running.map((r) => r.id), row.id])]);
  });
}

/** Stops the running question or answer time of a question. */
export async function stopTimer(db: Db, meeting: MeetingRow, questionId: string, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockQuestion(tx, meeting.id, questionId);
    const end = endRunning(row, now);
    if (!Object.keys(end).length) throw new LiveError('conflict');
    await tx.update(questions).set(end).where(eq(questions.id, row.id));
    return changed(tx, meeting.id, [row.id]);
  });
}
