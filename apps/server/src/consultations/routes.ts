import { Hono } from 'hono';
import { and, desc, eq, ne } from 'drizzle-orm';
import {
  blobs, consultationDocuments, consultationRecipients, consultationResponses, consultations, documents, documentVersions, meetings, members,
} from '@hopso/db/schema/index';
import {
  answerProblems, attachDocumentRequest, consultationUploadQuery, createConsultationRequest, responseRequest, toAnswerSet, updateConsultationRequest,
  type AnswerProblem,
} from '@hopso/shared/consultation';
import { startSigningRequest } from '@hopso/shared/resolution';
import type { AuditEntryInput } from '@hopso/shared/audit';
import type { FieldErrors } from '@hopso/shared/errors';
import { AppError } from '../http/errors.ts';
import { attachment, sendPdf } from '../http/download.ts';
import { idParam, readJson, readQuery, requireUser, type AppContext, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { appendAudit } from '../audit/log.ts';
import { filenameOf, receivePdf } from '../documents/routes.ts';
import { maySign } from '../resolutions/service.ts';
import { startSigning } from '../resolutions/signing.ts';
import { contentTypes } from '../exports/formats.ts';
import { loadConsultation, type Loaded } from './access.ts';
import { closeConsultation, sendConsultation } from './lifecycle.ts';
import { answerText, loadResult, renderResult, resultXlsx } from './result.ts';
import { checkBase, consultationView, progressOf, questionsOf, setQuestions, summaries, type ConsultationRow } from './service.ts';
import { consultationSigner, consultationTarget } from './signing.ts';
import { remindedUsers } from './reminded.ts';

// /api/councils/:councilId/consultations and /api/consultations/… — written consultations (phiếu xin ý kiến):
// the secretariat prepares (consultation.manage), members of the base answer, the secretariat follows the
// progress and the result (consultation.read). Every change is audited in its own transaction.

function change<T>(c: AppContext, row: ConsultationRow, entry: Omit<AuditEntryInput, 'councilId'>, work: (tx: AppContext['var']['deps']['db']) => Promise<T>): Promise<T> {
  const { db, now } = c.var.deps;
  return db.transaction(async (tx) => {
    const result = await work(tx);
    await tx.update(consultations).set({ updatedAt: now() }).where(eq(consultations.id, row.id));
    await appendAudit(tx, { councilId: row.councilId, targetType: 'consultation', targetId: row.id, ...entry });
    return result;
  });
}

function draftOnly(row: ConsultationRow): void {
  if (row.status !== 'draft') throw new AppError('consultation_state');
}

async function viewOf(c: AppContext, loaded: Pick<Loaded, 'user' | 'role' | 'canManage'>, id: string, status: 200 | 201 = 200) {
  const { db, now } = c.var.deps;
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id));
  if (!row) throw new AppError('not_found');
  const consultation = await consultationView(db, row, { userId: loaded.user.id, canManage: loaded.canManage, canSign: maySign({ signerId: null }, loaded.user.id, loaded.role) }, now());
  return c.json({ ok: true as const, consultation }, status);
}

const problemText: Record<AnswerProblem['problem'], [string, string]> = {
  missing: ['Chưa trả lời câu hỏi này.', 'This question is not answered.'],
  unknownQuestion: ['Câu hỏi không thuộc phiếu này.', 'The question is not part of this consultation.'],
  badChoice: ['Chọn Đồng ý, Không đồng ý hoặc Ý kiến khác.', 'Choose agree, disagree or other opinion.'],
  badOption: ['Chọn một phương án.', 'Choose one of the options.'],
  opinionRequired: ['Nhập ý kiến khác.', 'Write the other opinion.'],
};

export const councilConsultationRoutes = new Hono<AppEnv>()
  .get('/:councilId/consultations', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'consultation.read', councilId);
    const rows = await c.var.deps.db.select().from(consultations).where(eq(consultations.councilId, councilId)).orderBy(desc(consultations.createdAt));
    return c.json({ ok: true as const, consultations: await summaries(c.var.deps.db, rows) });
  })
  .post('/:councilId/consultations', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user, role } = await authorizeCouncil(c, 'consultation.manage', councilId);
    const { questions, deadline, ...input } = await readJson(c, createConsultationRequest);
    const { db, now } = c.var.deps;
    await checkBase(db, councilId, input.baseKind, input.baseBodyId);
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(consultations).values({ councilId, ...input, deadline: new Date(deadline), createdBy: user.id, createdAt: now(), updatedAt: now() }).returning();
      await setQuestions(tx, row!.id, questions);
      await appendAudit(tx, { action: 'consultation.created', councilId, targetType: 'consultation', targetId: row!.id, details: { title: input.title, baseKind: input.baseKind, deadline, questions: questions.length } });
      return row!.id;
    });
    return viewOf(c, { user, role, canManage: true }, id, 201);
  });

