import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt } from 'drizzle-orm';
import { auditLog, councils, invitations, meetings, members, users } from '@hopso/db/schema/index';
import { defaultRuleSet } from '@hopso/shared/rules';
import type { CommentsView, DraftComment } from '@hopso/shared/comments';
import type { MeetingDocument } from '@hopso/shared/document';
import { hashPassword } from '../auth/password.ts';
import { pdfText } from '../minutes/testing.ts';
import { createTestApp, type TestApp } from '../testing.ts';
import { blankPdf } from './testing.ts';

// Comments on drafts through the API, on PGlite or PostgreSQL (TEST_DATABASE_URL): who may comment and read
// what, the deadline, a replaced version, the agency's answers, the summary table filed as a meeting
// document, and the audit entries of each step.

let now = new Date('2026-06-10T03:00:00Z');
let t: TestApp;
let councilId: string;
let meetingId: string;
const cookies: Record<string, string> = {};
let agencyId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  councilId = (await t.db.select().from(councils))[0]!.id;
  meetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
  // A UBND officer with a guest account, invited to the session: the drafting agency's representative.
  const hash = await hashPassword('HopSo@2026');
  const [ubnd, other] = await t.db.insert(users).values([
    { username: 'ubnd', fullName: 'Chuyên viên UBND xã', passwordHash: hash, calendarToken: 'ubnd-calendar-token-0000000' },
    { username: 'mttq', fullName: 'Khách mời MTTQ', passwordHash: hash, calendarToken: 'mttq-calendar-token-0000000' },
  ]).returning();
  agencyId = ubnd!.id;
  await t.db.insert(members).values([{ councilId, userId: ubnd!.id, role: 'guest' }, { councilId, userId: other!.id, role: 'guest' }]);
  await t.db.insert(invitations).values([{ meetingId, userId: ubnd!.id }, { meetingId, userId: other!.id }]);
  for (const u of ['thuky', 'chuyenvien', 'daibieu01', 'daibieu02', 'chutich', 'ubnd', 'mttq']) cookies[u] = await t.login(u);
});
afterAll(async () => { await t.close(); });

