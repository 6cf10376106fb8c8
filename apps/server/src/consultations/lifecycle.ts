import { and, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { Db } from '@hopso/db/client';
import { consultationRecipients, consultations } from '@hopso/db/schema/index';
import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { appendAudit } from '../audit/log.ts';
import { keepBytes } from '../documents/keep.ts';
import { startPeriodic } from '../periodic.ts';
import { vnClock, vnDate } from '../minutes/format.ts';
import { escapeHtml } from '../notifications/html.ts';
import { notify, type NotificationMessage } from '../notifications/notify.ts';
import { loadResult, renderResult } from './result.ts';
import { progressOf, questionsOf, resolveBase, type ConsultationRow } from './service.ts';

const when = (d: Date) => `${vnClock(d)} ${vnDate(d)}`;
const whenEn = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function messages(userIds: string[], row: ConsultationRow, kind: 'sent' | 'reminder'): NotificationMessage[] {
  const link = `/consultations/${row.id}`;
  const vi = kind === 'sent'
    ? { subject: `Phiếu xin ý kiến: ${row.title}`, text: `Thường trực HĐND xin ý kiến về "${row.title}". Hạn trả lời: ${when(row.deadline)}.` }
    : { subject: `Nhắc trả lời phiếu xin ý kiến: ${row.title}`, text: `Đồng chí chưa trả lời phiếu xin ý kiến "${row.title}". Hạn trả lời: ${when(row.deadline)}.` };
  const en = kind === 'sent'
    ? { subject: `Written consultation: ${row.title}`, text: `Your opinion is requested on "${row.title}". Answer by ${whenEn(row.deadline)}.` }
    : { subject: `Reminder: consultation ${row.title}`, text: `You have not answered the consultation "${row.title}" yet. Answer by ${whenEn(row.deadline)}.` };
  const html = (m: { text: string }) => `<p>${escapeHtml(m.text)}</p>`;
  return userIds.map((userId) => ({ userId, link, vi: { ...vi, html: html(vi) }, en: { ...en, html: html(en) } }));
}

/** The reminder's occurrence key: one per consultation and offset, so restarts and several nodes never send it twice. */
export const reminderKey = (row: Pick<ConsultationRow, 'id' | 'reminderHours'>) => `${row.id}:${row.reminderHours}h`;

/**
 * Sends a draft: freezes the member base, moves it to `sent` and notifies each member, all in one
 * transaction (a second send, or one racing it, finds it no longer a draft).
 */
export async function sendConsultation(deps: Deps, row: ConsultationRow): Promise<void> {
  const now = deps.now();
  if (row.status !== 'draft') throw new AppError('consultation_state');
  if (row.deadline.getTime() <= now.getTime()) throw new AppError('consultation_state');
  if (!(await questionsOf(deps.db, row.id)).length) throw new AppError('consultation_state');
  const base = await resolveBase(deps.db, row);
  if (!base.length) throw new AppError('consultation_state');
  await deps.db.transaction(async (tx) => {
    const [moved] = await tx.update(consultations).set({ status: 'sent', sentAt: now, updatedAt: now })
      .where(and(eq(consultations.id, row.id), eq(consultations.status, 'draft'))).returning();
    if (!moved) throw new AppError('consultation_state');
    await tx.insert(consultationRecipients).values(base.map((memberId) => ({ consultationId: row.id, memberId })));
    const people = await progressOf(tx, row.id);
    await notify(tx, { councilId: row.councilId, event: 'consultation.sent', key: row.id, messages: messages(people.map((p) => p.userId), moved, 'sent') });
    await appendAudit(tx, { action: 'consultation.sent', councilId: row.councilId, targetType: 'consultation', targetId: row.id, details: { recipients: base.length, deadline: row.deadline.toISOString() } });
  });
}

/**
 * Closes a sent consultation: early by the secretariat (`actorId`), or at its deadline (no actor; closedAt
 * is the deadline). The row lock orders it with answers being saved: an answer either commits before the
 * close or is refused after it. Then the result sheet is frozen. Returns the row as it now is.
 */
export async function closeConsultation(deps: Deps, row: ConsultationRow, by: { actorId: string } | 'deadline'): Promise<ConsultationRow> {
  const closedAt = by === 'deadline' ? row.deadline : deps.now();
  const closed = await deps.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(consultations).where(eq(consultations.id, row.id)).for('update');
    if (locked?.status !== 'sent') return null;
    const [moved] = await tx.update(consultations).set({ status: 'closed', closedAt, updatedAt: deps.now() }).where(eq(consultations.id, row.id)).returning();
    await appendAudit(tx, {
      action: 'consultation.closed', councilId: row.councilId, targetType: 'consultation', targetId: row.id,
      ...(by === 'deadline' ? { actorId: null } : { actorId: by.actorId }), details: { early: by !== 'deadline', closedAt: closedAt.toISOString() },
    });
    return moved!;
  });
  const [now] = await deps.db.select().from(consultations).where(eq(consultations.id, row.id));
  return freezeResult(deps, closed ?? now!);
}

