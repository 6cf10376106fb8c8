import { inArray } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { documents, documentVersions, draftCommentAgents, draftCommentPeriods, draftComments, users } from '@hopso/db/schema/index';
import { keepBytes } from '../documents/keep.ts';
import type { TestApp } from '../testing.ts';
import { attendees, type Actor } from '../authz-actors.ts';

/** A PDF of `pages` blank pages, for drafts to comment on. */
export async function blankPdf(pages = 3): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  for (let i = 0; i < pages; i++) d.addPage();
  return d.save();
}

/**
 * A draft of the meeting open for comments until next year, with the invited guest `agentUsername` answering for
 * the drafting agency, and a comment of daibieu01's; `freshComment` makes one per request for routes that
 * withdraw or answer what they act on. For the authorization matrix, without going through the API.
 */
export async function commentFixtures(t: TestApp, meetingId: string, agentUsername: string) {
  const pdf = await blankPdf(3);
  const sha256 = await keepBytes(t.deps.blobs, pdf, { db: t.db, pageCount: 3 });
  const [doc] = await t.db.insert(documents).values({ meetingId, title: 'Dự thảo nghị quyết (góp ý)', confidentiality: 'internal' }).returning();
  await t.db.insert(documentVersions).values({ documentId: doc!.id, version: 1, sha256, filename: 'du-thao.pdf' });
  const people = await t.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['daibieu01', agentUsername]));
  const idOf = (u: string) => people.find((p) => p.username === u)!.id;
  const closesAt = new Date(Date.now() + 365 * 24 * 3600_000);
  await t.db.insert(draftCommentPeriods).values({ documentId: doc!.id, closesAt, agencyName: 'UBND xã Tân Phú' });
  await t.db.insert(draftCommentAgents).values({ documentId: doc!.id, userId: idOf(agentUsername) });
  const freshComment = async () => (await t.db.insert(draftComments).values({ documentId: doc!.id, version: 1, page: 2, text: 'Góp ý thử quyền', authorId: idOf('daibieu01') }).returning())[0]!.id;
  return {
    document: doc!.id, agentId: idOf(agentUsername), closesAt: closesAt.toISOString(), comment: await freshComment(), freshComment,
  };
}
export type CommentFixtures = Awaited<ReturnType<typeof commentFixtures>>;

const documentManagers: Actor[] = ['admin', 'secretary', 'clerk'];
/** The secretariat and the representative of the drafting agency (the invited guest). */
const answerers: Actor[] = [...documentManagers, 'invitedGuest'];

/** The rows of the authorization matrix (authz.test.ts) for comments on drafts, one per registered route. */
export function commentAuthzRoutes(fx: () => CommentFixtures) {
  const doc = () => `/api/documents/${fx().document}`;
  return [
    // Everyone who reads the meeting may ask; a delegate gets their own comments back, the agency every one.
    { route: 'GET /api/documents/:documentId/comments', path: () => `${doc()}/comments`, allowed: attendees },
    { route: 'PUT /api/documents/:documentId/comment-period', path: () => `${doc()}/comment-period`, body: () => ({ closesAt: fx().closesAt, agencyName: 'UBND xã Tân Phú', agentUserIds: [fx().agentId] }), allowed: documentManagers },
    // Delegates of the council (the chair among them) comment; nobody else, not even an administrator.
    { route: 'POST /api/documents/:documentId/comments', path: () => `${doc()}/comments`, body: () => ({ page: 1, text: 'Góp ý kiểm tra quyền' }), allowed: ['chair', 'delegate'] as Actor[] },
    { route: 'POST /api/documents/:documentId/comment-summary', path: () => `${doc()}/comment-summary`, allowed: answerers },
    // A comment is changed and withdrawn by its author only (daibieu01).
    { route: 'PATCH /api/draft-comments/:commentId', path: () => `/api/draft-comments/${fx().comment}`, body: () => ({ text: 'Góp ý đã sửa' }), allowed: ['delegate'] as Actor[] },
    { route: 'DELETE /api/draft-comments/:commentId', path: async () => `/api/draft-comments/${await fx().freshComment()}`, allowed: ['delegate'] as Actor[] },
    { route: 'PUT /api/draft-comments/:commentId/answer', path: async () => `/api/draft-comments/${await fx().freshComment()}/answer`, body: () => ({ kind: 'accepted', text: 'Tiếp thu' }), allowed: answerers },
  ];
}
