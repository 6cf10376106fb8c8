import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { auditLog, committees, consultationResponses, consultations, councils, meetings, members, notifications, users } from '@hopso/db/schema/index';
import type { Consultation } from '@hopso/shared/consultation';
import { createTestApp, type TestApp } from '../testing.ts';
import { consultationTick } from './lifecycle.ts';

// Written consultations through the API, on PGlite or PostgreSQL (TEST_DATABASE_URL): a draft with its
// questions and documents, sending to the member base, answers (only from the base, editable until the
// deadline, one set per member), reminders, closing at the deadline, and the result sheet.

let clock = new Date('2026-06-15T03:00:00Z');
let t: TestApp;
let councilId: string;
let committeeId: string;
let secretary: string;
const cookies: Record<string, string> = {};
const hours = (n: number) => new Date(clock.getTime() + n * 3600_000).toISOString();

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  councilId = (await t.db.select().from(councils))[0]!.id;
  committeeId = (await t.db.select().from(committees).where(eq(committees.name, 'Ban Pháp chế')))[0]!.id;
  secretary = await t.login('thuky');
  for (const u of ['daibieu01', 'daibieu02', 'daibieu03', 'daibieu06', 'chutich']) cookies[u] = await t.login(u);
});
afterAll(async () => { await t.close(); });

const draftBody = (over: Record<string, unknown> = {}) => ({
  title: 'Xin ý kiến về chủ trương đầu tư đường liên thôn', baseKind: 'committee', baseBodyId: committeeId, deadline: hours(48),
  thresholdRule: 'adoption', reminderHours: 24,
  questions: [{ kind: 'opinion', text: 'Đồng ý chủ trương đầu tư?' }, { kind: 'choice', text: 'Chọn phương án tuyến', options: ['Tuyến A', 'Tuyến B'] }],
  ...over,
});

async function create(over: Record<string, unknown> = {}): Promise<Consultation> {
  const res = await t.request('POST', `/api/councils/${councilId}/consultations`, { cookie: secretary, body: draftBody(over) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).consultation;
}
async function sent(over: Record<string, unknown> = {}): Promise<Consultation> {
  const c = await create(over);
  const res = await t.request('POST', `/api/consultations/${c.id}/send`, { cookie: secretary });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).consultation;
}
const answer = (c: Consultation, user: string, choice: string, option = 0, opinion?: string) => t.request('PUT', `/api/consultations/${c.id}/response`, {
  cookie: cookies[user]!, body: { answers: [{ questionId: c.questions[0]!.id, choice, ...(opinion ? { opinion } : {}) }, { questionId: c.questions[1]!.id, option }] },
});