/** Renders the closed consultation's result sheet once and keeps it, with where the chair signs. */
export async function freezeResult(deps: Deps, row: ConsultationRow): Promise<ConsultationRow> {
  if (row.status !== 'closed' || row.resultSha256) return row;
  const { pdf, signatureField } = await renderResult(await loadResult(deps.db, row), { draft: false });
  const sha256 = await keepBytes(deps.blobs, pdf, { db: deps.db, pageCount: (await PDFDocument.load(pdf)).getPageCount() });
  const [done] = await deps.db.update(consultations).set({ resultSha256: sha256, resultSignatureField: signatureField })
    .where(and(eq(consultations.id, row.id), isNull(consultations.resultSha256))).returning();
  return done ?? (await deps.db.select().from(consultations).where(eq(consultations.id, row.id)))[0]!;
}

/** A sent consultation past its deadline is closed before anyone reads it; anything else as it is. */
export async function closeIfDue(deps: Deps, row: ConsultationRow): Promise<ConsultationRow> {
  if (row.status === 'sent' && row.deadline.getTime() <= deps.now().getTime()) return closeConsultation(deps, row, 'deadline');
  if (row.status === 'closed' && !row.resultSha256) return freezeResult(deps, row);
  return row;
}

/** Reminds the members who have not answered, once per consultation and offset (idempotent through notify's key). */
export async function remind(db: Db, row: ConsultationRow): Promise<number> {
  const missing = (await progressOf(db, row.id)).filter((p) => !p.answeredAt).map((p) => p.userId);
  const { created } = await notify(db, { councilId: row.councilId, event: 'consultation.reminder', key: reminderKey(row), messages: messages(missing, row, 'reminder') });
  return created;
}

/**
 * One scheduler tick (server.ts, every minute on every node): reminders for consultations inside their
 * reminder window, and closing those past their deadline. Safe to run anywhere, any number of times.
 */
export async function consultationTick(deps: Deps): Promise<{ reminded: number; closed: number }> {
  const now = deps.now();
  const open = await deps.db.select().from(consultations).where(and(eq(consultations.status, 'sent'), isNotNull(consultations.reminderHours), gt(consultations.deadline, now)));
  let reminded = 0;
  for (const row of open) {
    if (row.deadline.getTime() - row.reminderHours! * 3600_000 <= now.getTime()) reminded += await remind(deps.db, row);
  }
  const due = await deps.db.select().from(consultations).where(and(eq(consultations.status, 'sent'), lte(consultations.deadline, now)));
  for (const row of due) await closeConsultation(deps, row, 'deadline');
  return { reminded, closed: due.length };
}

/** Runs consultationTick now and every `everyMs` (server.ts); the returned stop waits for a running tick. */
export function startConsultationScheduler(deps: Deps, everyMs = 30_000): () => Promise<void> {
  return startPeriodic({
    everyMs, immediately: true, log: deps.log, failure: 'consultation tick failed',
    pass: () => consultationTick(deps).then((r) => { if (r.reminded || r.closed) deps.log.info('consultation reminders and closings', r); }),
  });
}