export const consultationRoutes = new Hono<AppEnv>()
  // The member's page: every consultation they are asked in, open ones first.
  .get('/mine', async (c) => {
    const user = requireUser(c);
    const { db } = c.var.deps;
    const rows = await db.select({ c: consultations }).from(consultationRecipients)
      .innerJoin(members, eq(members.id, consultationRecipients.memberId)).innerJoin(consultations, eq(consultations.id, consultationRecipients.consultationId))
      .where(and(eq(members.userId, user.id), ne(consultations.status, 'draft'))).orderBy(desc(consultations.deadline));
    const mine = await db.select({ id: consultationResponses.consultationId, at: consultationResponses.updatedAt }).from(consultationResponses)
      .innerJoin(members, eq(members.id, consultationResponses.memberId)).where(eq(members.userId, user.id));
    const list = (await summaries(db, rows.map((r) => r.c))).map((s) => ({ ...s, answeredAt: mine.find((m) => m.id === s.id)?.at.toISOString() ?? null }));
    const now = c.var.deps.now().getTime();
    list.sort((a, b) => Number(a.status === 'closed' || Date.parse(a.deadline) <= now) - Number(b.status === 'closed' || Date.parse(b.deadline) <= now));
    return c.json({ ok: true as const, consultations: list });
  })
  .get('/:consultationId', async (c) => {
    const loaded = await loadConsultation(c, 'view');
    return viewOf(c, loaded, loaded.row.id);
  })
  .patch('/:consultationId', async (c) => {
    const loaded = await loadConsultation(c, 'manage');
    const { row } = loaded;
    draftOnly(row);
    const { questions, deadline, ...input } = await readJson(c, updateConsultationRequest);
    const baseKind = input.baseKind ?? row.baseKind;
    const baseBodyId = input.baseKind !== undefined ? input.baseBodyId ?? null : input.baseBodyId !== undefined ? input.baseBodyId : row.baseBodyId;
    if ((baseKind === 'committee' || baseKind === 'group') !== (baseBodyId !== null)) throw new AppError('validation', { fields: { baseBodyId: [{ vi: 'Chọn Ban hoặc Tổ đại biểu.', en: 'Choose the committee or group.' }] } });
    await checkBase(c.var.deps.db, row.councilId, baseKind, baseBodyId);
    await change(c, row, { action: 'consultation.updated', details: { changed: [...Object.keys(input), ...(questions ? ['questions'] : []), ...(deadline ? ['deadline'] : [])] } }, async (tx) => {
      const [moved] = await tx.update(consultations).set({ ...input, baseKind, baseBodyId, ...(deadline ? { deadline: new Date(deadline) } : {}) })
        .where(and(eq(consultations.id, row.id), eq(consultations.status, 'draft'))).returning({ id: consultations.id });
      if (!moved) throw new AppError('consultation_state');
      if (questions) await setQuestions(tx, row.id, questions);
    });
    return viewOf(c, loaded, row.id);
  })
  .delete('/:consultationId', async (c) => {
    const { row } = await loadConsultation(c, 'manage');
    const deleted = await c.var.deps.db.transaction(async (tx) => {
      const gone = await tx.delete(consultations).where(and(eq(consultations.id, row.id), eq(consultations.status, 'draft'))).returning({ id: consultations.id });
      if (gone.length) await appendAudit(tx, { action: 'consultation.deleted', councilId: row.councilId, targetType: 'consultation', targetId: row.id, details: { title: row.title } });
      return gone.length > 0;
    });
    if (!deleted) throw new AppError('consultation_state');
    return c.json({ ok: true as const });
  })
  .post('/:consultationId/documents', async (c) => {
    const loaded = await loadConsultation(c, 'manage');
    draftOnly(loaded.row);
    const { title } = readQuery(c, consultationUploadQuery);
    const pdf = await receivePdf(c);
    const filename = filenameOf(c, title);
    await change(c, loaded.row, { action: 'consultation.updated', details: { documentAdded: title, sha256: pdf.sha256 } }, async (tx) => {
      await tx.insert(blobs).values(pdf).onConflictDoNothing();
      await tx.insert(consultationDocuments).values({ consultationId: loaded.row.id, title, sha256: pdf.sha256, filename });
    });
    return viewOf(c, loaded, loaded.row.id, 201);
  })
  .post('/:consultationId/documents/attach', async (c) => {
    const loaded = await loadConsultation(c, 'manage');
    draftOnly(loaded.row);
    const { documentId } = await readJson(c, attachDocumentRequest);
    const { db } = c.var.deps;
    // A council document of this council, its current version; secret ones never leave paper.
    const [found] = await db.select({ id: documents.id, title: documents.title, confidentiality: documents.confidentiality })
      .from(documents).innerJoin(meetings, eq(meetings.id, documents.meetingId)).where(and(eq(documents.id, documentId), eq(meetings.councilId, loaded.row.councilId)));
    if (!found) throw new AppError('not_found');
    if (found.confidentiality === 'secret') throw new AppError('secret_document');
    const [version] = await db.select({ sha256: documentVersions.sha256, filename: documentVersions.filename }).from(documentVersions)
      .where(eq(documentVersions.documentId, found.id)).orderBy(desc(documentVersions.version)).limit(1);
    if (!version) throw new AppError('not_found');
    const doc = { ...found, ...version };
    await change(c, loaded.row, { action: 'consultation.updated', details: { documentAttached: doc.id, sha256: doc.sha256 } }, (tx) =>
      tx.insert(consultationDocuments).values({ consultationId: loaded.row.id, sourceDocumentId: doc.id, title: doc.title, sha256: doc.sha256, filename: doc.filename }));
    return viewOf(c, loaded, loaded.row.id, 201);
  })
  .delete('/:consultationId/documents/:documentId', async (c) => {
    const loaded = await loadConsultation(c, 'manage');
    draftOnly(loaded.row);
    const docId = idParam(c, 'documentId');
    const removed = await change(c, loaded.row, { action: 'consultation.updated', details: { documentRemoved: docId } }, (tx) =>
      tx.delete(consultationDocuments).where(and(eq(consultationDocuments.id, docId), eq(consultationDocuments.consultationId, loaded.row.id))).returning({ id: consultationDocuments.id }));
    if (!removed.length) throw new AppError('not_found');
    return viewOf(c, loaded, loaded.row.id);
  })
  .get('/:consultationId/documents/:documentId/file', async (c) => {
    const { row } = await loadConsultation(c, 'view');
    const [doc] = await c.var.deps.db.select().from(consultationDocuments).where(and(eq(consultationDocuments.id, idParam(c, 'documentId')), eq(consultationDocuments.consultationId, row.id)));
    if (!doc) throw new AppError('not_found');
    return sendPdf(c, await c.var.deps.blobs.read(doc.sha256), { name: doc.filename, disposition: 'inline', etag: doc.sha256 });
  })
  .post('/:consultationId/send', async (c) => {
    const loaded = await loadConsultation(c, 'manage');
    await sendConsultation(c.var.deps, loaded.row);
    c.var.log.info('consultation sent', { consultationId: loaded.row.id });
    return viewOf(c, loaded, loaded.row.id);
  })
  .post('/:consultationId/close', async (c) => {
    const loaded = await loadConsultation(c, 'manage');
    if (loaded.row.status !== 'sent') throw new AppError('consultation_state');
    await closeConsultation(c.var.deps, loaded.row, { actorId: loaded.user.id });
    return viewOf(c, loaded, loaded.row.id);
  })
  .put('/:consultationId/response', async (c) => {
    const loaded = await loadConsultation(c, 'answer');
    const { row, memberId } = loaded;
    if (row.status !== 'sent') throw new AppError('consultation_closed');
    const { answers } = await readJson(c, responseRequest);
    const questions = await questionsOf(c.var.deps.db, row.id);
    const problems = answerProblems(questions, answers);
    if (problems.length) {
      const fields: FieldErrors = {};
      for (const p of problems) (fields[`answers.${p.questionId}`] ??= []).push({ vi: problemText[p.problem][0], en: problemText[p.problem][1] });
      throw new AppError('validation', { fields });
    }
    const { db, now } = c.var.deps;
    await db.transaction(async (tx) => {
      // Shares the row lock with other answers; a close (FOR UPDATE) waits for them or they see it closed.
      const [locked] = await tx.select({ status: consultations.status, deadline: consultations.deadline }).from(consultations).where(eq(consultations.id, row.id)).for('share');
      if (locked?.status !== 'sent' || locked.deadline.getTime() <= now().getTime()) throw new AppError('consultation_closed');
      const set = toAnswerSet(questions, answers);
      await tx.insert(consultationResponses).values({ consultationId: row.id, memberId: memberId!, answers: set, submittedAt: now(), updatedAt: now() })
        .onConflictDoUpdate({ target: [consultationResponses.consultationId, consultationResponses.memberId], set: { answers: set, updatedAt: now() } });
      // Who answered, never what: the answers are in the result sheet, not the audit trail.
      await appendAudit(tx, { action: 'consultation.answered', councilId: row.councilId, targetType: 'consultation', targetId: row.id, details: { memberId } });
    });
    return viewOf(c, loaded, row.id);
  })
  .get('/:consultationId/progress', async (c) => {
    const { row } = await loadConsultation(c, 'read');
    const { db } = c.var.deps;
    const [people, reminded] = await Promise.all([progressOf(db, row.id), remindedUsers(db, row)]);
    const overdue = row.status === 'closed' || row.deadline.getTime() <= c.var.deps.now().getTime();
    return c.json({
      ok: true as const, status: row.status, deadline: row.deadline.toISOString(), overdue,
      members: people.map((p) => ({ memberId: p.memberId, fullName: p.fullName, title: p.title, answeredAt: p.answeredAt?.toISOString() ?? null, reminded: reminded.has(p.userId) })),
    });
  })
  .get('/:consultationId/result', async (c) => {
    const { row } = await loadConsultation(c, 'read');
    const r = await loadResult(c.var.deps.db, row);
    return c.json({
      ok: true as const, final: row.status === 'closed', threshold: r.threshold, baseLabel: r.baseLabel, tally: r.tally,
      people: r.people.map((p) => ({ memberId: p.memberId, fullName: p.fullName, answeredAt: p.answeredAt?.toISOString() ?? null, answers: r.questions.map((q) => answerText(q, p.answers?.[q.id])) })),
    });
  })
  .get('/:consultationId/result.pdf', async (c) => {
    const { row } = await loadConsultation(c, 'read');
    // Closed: the frozen sheet (signed and sealed once it is); still open: a draft of the counts so far.
    const sha = row.sealedSha256 ?? row.resultSha256;
    const bytes = sha ? await c.var.deps.blobs.read(sha) : (await renderResult(await loadResult(c.var.deps.db, row), { draft: true })).pdf;
    return sendPdf(c, bytes, { name: `ket-qua-lay-y-kien${row.sealedSha256 ? '-da-ky' : sha ? '' : '-du-thao'}.pdf`, disposition: c.req.query('inline') ? 'inline' : 'attachment', ...(sha ? { etag: sha } : {}), headers: { 'Cache-Control': 'private, no-store' } });
  })
  .get('/:consultationId/result.xlsx', async (c) => {
    const { row } = await loadConsultation(c, 'read');
    const bytes = await resultXlsx(await loadResult(c.var.deps.db, row));
    c.header('content-type', contentTypes.xlsx);
    c.header('content-disposition', attachment('ket-qua-lay-y-kien.xlsx'));
    c.header('cache-control', 'private, no-store');
    return c.body(new Uint8Array(bytes));
  })
  // Signing the closed result sheet: the resolutions' browser flow (the CMS comes back to /api/signing-sessions/:id/cms).
  .post('/:consultationId/signing', async (c) => {
    const { row, user, role } = await loadConsultation(c, 'view');
    if (!maySign({ signerId: null }, user.id, role)) throw new AppError('not_signer');
    const { certificates } = await readJson(c, startSigningRequest);
    const session = await startSigning(c.var.deps, consultationTarget(row), user.id, certificates, await consultationSigner(c.var.deps, row.councilId, user.id));
    return c.json({ ok: true as const, session }, 201);
  });