describe('preparing and sending', () => {
  it('creates a draft with its questions, attaches an uploaded PDF and refuses a base body of the wrong kind', async () => {
    const c = await create();
    expect(c).toMatchObject({ status: 'draft', baseKind: 'committee', recipients: 0, questions: [{ kind: 'opinion' }, { kind: 'choice', options: ['Tuyến A', 'Tuyến B'] }] });
    const doc = await PDFDocument.create(); doc.addPage();
    const up = await t.request('POST', `/api/consultations/${c.id}/documents?title=T%E1%BB%9D%20tr%C3%ACnh`, { cookie: secretary, headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: await doc.save() });
    expect(up.status).toBe(201);
    expect((await up.json()).consultation.documents).toMatchObject([{ title: 'Tờ trình' }]);
    const bad = await t.request('POST', `/api/councils/${councilId}/consultations`, { cookie: secretary, body: draftBody({ baseKind: 'group', baseBodyId: committeeId }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields.baseBodyId).toBeDefined();
  });

  it('edits a draft without resetting what the edit leaves out, attaches a meeting document but never a secret one, and deletes a draft', async () => {
    const c = await create();
    const edited = await (await t.request('PATCH', `/api/consultations/${c.id}`, { cookie: secretary, body: { description: 'Theo Tờ trình số 12/TTr-UBND' } })).json();
    expect(edited.consultation).toMatchObject({ description: 'Theo Tờ trình số 12/TTr-UBND', thresholdRule: 'adoption', reminderHours: 24, baseBodyId: committeeId });
    const [meeting] = await t.db.select().from(meetings).where(eq(meetings.kind, 'regular'));
    const pdf = await PDFDocument.create(); pdf.addPage();
    const clerk = await t.login('chuyenvien');
    const internal = (await (await t.upload(clerk, meeting!.id, await pdf.save(), { confidentiality: 'internal' })).json()).document.id;
    const secret = (await (await t.request('POST', `/api/meetings/${meeting!.id}/documents/secret`, { cookie: clerk, body: { title: 'Mật' } })).json()).document.id;
    const attached = await t.request('POST', `/api/consultations/${c.id}/documents/attach`, { cookie: secretary, body: { documentId: internal } });
    expect(attached.status).toBe(201);
    expect((await attached.json()).consultation.documents).toMatchObject([{ sourceDocumentId: internal }]);
    expect((await t.request('POST', `/api/consultations/${c.id}/documents/attach`, { cookie: secretary, body: { documentId: secret } })).status).toBe(403);
    expect((await t.request('DELETE', `/api/consultations/${c.id}`, { cookie: secretary })).status).toBe(200);
    expect(await t.db.select().from(consultations).where(eq(consultations.id, c.id))).toHaveLength(0);
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, c.id)).orderBy(asc(auditLog.seq));
    expect(audit.map((a) => a.action)).toEqual(['consultation.created', 'consultation.updated', 'consultation.updated', 'consultation.deleted']);
  });

  it('freezes the base when sent, notifies each member once, and cannot send twice', async () => {
    const c = await sent();
    expect(c).toMatchObject({ status: 'sent', recipients: 5, answered: 0 });
    const sentNotes = await t.db.select().from(notifications).where(and(eq(notifications.event, 'consultation.sent'), eq(notifications.key, c.id)));
    expect(sentNotes).toHaveLength(5);
    expect((await t.request('POST', `/api/consultations/${c.id}/send`, { cookie: secretary })).status).toBe(409);
    expect((await t.request('PATCH', `/api/consultations/${c.id}`, { cookie: secretary, body: { title: 'Khác' } })).status).toBe(409);
  });

  it('refuses to send with the deadline already past', async () => {
    const c = await create({ deadline: hours(-1) });
    const res = await t.request('POST', `/api/consultations/${c.id}/send`, { cookie: secretary });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('consultation_state');
  });

  it('sends to the Standing Committee: the chair and the vice-chair', async () => {
    const c = await sent({ baseKind: 'standingCommittee', baseBodyId: null });
    expect(c.recipients).toBe(2);
    const mine = await (await t.request('GET', '/api/consultations/mine', { cookie: cookies.chutich! })).json();
    expect(mine.consultations.map((x: { id: string }) => x.id)).toContain(c.id);
  });
});

describe('answering', () => {
  it('takes answers from the base only, keeps one set per member and lets it change until the deadline', async () => {
    const c = await sent();
    expect((await answer(c, 'daibieu01', 'agree')).status).toBe(200);
    const again = await answer(c, 'daibieu01', 'other', 1, 'Cần làm rõ nguồn vốn');
    expect(again.status).toBe(200);
    expect((await again.json()).consultation.myResponse.answers[c.questions[0]!.id]).toEqual({ choice: 'other', opinion: 'Cần làm rõ nguồn vốn' });
    const outsider = await answer(c, 'daibieu06', 'agree');
    expect(outsider.status).toBe(403);
    expect((await outsider.json()).code).toBe('not_consulted');
    const rows = await t.db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id));
    expect(rows).toHaveLength(1);
  });

  it('keeps one answer set per member even when two devices submit at once', async () => {
    const c = await sent();
    const results = await Promise.all([answer(c, 'daibieu02', 'agree'), answer(c, 'daibieu02', 'disagree')]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await t.db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))).toHaveLength(1);
  });

  it('has the database refuse a second answer row for the same member', async () => {
    const c = await sent();
    const [m] = await t.db.select({ id: members.id }).from(members).innerJoin(users, eq(users.id, members.userId)).where(eq(users.username, 'daibieu03'));
    await t.db.insert(consultationResponses).values({ consultationId: c.id, memberId: m!.id, answers: {} });
    await expect(t.db.insert(consultationResponses).values({ consultationId: c.id, memberId: m!.id, answers: {} })).rejects.toThrow();
  });

  it('refuses incomplete answers with a message per question', async () => {
    const c = await sent();
    const res = await t.request('PUT', `/api/consultations/${c.id}/response`, { cookie: cookies.daibieu01!, body: { answers: [{ questionId: c.questions[0]!.id, choice: 'other' }] } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.fields).sort()).toEqual([`answers.${c.questions[0]!.id}`, `answers.${c.questions[1]!.id}`].sort());
    expect(body.fields[`answers.${c.questions[0]!.id}`][0].vi).toBe('Nhập ý kiến khác.');
  });

  it('refuses answers at the deadline with a clear message, and closes the consultation then', async () => {
    const c = await sent({ deadline: hours(2) });
    expect((await answer(c, 'daibieu01', 'agree')).status).toBe(200);
    clock = new Date(Date.parse(c.deadline));
    try {
      const late = await answer(c, 'daibieu02', 'agree');
      expect(late.status).toBe(409);
      expect(await late.json()).toMatchObject({ code: 'consultation_closed', message: 'Đã hết hạn lấy ý kiến; không nhận hoặc sửa phiếu trả lời nữa.' });
      const [row] = await t.db.select().from(consultations).where(eq(consultations.id, c.id));
      expect(row).toMatchObject({ status: 'closed', closedAt: new Date(c.deadline) });
      expect(row!.resultSha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      clock = new Date('2026-06-15T03:00:00Z');
    }
  });
});

