import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { committees, consultationDocuments, consultationQuestions, consultationRecipients, consultations } from '@hopso/db/schema/index';
import { keepBytes } from '../documents/keep.ts';
import type { TestApp } from '../testing.ts';
import { closeConsultation } from './lifecycle.ts';
import { resolveBase } from './service.ts';
import type { CouncilActor } from '../authz-actors.ts';

/**
 * Consultation rows for tests that need them without the API (the authorization matrix): a draft the matrix
 * edits, a sent one asking Ban Pháp chế (daibieu01–05) with a document, a closed one with its frozen result
 * sheet for signing; `fresh…` make a new row per request for routes that send, close or delete what they act on.
 */
export async function consultationFixtures(t: TestApp, councilId: string) {
  const pdf = await (async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); })();
  const sha256 = await keepBytes(t.deps.blobs, pdf, { db: t.db, pageCount: 1 });
  const [committee] = await t.db.select({ id: committees.id }).from(committees).where(and(eq(committees.councilId, councilId), eq(committees.name, 'Ban Pháp chế')));
  const base = { councilId, baseKind: 'committee' as const, baseBodyId: committee!.id };
  const make = async (status: 'draft' | 'sent', deadline = new Date(Date.now() + 7 * 86_400_000)) => {
    const [row] = await t.db.insert(consultations).values({ ...base, title: 'Xin ý kiến thử quyền', deadline, status, sentAt: status === 'sent' ? new Date() : null }).returning();
    await t.db.insert(consultationQuestions).values({ consultationId: row!.id, position: 0, kind: 'opinion', text: 'Đồng ý chủ trương?' });
    if (status === 'sent') await t.db.insert(consultationRecipients).values((await resolveBase(t.db, base)).map((memberId) => ({ consultationId: row!.id, memberId })));
    return row!;
  };
  const document = async (consultationId: string) =>
    (await t.db.insert(consultationDocuments).values({ consultationId, title: 'Tờ trình', sha256, filename: 'to-trinh.pdf' }).returning())[0]!.id;
  const draft = await make('draft');
  const sent = await make('sent');
  const closed = await closeConsultation(t.deps, await make('sent', new Date(Date.now() - 60_000)), 'deadline');
  return {
    draft: draft.id, sent: sent.id, closed: closed.id, sentDocument: await document(sent.id), questionId: (await t.db.select().from(consultationQuestions).where(eq(consultationQuestions.consultationId, sent.id)))[0]!.id,
    committeeId: committee!.id,
    freshDraft: async () => (await make('draft')).id,
    freshSent: async () => (await make('sent')).id,
    freshDocument: () => document(draft.id),
  };
}
export type ConsultationFixtures = Awaited<ReturnType<typeof consultationFixtures>>;

const signedIn: CouncilActor[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest', 'outsider'];
const readers: CouncilActor[] = ['admin', 'chair', 'secretary', 'clerk'];
const managers: CouncilActor[] = ['admin', 'chair', 'secretary'];

/**
 * The consultation rows of the authorization matrix (authz.test.ts), one per registered route. The matrix's
 * delegate (daibieu01) is in Ban Pháp chế, so it is consulted in the sent fixture; nobody else in the matrix is.
 */
export function consultationAuthzRoutes(fx: () => ConsultationFixtures, councilId: () => string, meetingDocument: () => string, certificate: () => string) {
  const sent = () => `/api/consultations/${fx().sent}`;
  const draft = () => `/api/consultations/${fx().draft}`;
  const create = () => ({ title: 'Xin ý kiến kiểm tra quyền', baseKind: 'committee', baseBodyId: fx().committeeId, deadline: new Date(Date.now() + 86_400_000).toISOString(), questions: [{ kind: 'opinion', text: 'Đồng ý?' }] });
  return [
    { route: 'GET /api/councils/:councilId/consultations', path: () => `/api/councils/${councilId()}/consultations`, allowed: readers },
    { route: 'POST /api/councils/:councilId/consultations', path: () => `/api/councils/${councilId()}/consultations`, body: create, allowed: managers },
    { route: 'GET /api/consultations/mine', path: () => '/api/consultations/mine', allowed: signedIn },
    { route: 'GET /api/consultations/:consultationId', path: sent, allowed: [...readers, 'delegate'] as CouncilActor[] },
    { route: 'PATCH /api/consultations/:consultationId', path: draft, body: () => ({ description: 'Mô tả mới' }), allowed: managers },
    { route: 'DELETE /api/consultations/:consultationId', path: async () => `/api/consultations/${await fx().freshDraft()}`, allowed: managers },
    { route: 'POST /api/consultations/:consultationId/documents', path: () => `${draft()}/documents?title=To%20trinh`, pdf: true, allowed: managers },
    { route: 'POST /api/consultations/:consultationId/documents/attach', path: () => `${draft()}/documents/attach`, body: () => ({ documentId: meetingDocument() }), allowed: managers },
    { route: 'DELETE /api/consultations/:consultationId/documents/:documentId', path: async () => `${draft()}/documents/${await fx().freshDocument()}`, allowed: managers },
    { route: 'GET /api/consultations/:consultationId/documents/:documentId/file', path: () => `${sent()}/documents/${fx().sentDocument}/file`, allowed: [...readers, 'delegate'] as CouncilActor[] },
    { route: 'POST /api/consultations/:consultationId/send', path: async () => `/api/consultations/${await fx().freshDraft()}/send`, allowed: managers },
    { route: 'POST /api/consultations/:consultationId/close', path: async () => `/api/consultations/${await fx().freshSent()}/close`, allowed: managers },
    { route: 'PUT /api/consultations/:consultationId/response', path: () => `${sent()}/response`, body: () => ({ answers: [{ questionId: fx().questionId, choice: 'agree' }] }), allowed: ['delegate'] as CouncilActor[] },
    { route: 'GET /api/consultations/:consultationId/progress', path: () => `${sent()}/progress`, allowed: readers },
    { route: 'GET /api/consultations/:consultationId/result', path: () => `${sent()}/result`, allowed: readers },
    { route: 'GET /api/consultations/:consultationId/result.pdf', path: () => `${sent()}/result.pdf`, allowed: readers },
    { route: 'GET /api/consultations/:consultationId/result.xlsx', path: () => `${sent()}/result.xlsx`, allowed: readers },
    // Only the chair signs the result sheet (on behalf of the Standing Committee).
    { route: 'POST /api/consultations/:consultationId/signing', path: () => `/api/consultations/${fx().closed}/signing`, body: () => ({ certificates: [certificate()] }), allowed: ['chair'] as CouncilActor[] },
  ];
}