async function call<T = unknown>(method: string, path: string, who: string, body?: unknown, expected = 200): Promise<T> {
  const res = await t.request(method, path, { cookie: cookies[who]!, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${method} ${path} as ${who}: ${await res.clone().text()}`).toBe(expected);
  return res.json() as Promise<T>;
}
const refused = async (method: string, path: string, who: string, body: unknown, status: number, code: string) => {
  const out = await call<{ code: string; message: string; messageEn: string }>(method, path, who, body, status);
  expect(out.code).toBe(code);
  expect(out.message && out.messageEn).toBeTruthy();
};

async function draft(pages = 3): Promise<string> {
  const res = await t.upload(cookies.chuyenvien!, meetingId, await blankPdf(pages), { title: 'Dự thảo Nghị quyết về kế hoạch đầu tư công', confidentiality: 'internal' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { document: { id: string } }).document.id;
}
const open = (doc: string, closesAt = '2026-06-20T17:00:00+07:00', agentUserIds = [agencyId]) =>
  call<CommentsView>('PUT', `/api/documents/${doc}/comment-period`, 'thuky', { closesAt, agencyName: 'UBND xã Tân Phú', agentUserIds });
const comment = (doc: string, who: string, body: Record<string, unknown>) =>
  call<{ comment: DraftComment }>('POST', `/api/documents/${doc}/comments`, who, body, 201).then((r) => r.comment);
const list = (doc: string, who: string) => call<CommentsView>('GET', `/api/documents/${doc}/comments`, who);

describe('comments on drafts', () => {
  it('refuses comments until the secretariat opens the period, and lets only the secretariat open it', async () => {
    const doc = await draft();
    await refused('POST', `/api/documents/${doc}/comments`, 'daibieu01', { page: 1, text: 'Sớm quá' }, 409, 'comments_not_open');
    await refused('PUT', `/api/documents/${doc}/comment-period`, 'daibieu01', { closesAt: '2026-06-20T17:00:00+07:00', agencyName: 'UBND xã' }, 403, 'forbidden');
    // A representative must be able to open the draft: a guest not invited to the meeting cannot.
    const [stranger] = await t.db.insert(users).values({ username: 'la', fullName: 'Người lạ', passwordHash: 'x', calendarToken: 'stranger-calendar-token-00' }).returning();
    await refused('PUT', `/api/documents/${doc}/comment-period`, 'thuky', { closesAt: '2026-06-20T17:00:00+07:00', agencyName: 'UBND xã', agentUserIds: [stranger!.id] }, 400, 'validation');
    const view = await open(doc);
    expect(view.settings).toMatchObject({ agencyName: 'UBND xã Tân Phú', agents: [{ userId: agencyId, fullName: 'Chuyên viên UBND xã' }], summaryDocumentId: null });
    expect(view.open).toBe(true);
    expect((await list(doc, 'daibieu01')).rights).toEqual({ comment: true, answer: false, manage: false });
    expect((await list(doc, 'ubnd')).rights).toEqual({ comment: false, answer: true, manage: false });
    expect((await list(doc, 'mttq')).rights).toEqual({ comment: false, answer: false, manage: false });
  });

  it('pins a comment to the version, page and anchor; a delegate reads only their own, the agency all, grouped by page', async () => {
    const doc = await draft();
    await open(doc);
    const mine = await comment(doc, 'daibieu01', { page: 2, quote: 'tổng mức đầu tư 12 tỷ đồng', section: 'Điều 2', text: 'Đề nghị làm rõ nguồn vốn.' });
    expect(mine).toMatchObject({ version: 1, page: 2, quote: 'tổng mức đầu tư 12 tỷ đồng', section: 'Điều 2', mine: true, answer: null });
    await comment(doc, 'daibieu02', { page: 1, text: 'Bổ sung căn cứ pháp lý.' });
    await comment(doc, 'chutich', { page: 2, section: 'Điều 1', text: 'Thống nhất với dự thảo.' });
    await refused('POST', `/api/documents/${doc}/comments`, 'daibieu01', { page: 4, text: 'Trang không có' }, 400, 'validation');
    await refused('POST', `/api/documents/${doc}/comments`, 'ubnd', { page: 1, text: 'Cơ quan soạn thảo' }, 403, 'forbidden');
    await refused('POST', `/api/documents/${doc}/comments`, 'thuky', { page: 1, text: 'Thư ký' }, 403, 'forbidden');
    expect((await list(doc, 'daibieu01')).comments.map((c) => c.text)).toEqual(['Đề nghị làm rõ nguồn vốn.']);
    expect((await list(doc, 'mttq')).comments).toEqual([]);
    const all = await list(doc, 'ubnd');
    expect(all.comments.map((c) => c.authorName)).toHaveLength(3);
    const { groupComments } = await import('@hopso/shared/comments');
    expect(groupComments(all.comments).map((g) => `${g.page}/${g.section ?? '-'}`)).toEqual(['1/-', '2/Điều 1', '2/Điều 2']);
  });

  it('tells the meeting room after each change (period, comment, edit, withdrawal, answer) and after none of the refusals', async () => {
    const doc = await draft();
    const since = () => t.commentsNotified.splice(0);
    since();
    await open(doc);
    const c = await comment(doc, 'daibieu01', { page: 1, text: 'Đề nghị bổ sung' });
    await call('PATCH', `/api/draft-comments/${c.id}`, 'daibieu01', { text: 'Đề nghị bổ sung căn cứ' });
    const gone = await comment(doc, 'daibieu02', { page: 2, text: 'Sẽ rút' });
    await call('DELETE', `/api/draft-comments/${gone.id}`, 'daibieu02');
    await call('PUT', `/api/draft-comments/${c.id}/answer`, 'ubnd', { kind: 'accepted', text: 'Tiếp thu' });
    expect(since()).toEqual(Array(6).fill(doc));
    await refused('POST', `/api/documents/${doc}/comments`, 'ubnd', { page: 1, text: 'Cơ quan soạn thảo' }, 403, 'forbidden');
    await refused('DELETE', `/api/draft-comments/${gone.id}`, 'daibieu02', undefined, 409, 'comment_state');
    await list(doc, 'ubnd');
    expect(since()).toEqual([]);
  });

  it('lets the author edit and withdraw until the deadline, then refuses clearly; others cannot touch it', async () => {
    const doc = await draft();
    await open(doc, '2026-06-11T17:00:00+07:00');
    const c = await comment(doc, 'daibieu01', { page: 1, text: 'Lần đầu' });
    await refused('PATCH', `/api/draft-comments/${c.id}`, 'daibieu02', { text: 'Không phải của tôi' }, 404, 'not_found');
    await refused('PATCH', `/api/draft-comments/${c.id}`, 'ubnd', { text: 'Cơ quan sửa' }, 403, 'forbidden');
    expect((await call<{ comment: DraftComment }>('PATCH', `/api/draft-comments/${c.id}`, 'daibieu01', { text: 'Đã sửa', section: 'Điều 4' })).comment).toMatchObject({ text: 'Đã sửa', section: 'Điều 4' });
    const gone = await comment(doc, 'daibieu01', { page: 2, text: 'Sẽ rút' });
    await call('DELETE', `/api/draft-comments/${gone.id}`, 'daibieu01');
    expect((await list(doc, 'ubnd')).comments.map((x) => x.id)).toEqual([c.id]);
    await refused('DELETE', `/api/draft-comments/${gone.id}`, 'daibieu01', undefined, 409, 'comment_state');
    const before = now;
    now = new Date('2026-06-11T10:00:00Z'); // 17:00 in Vietnam: closed
    try {
      expect((await list(doc, 'daibieu01')).open).toBe(false);
      await refused('POST', `/api/documents/${doc}/comments`, 'daibieu01', { page: 1, text: 'Muộn' }, 409, 'comments_closed');
      await refused('PATCH', `/api/draft-comments/${c.id}`, 'daibieu01', { text: 'Muộn' }, 409, 'comments_closed');
      await refused('DELETE', `/api/draft-comments/${c.id}`, 'daibieu01', undefined, 409, 'comments_closed');
      // The agency answers after the period, as it normally does.
      await call('PUT', `/api/draft-comments/${c.id}/answer`, 'ubnd', { kind: 'explained', text: 'Giữ nguyên vì đúng quy định.' });
    } finally { now = before; }
  });

  it('refuses comments on a replaced version and shows the old ones as on that version', async () => {
    const doc = await draft();
    await open(doc);
    const old = await comment(doc, 'daibieu01', { version: 1, page: 3, quote: 'khoản 3', text: 'Sửa khoản 3.' });
    const res = await t.request('POST', `/api/documents/${doc}/versions`, { cookie: cookies.chuyenvien!, headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: await blankPdf(2) });
    expect(res.status).toBe(200);
    await refused('POST', `/api/documents/${doc}/comments`, 'daibieu01', { version: 1, page: 1, text: 'Trên bản cũ' }, 409, 'comment_outdated');
    await refused('PATCH', `/api/draft-comments/${old.id}`, 'daibieu01', { text: 'Sửa trên bản cũ' }, 409, 'comment_outdated');
    const fresh = await comment(doc, 'daibieu01', { page: 2, text: 'Trên bản mới' });
    expect(fresh.version).toBe(2);
    const view = await list(doc, 'daibieu01');
    expect(view.currentVersion).toBe(2);
    expect(view.comments.map((c) => [c.version, c.page, c.quote])).toEqual([[1, 3, 'khoản 3'], [2, 2, null]]);
  });

  it('records the agency’s answer, shows it to the author, refuses answering a withdrawn comment and editing an answered one', async () => {
    const doc = await draft();
    await open(doc);
    const c = await comment(doc, 'daibieu01', { page: 1, text: 'Đề nghị bổ sung tiến độ.' });
    await refused('PUT', `/api/draft-comments/${c.id}/answer`, 'daibieu02', { kind: 'accepted', text: 'x' }, 404, 'not_found');
    await refused('PUT', `/api/draft-comments/${c.id}/answer`, 'daibieu01', { kind: 'accepted', text: 'x' }, 403, 'forbidden');
    await refused('PUT', `/api/draft-comments/${c.id}/answer`, 'ubnd', { kind: 'maybe', text: 'x' }, 400, 'validation');
    const answered = await call<{ comment: DraftComment }>('PUT', `/api/draft-comments/${c.id}/answer`, 'ubnd', { kind: 'accepted', text: 'Đã bổ sung tại Điều 3.' });
    expect(answered.comment.answer).toMatchObject({ kind: 'accepted', text: 'Đã bổ sung tại Điều 3.', answeredBy: agencyId });
    expect((await list(doc, 'daibieu01')).comments[0]!.answer).toMatchObject({ kind: 'accepted', text: 'Đã bổ sung tại Điều 3.' });
    await refused('PATCH', `/api/draft-comments/${c.id}`, 'daibieu01', { text: 'Đổi ý' }, 409, 'comment_state');
    // The secretariat may answer for the agency too, and an answer may be corrected.
    await call('PUT', `/api/draft-comments/${c.id}/answer`, 'thuky', { kind: 'explained', text: 'Tiến độ đã có tại Phụ lục.' });
    const w = await comment(doc, 'daibieu02', { page: 1, text: 'Rút lại' });
    await call('DELETE', `/api/draft-comments/${w.id}`, 'daibieu02');
    await refused('PUT', `/api/draft-comments/${w.id}/answer`, 'ubnd', { kind: 'accepted', text: 'x' }, 409, 'comment_state');
  });

  it('files the summary table with the meeting’s documents, replaced by a new version when made again, names per council rule', async () => {
    const doc = await draft();
    await open(doc);
    const c = await comment(doc, 'daibieu01', { page: 2, section: 'Điều 2', text: 'Đề nghị giảm quy mô dự án.' });
    await call('PUT', `/api/draft-comments/${c.id}/answer`, 'ubnd', { kind: 'accepted', text: 'Đã điều chỉnh quy mô.' });
    await refused('POST', `/api/documents/${doc}/comment-summary`, 'daibieu01', undefined, 403, 'forbidden');
    const first = await call<{ document: MeetingDocument }>('POST', `/api/documents/${doc}/comment-summary`, 'ubnd', undefined, 201);
    expect(first.document).toMatchObject({ confidentiality: 'internal', current: { version: 1 } });
    expect(first.document.title).toContain('Bảng tổng hợp');
    const { documents } = await call<{ documents: MeetingDocument[] }>('GET', `/api/meetings/${meetingId}/documents`, 'daibieu02');
    expect(documents.map((d) => d.id)).toContain(first.document.id);
    const text = await pdfText(await t.deps.blobs.read(first.document.current!.sha256));
    for (const s of ['BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH', 'Đề nghị giảm quy mô dự án.', 'Đã điều chỉnh quy mô.', 'Tiếp thu', 'Trang 2, Điều 2', 'Nguyễn']) expect(text).toContain(s);
    expect((await list(doc, 'thuky')).settings!.summaryDocumentId).toBe(first.document.id);
    // The council says "Đại biểu" only: the next version names nobody.
    await call('PUT', `/api/councils/${councilId}/rules`, 'thuky', { ...defaultRuleSet, commentSummaryNames: false });
    const author = (await list(doc, 'ubnd')).comments[0]!.authorName;
    const second = await call<{ document: MeetingDocument }>('POST', `/api/documents/${doc}/comment-summary`, 'thuky');
    expect(second.document).toMatchObject({ id: first.document.id, current: { version: 2 } });
    const again = await pdfText(await t.deps.blobs.read(second.document.current!.sha256));
    expect(again).toContain('Đại biểu');
    expect(again).not.toContain(author);
    await call('PUT', `/api/councils/${councilId}/rules`, 'thuky', defaultRuleSet);
  });

  it('appends an audit entry for each comment, change, withdrawal, answer, period and summary', async () => {
    const [last] = await t.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(auditLog.seq).then((r) => r.slice(-1));
    const doc = await draft();
    await open(doc);
    const c = await comment(doc, 'daibieu01', { page: 1, text: 'Ghi nhật ký' });
    await call('PATCH', `/api/draft-comments/${c.id}`, 'daibieu01', { text: 'Ghi nhật ký (sửa)' });
    const w = await comment(doc, 'daibieu01', { page: 1, text: 'Rút' });
    await call('DELETE', `/api/draft-comments/${w.id}`, 'daibieu01');
    await call('PUT', `/api/draft-comments/${c.id}/answer`, 'ubnd', { kind: 'explained', text: 'Giải trình' });
    await call('POST', `/api/documents/${doc}/comment-summary`, 'ubnd', undefined, 201);
    const entries = await t.db.select().from(auditLog).where(and(gt(auditLog.seq, last!.seq))).orderBy(auditLog.seq);
    const ours = entries.filter((e) => e.action.startsWith('comment.'));
    expect(ours.map((e) => e.action)).toEqual(['comment.periodChanged', 'comment.added', 'comment.updated', 'comment.added', 'comment.withdrawn', 'comment.answered', 'comment.summaryGenerated']);
    expect(ours.find((e) => e.action === 'comment.answered')).toMatchObject({ actorId: agencyId, meetingId, councilId, targetId: c.id, details: { kind: 'explained', documentId: doc } });
  });
});
