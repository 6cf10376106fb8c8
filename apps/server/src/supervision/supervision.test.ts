import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import Papa from 'papaparse';
import { auditLog, councils, members, users } from '@hopso/db/schema/index';
import { councilSlug } from '@hopso/shared/portal';
import { publicSupervisionTopic, type SupervisionTopic } from '@hopso/shared/supervision';
import { createTestApp, type TestApp } from '../testing.ts';

// Supervision topics end to end through the API, on PGlite or PostgreSQL (TEST_DATABASE_URL): the plan with
// its delegation, schedule, documents, findings, recommendations and their follow-up, publication, and what
// the portal and the open data then show — and never before.

const now = new Date('2026-06-15T03:00:00Z'); // 10:00 on 15 June 2026 in Vietnam
let t: TestApp;
let councilId: string;
let slug: string;
let secretary: string;
let delegateIds: string[];
let clerkMemberId: string;
let pdf: Uint8Array;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  const [council] = await t.db.select().from(councils);
  councilId = council!.id;
  slug = councilSlug(council!.name);
  secretary = await t.login('thuky');
  const rows = await t.db.select({ id: members.id, role: members.role, username: users.username }).from(members).innerJoin(users, eq(users.id, members.userId)).where(eq(members.councilId, councilId));
  delegateIds = rows.filter((r) => r.role === 'chair' || r.role === 'delegate').map((r) => r.id);
  clerkMemberId = rows.find((r) => r.role === 'clerk')!.id;
  pdf = await (async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); })();
});
afterAll(async () => { await t.close(); });

const plan = (over: Record<string, unknown> = {}) => ({
  title: 'Giám sát việc giải quyết đơn thư, kiến nghị của cử tri năm 2026', scope: 'UBND xã và các thôn\nCông an xã',
  periodFrom: '2026-05-01', periodTo: '2026-06-30', members: [{ memberId: delegateIds[0], role: 'head' }, { memberId: delegateIds[3], role: 'member' }], ...over,
});

