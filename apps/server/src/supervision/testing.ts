import { and, eq, inArray } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { members, supervisionDocuments, supervisionRecommendations, supervisionSchedule, supervisionTopics } from '@hopso/db/schema/index';
import { keepBytes } from '../documents/keep.ts';
import type { TestApp } from '../testing.ts';
import type { CouncilActor } from '../authz-actors.ts';

/**
 * Supervision rows for tests that need them without going through the API (the authorization matrix): a
 * published topic with a public document, and an unpublished one the matrix edits; `fresh…` make a new row
 * per request for routes that remove or publish what they act on.
 */
export async function supervisionFixtures(t: TestApp, councilId: string) {
  const pdf = await (async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); })();
  const sha256 = await keepBytes(t.deps.blobs, pdf, { db: t.db, pageCount: 1 });
  const [head] = await t.db.select({ id: members.id }).from(members).where(and(eq(members.councilId, councilId), inArray(members.role, ['chair'])));
  const topic = async (over: Partial<typeof supervisionTopics.$inferInsert> = {}) => {
    const [row] = await t.db.insert(supervisionTopics).values({ councilId, title: 'Giám sát thử quyền', periodFrom: '2026-05-01', periodTo: '2026-06-30', ...over }).returning();
    return row!.id;
  };
  const document = async (topicId: string, isPublic = false) => {
    const [row] = await t.db.insert(supervisionDocuments).values({ topicId, title: 'Báo cáo', kind: 'report', public: isPublic, sha256, filename: 'bao-cao.pdf' }).returning();
    return row!.id;
  };
  const published = await topic({ status: 'done', findings: 'Kết quả', doneOn: '2026-06-30', publishedAt: new Date() });
  const editable = await topic();
  return {
    published, publicDocument: await document(published, true), editable, editableDocument: await document(editable), headMemberId: head!.id,
    recommendation: (await t.db.insert(supervisionRecommendations).values({ topicId: editable, position: 0, content: 'Kiến nghị thử', addressee: 'UBND xã' }).returning())[0]!.id,
    freshTopic: () => topic(),
    freshDoneTopic: () => topic({ status: 'done', findings: 'Kết quả', doneOn: '2026-06-30' }),
    freshDocument: () => document(editable),
    freshEntry: async () => (await t.db.insert(supervisionSchedule).values({ topicId: editable, startsAt: new Date(), place: 'Xã', subject: 'UBND xã' }).returning())[0]!.id,
    freshRecommendation: async () => (await t.db.insert(supervisionRecommendations).values({ topicId: editable, position: 9, content: 'Kiến nghị tạm', addressee: 'UBND xã' }).returning())[0]!.id,
  };
}
export type SupervisionFixtures = Awaited<ReturnType<typeof supervisionFixtures>>;

const everyone: CouncilActor[] = ['anonymous', 'admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest', 'outsider'];
const readers: CouncilActor[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate'];
const managers: CouncilActor[] = ['admin', 'chair', 'secretary'];

/** The supervision rows of the authorization matrix (authz.test.ts), one per registered route. */
export function supervisionAuthzRoutes(fx: () => SupervisionFixtures, councilId: () => string) {
  const topic = () => `/api/supervision/${fx().editable}`;
  return [
    { route: 'GET /api/councils/:councilId/supervision', path: () => `/api/councils/${councilId()}/supervision`, allowed: readers },
    { route: 'GET /api/councils/:councilId/supervision/follow-up', path: () => `/api/councils/${councilId()}/supervision/follow-up`, allowed: readers },
    { route: 'POST /api/councils/:councilId/supervision', path: () => `/api/councils/${councilId()}/supervision`, body: () => ({ title: 'Giám sát kiểm tra quyền', periodFrom: '2026-05-01', periodTo: '2026-06-01', members: [{ memberId: fx().headMemberId, role: 'head' }] }), allowed: managers },
    { route: 'GET /api/supervision/:topicId', path: topic, allowed: readers },
    { route: 'PATCH /api/supervision/:topicId', path: topic, body: () => ({ scope: 'Phạm vi mới' }), allowed: managers },
    { route: 'DELETE /api/supervision/:topicId', path: async () => `/api/supervision/${await fx().freshTopic()}`, allowed: managers },
    { route: 'POST /api/supervision/:topicId/publish', path: async () => `/api/supervision/${await fx().freshDoneTopic()}/publish`, allowed: managers },
    { route: 'POST /api/supervision/:topicId/schedule', path: () => `${topic()}/schedule`, body: () => ({ startsAt: '2026-05-20T08:00:00+07:00', place: 'Trụ sở', subject: 'UBND xã' }), allowed: managers },
    { route: 'DELETE /api/supervision/:topicId/schedule/:entryId', path: async () => `${topic()}/schedule/${await fx().freshEntry()}`, allowed: managers },
    { route: 'POST /api/supervision/:topicId/documents', path: () => `${topic()}/documents?title=Bao%20cao`, pdf: true, allowed: managers },
    { route: 'GET /api/supervision/:topicId/documents/:documentId/file', path: () => `${topic()}/documents/${fx().editableDocument}/file`, allowed: readers },
    { route: 'PATCH /api/supervision/:topicId/documents/:documentId', path: () => `${topic()}/documents/${fx().editableDocument}`, body: () => ({ public: true }), allowed: managers },
    { route: 'DELETE /api/supervision/:topicId/documents/:documentId', path: async () => `${topic()}/documents/${await fx().freshDocument()}`, allowed: managers },
    { route: 'POST /api/supervision/:topicId/recommendations', path: () => `${topic()}/recommendations`, body: () => ({ content: 'Kiến nghị kiểm tra quyền', addressee: 'UBND xã' }), allowed: managers },
    { route: 'PATCH /api/supervision/:topicId/recommendations/:recommendationId', path: () => `${topic()}/recommendations/${fx().recommendation}`, body: () => ({ status: 'inProgress' }), allowed: managers },
    { route: 'DELETE /api/supervision/:topicId/recommendations/:recommendationId', path: async () => `${topic()}/recommendations/${await fx().freshRecommendation()}`, allowed: managers },
    // Published results: everyone, signed in or not (supervision.test.ts checks that nothing unpublished shows).
    { route: 'GET /api/public/councils/:councilId/supervision', path: () => `/api/public/councils/${councilId()}/supervision`, allowed: everyone },
    { route: 'GET /api/public/councils/:councilId/supervision.csv', path: () => `/api/public/councils/${councilId()}/supervision.csv`, allowed: everyone },
    { route: 'GET /api/public/councils/:councilId/supervision-recommendations.csv', path: () => `/api/public/councils/${councilId()}/supervision-recommendations.csv`, allowed: everyone },
    { route: 'GET /api/public/supervision/:topicId', path: () => `/api/public/supervision/${fx().published}`, allowed: everyone },
    { route: 'GET /api/public/supervision-documents/:documentId/file', path: () => `/api/public/supervision-documents/${fx().publicDocument}/file`, allowed: everyone },
    { route: 'GET /cong-khai/:council/giam-sat', path: () => '/cong-khai/hdnd-xa-tan-phu/giam-sat', allowed: everyone },
    { route: 'GET /cong-khai/:council/giam-sat/:topicId', path: () => `/cong-khai/hdnd-xa-tan-phu/giam-sat/${fx().published}`, allowed: everyone },
  ];
}