describe('reminders, progress and the result', () => {
  it('reminds only those who have not answered, once, however often the scheduler runs', async () => {
    const c = await sent({ deadline: hours(30), reminderHours: 24 });
    await answer(c, 'daibieu01', 'agree');
    expect((await consultationTick(t.deps)).reminded).toBe(0); // 30 h before the deadline: not yet
    clock = new Date(clock.getTime() + 7 * 3600_000);
    try {
      await consultationTick(t.deps);
      await consultationTick(t.deps);
      const notes = await t.db.select({ username: users.username }).from(notifications).innerJoin(users, eq(users.id, notifications.userId))
        .where(and(eq(notifications.event, 'consultation.reminder'), eq(notifications.key, `${c.id}:24h`)));
      expect(notes.map((n) => n.username).sort()).toEqual(['daibieu02', 'daibieu03', 'daibieu04', 'daibieu05']);
      const progress = await (await t.request('GET', `/api/consultations/${c.id}/progress`, { cookie: secretary })).json();
      expect(progress.members.filter((m: { answeredAt: string | null }) => m.answeredAt)).toHaveLength(1);
      expect(progress.members.filter((m: { reminded: boolean }) => m.reminded)).toHaveLength(4);
    } finally {
      clock = new Date('2026-06-15T03:00:00Z');
    }
  });

  it('counts against the whole base: 2 of 5 agreeing is not more than half, non-answers included', async () => {
    const c = await sent();
    await answer(c, 'daibieu01', 'agree', 1);
    await answer(c, 'daibieu02', 'agree', 1);
    await answer(c, 'daibieu03', 'other', 1, 'Đề nghị bổ sung đánh giá tác động');
    const closed = await t.request('POST', `/api/consultations/${c.id}/close`, { cookie: secretary });
    expect((await closed.json()).consultation).toMatchObject({ status: 'closed', canSign: false });
    const { tally } = await (await t.request('GET', `/api/consultations/${c.id}/result`, { cookie: secretary })).json();
    expect(tally.total).toBe(5);
    expect(tally.questions[0].counts.map((x: { share: { count: number } }) => x.share.count)).toEqual([2, 0, 1]);
    expect(tally.questions[0].notAnswered.count).toBe(2);
    expect(tally.questions[0].outcome).toEqual({ required: 3, met: false, winners: [] });
    expect(tally.questions[1].outcome).toEqual({ required: 3, met: true, winners: [1] });
    expect(tally.questions[0].opinions[0].text).toBe('Đề nghị bổ sung đánh giá tác động');
    const pdf = await t.request('GET', `/api/consultations/${c.id}/result.pdf`, { cookie: secretary });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()))).getPageCount()).toBeGreaterThan(0);
    const xlsx = await t.request('GET', `/api/consultations/${c.id}/result.xlsx`, { cookie: secretary });
    expect(xlsx.status).toBe(200);
    expect(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it('audits each step, naming who answered but not what', async () => {
    const [last] = await t.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq)).then((r) => r.slice(-1));
    const c = await sent();
    await answer(c, 'daibieu01', 'disagree');
    await t.request('POST', `/api/consultations/${c.id}/close`, { cookie: secretary });
    const entries = await t.db.select().from(auditLog).where(gt(auditLog.seq, last!.seq)).orderBy(asc(auditLog.seq));
    expect(entries.map((e) => e.action)).toEqual(['consultation.created', 'consultation.sent', 'consultation.answered', 'consultation.closed']);
    expect(JSON.stringify(entries[2]!.details)).not.toContain('disagree');
  });
});