async function json<T = { ok: true; topic: SupervisionTopic }>(method: string, path: string, body?: unknown, cookie = secretary, expected = 200): Promise<T> {
  const res = await t.request(method, path, { cookie, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(expected);
  return res.json() as Promise<T>;
}
const create = (over: Record<string, unknown> = {}) => json('POST', `/api/councils/${councilId}/supervision`, plan(over), secretary, 201).then((r) => r.topic);
const upload = (topicId: string, query: Record<string, string>) => t.request('POST', `/api/supervision/${topicId}/documents?${new URLSearchParams(query)}`, {
  cookie: secretary, headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: pdf,
});

describe('supervision topics', () => {
  it('plans a topic with a delegation of the council’s delegates, head first', async () => {
    const topic = await create();
    expect(topic).toMatchObject({ status: 'planned', publishedAt: null, doneOn: null, followUp: { pending: 0, inProgress: 0, done: 0, overdue: 0 } });
    expect(topic.members.map((m) => m.role)).toEqual(['head', 'member']);
    expect(topic.headName).toBe(topic.members[0]!.fullName);
    expect(topic.publishBlockers).toEqual(['not_done', 'no_findings']);
    const { topics } = await json<{ topics: { id: string }[] }>('GET', `/api/councils/${councilId}/supervision`);
    expect(topics.map((x) => x.id)).toContain(topic.id);
  });

  it.each([
    ['a clerk in the delegation', () => plan({ members: [{ memberId: clerkMemberId, role: 'head' }] }), 'members'],
    ['a period ending before it starts', () => plan({ periodFrom: '2026-07-01' }), 'periodTo'],
    ['two heads', () => plan({ members: [{ memberId: delegateIds[0], role: 'head' }, { memberId: delegateIds[1], role: 'head' }] }), 'members'],
  ])('refuses %s with a 400 naming the field in both languages', async (_name, body, field) => {
    const res = await t.request('POST', `/api/councils/${councilId}/supervision`, { cookie: secretary, body: body() });
    expect(res.status).toBe(400);
    const error = await res.json();
    expect(error.fields[field][0]).toEqual({ vi: expect.any(String), en: expect.any(String) });
  });

  it('records schedule, documents and recommendations, each change audited', async () => {
    const topic = await create();
    let view = (await json('POST', `/api/supervision/${topic.id}/schedule`, { startsAt: '2026-05-20T08:00:00+07:00', place: 'Trụ sở UBND xã', subject: 'UBND xã Tân Phú', activity: 'Làm việc về kết quả giải quyết đơn thư' })).topic;
    expect(view.schedule).toEqual([expect.objectContaining({ startsAt: '2026-05-20T01:00:00.000Z', subject: 'UBND xã Tân Phú' })]);
    const up = await upload(topic.id, { title: 'Kế hoạch giám sát', kind: 'plan', public: 'true', filename: 'ke-hoach.pdf' });
    expect(up.status).toBe(201);
    view = (await up.json()).topic;
    expect(view.documents).toEqual([expect.objectContaining({ title: 'Kế hoạch giám sát', kind: 'plan', public: true, filename: 'ke-hoach.pdf', pageCount: 1 })]);
    const file = await t.request('GET', `/api/supervision/${topic.id}/documents/${view.documents[0]!.id}/file`, { cookie: await t.login('daibieu01') });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const notPdf = await t.request('POST', `/api/supervision/${topic.id}/documents?title=Rac`, { cookie: secretary, headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: new TextEncoder().encode('hello') });
    expect(notPdf.status).toBe(400);

    view = (await json('POST', `/api/supervision/${topic.id}/recommendations`, { content: 'Rà soát, giải quyết dứt điểm các đơn tồn đọng', addressee: 'UBND xã', dueOn: '2026-06-10' }, secretary, 201)).topic;
    view = (await json('POST', `/api/supervision/${topic.id}/recommendations`, { content: 'Công khai kết quả giải quyết đơn thư', addressee: 'UBND xã', dueOn: '2026-12-31' }, secretary, 201)).topic;
    expect(view.recommendations.map((r) => [r.position, r.followUp])).toEqual([[0, 'overdue'], [1, 'pending']]);
    const entries = await t.db.select().from(auditLog).where(and(like(auditLog.action, 'supervision.%'), eq(auditLog.targetId, topic.id)));
    expect(entries.map((e) => e.action).sort()).toEqual(['supervision.created', 'supervision.document', 'supervision.recommendation', 'supervision.recommendation', 'supervision.schedule']);
  });

  it('follows recommendations up: done today by default, overdue listed first council-wide', async () => {
    const topic = await create({ title: 'Giám sát công tác quản lý đất đai trên địa bàn xã' });
    let view = (await json('POST', `/api/supervision/${topic.id}/recommendations`, { content: 'Cập nhật biến động đất đai kịp thời', addressee: 'Công chức địa chính', dueOn: '2026-06-01' }, secretary, 201)).topic;
    const recId = view.recommendations[0]!.id;
    const { recommendations: overdue } = await json<{ recommendations: { id: string; followUp: string }[] }>('GET', `/api/councils/${councilId}/supervision/follow-up?status=overdue`);
    expect(overdue.map((r) => r.id)).toContain(recId);
    expect(overdue.every((r) => r.followUp === 'overdue')).toBe(true);
    view = (await json('PATCH', `/api/supervision/${topic.id}/recommendations/${recId}`, { status: 'done', progress: 'Đã cập nhật 42 trường hợp' })).topic;
    expect(view.recommendations[0]).toMatchObject({ status: 'done', followUp: 'done', doneOn: '2026-06-15', progress: 'Đã cập nhật 42 trường hợp' });
    view = (await json('PATCH', `/api/supervision/${topic.id}/recommendations/${recId}`, { status: 'inProgress' })).topic;
    expect(view.recommendations[0]).toMatchObject({ followUp: 'overdue', doneOn: null });
    expect((await t.request('GET', `/api/councils/${councilId}/supervision/follow-up?status=late`, { cookie: secretary })).status).toBe(400);
  });

  it('publishes only a finished report with findings; then the portal and open data show it, public documents only', async () => {
    const topic = await create({ title: 'Giám sát chuyên đề về xây dựng nông thôn mới Tamgiac' });
    const refused = await t.request('POST', `/api/supervision/${topic.id}/publish`, { cookie: secretary });
    expect(refused.status).toBe(409);
    expect((await refused.json()).fields.status).toBeTruthy();
    expect((await t.request('GET', `/cong-khai/${slug}/giam-sat/${topic.id}`)).status).toBe(404);
    expect((await t.request('GET', `/api/public/supervision/${topic.id}`)).status).toBe(404);
    const searchAndFeed = async () => Promise.all([`/cong-khai/${slug}/tim-kiem?q=Tamgiac`, `/cong-khai/${slug}/feed.xml`].map(async (p) => (await t.request('GET', p)).text()));
    for (const text of await searchAndFeed()) expect(text).not.toContain(topic.id);

    await upload(topic.id, { title: 'Báo cáo kết quả giám sát', kind: 'report', public: 'true' });
    await upload(topic.id, { title: 'Biên bản làm việc nội bộ', kind: 'other' });
    await json('POST', `/api/supervision/${topic.id}/recommendations`, { content: 'Hoàn thiện hồ sơ xã nông thôn mới nâng cao', addressee: 'UBND xã', dueOn: '2026-09-30' }, secretary, 201);
    const done = (await json('PATCH', `/api/supervision/${topic.id}`, { status: 'done', findings: 'Xã đạt 17/19 tiêu chí.\nCòn tiêu chí môi trường chưa đạt.' })).topic;
    expect(done).toMatchObject({ status: 'done', doneOn: '2026-06-15', publishBlockers: [] });
    const published = (await json('POST', `/api/supervision/${topic.id}/publish`)).topic;
    expect(published.publishedAt).toBe(now.toISOString());
    expect((await t.request('POST', `/api/supervision/${topic.id}/publish`, { cookie: secretary })).status).toBe(409);

    const list = await (await t.request('GET', `/cong-khai/${slug}/giam-sat`)).text();
    expect(list).toContain(`href="/cong-khai/${slug}/giam-sat/${topic.id}"`);
    const [search, feed] = await searchAndFeed();
    expect(search).toContain(`href="/cong-khai/${slug}/giam-sat/${topic.id}"`);
    expect(feed).toContain(`/cong-khai/${slug}/giam-sat/${topic.id}"/>`);
    const page = await t.request('GET', `/cong-khai/${slug}/giam-sat/${topic.id}?lang=vi`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Xã đạt 17/19 tiêu chí.');
    expect(html).toContain('Báo cáo kết quả giám sát');
    expect(html).not.toContain('Biên bản làm việc nội bộ');
    expect(html).toContain('Chưa thực hiện');
    expect(html).not.toMatch(/<script/i);
    expect(await (await t.request('GET', `/cong-khai/${slug}/giam-sat/${topic.id}?lang=en`)).text()).toContain('Not started');

    const { topic: open } = await json<{ topic: unknown }>('GET', `/api/public/supervision/${topic.id}`, undefined, '');
    const parsed = publicSupervisionTopic.parse(open);
    expect(parsed.documents.map((d) => d.title)).toEqual(['Báo cáo kết quả giám sát']);
    expect(parsed.delegation[0]).toEqual({ fullName: topic.members[0]!.fullName, role: 'head' });
    expect((await t.request('GET', parsed.documents[0]!.fileUrl)).headers.get('content-type')).toBe('application/pdf');
    const internal = done.documents.find((d) => !d.public)!;
    expect((await t.request('GET', `/api/public/supervision-documents/${internal.id}/file`)).status).toBe(404);

    const csv = await (await t.request('GET', `/api/public/councils/${councilId}/supervision-recommendations.csv`)).text();
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, '').trim(), { header: true }).data;
    expect(rows.filter((r) => r.topicId === topic.id).map((r) => [r.addressee, r.followUp])).toEqual([['UBND xã', 'pending']]);
    const topicsCsv = await (await t.request('GET', `/api/public/councils/${councilId}/supervision.csv`)).text();
    expect(topicsCsv).toContain(topic.id);

    // Published results stay a finished report and are never deleted.
    expect((await t.request('PATCH', `/api/supervision/${topic.id}`, { cookie: secretary, body: { status: 'ongoing' } })).status).toBe(409);
    expect((await t.request('DELETE', `/api/supervision/${topic.id}`, { cookie: secretary })).status).toBe(409);
  });

  it('renders every field inert on the portal', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const topic = await create({ title: `Giám sát ${evil}`, scope: evil });
    await json('POST', `/api/supervision/${topic.id}/recommendations`, { content: `Kiến nghị ${evil}`, addressee: evil, dueOn: null }, secretary, 201);
    await json('PATCH', `/api/supervision/${topic.id}`, { status: 'done', findings: evil });
    await json('POST', `/api/supervision/${topic.id}/publish`);
    for (const path of [`/cong-khai/${slug}/giam-sat/${topic.id}`, `/cong-khai/${slug}/giam-sat`, `/cong-khai/${slug}/tim-kiem?q=alert`, `/cong-khai/${slug}/feed.xml`]) {
      const html = await (await t.request('GET', path)).text();
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('deletes an unpublished topic; a clerk reads but may not change; a stranger’s id is a 404', async () => {
    const topic = await create({ title: 'Chuyên đề lập nhầm cần xóa bỏ' });
    const clerk = await t.login('chuyenvien');
    expect((await t.request('GET', `/api/supervision/${topic.id}`, { cookie: clerk })).status).toBe(200);
    expect((await t.request('PATCH', `/api/supervision/${topic.id}`, { cookie: clerk, body: { title: 'Đổi tên chuyên đề' } })).status).toBe(403);
    expect((await t.request('DELETE', `/api/supervision/${topic.id}`, { cookie: secretary })).status).toBe(200);
    expect((await t.request('GET', `/api/supervision/${topic.id}`, { cookie: secretary })).status).toBe(404);
    expect((await t.request('PATCH', `/api/supervision/${topic.id}`, { cookie: secretary, body: { title: 'Không còn tồn tại' } })).status).toBe(404);
  });
});
