import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, meetings, petitionAttachments, petitions } from '@hopso/db/schema/index';
import type { Petition, PetitionStats } from '@hopso/shared/petitions';
import { createTestApp, type TestApp } from '../testing.ts';
import { receivePetition } from './intake.ts';
import { answer, assign, classify, demoCouncil, petitionIn } from './testing.ts';

// The petition service behind the secretariat's API: intake on every channel, the workflow, lists,
// statistics, merge suggestions and rules. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.

let t: TestApp;
let councilId: string;
let clerk: string;
let secretary: string;
const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n');
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const road = { locality: 'Ấp Bình An', content: 'Đường liên thôn Bình An xuống cấp, đề nghị sửa chữa.' };

beforeAll(async () => {
  t = await createTestApp();
  ({ councilId } = await demoCouncil(t));
  [clerk, secretary] = await Promise.all([t.login('chuyenvien'), t.login('thuky')]);
});
afterAll(async () => { await t.close(); });

const act = (id: string, body: object, cookie = clerk) => t.request('POST', `/api/petitions/${id}/actions`, { cookie, body });
const detail = async (id: string) => (await (await t.request('GET', `/api/petitions/${id}`, { cookie: clerk })).json()) as { petition: Petition; actions: string[]; similar: { id: string }[]; suggestions: Record<string, { value: string }[]> };

describe('intake (receivePetition)', () => {
  it('stores a received petition with a tracking code and audits it without naming the submitter', async () => {
    const { id, code } = await receivePetition(t.deps, councilId, { ...road, submitterName: 'Nguyễn Thị Lan', submitterContact: '0912345678' }, 'web');
    expect(code).toMatch(/^KN-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const [row] = await t.db.select().from(petitions).where(eq(petitions.id, id));
    expect(row).toMatchObject({ status: 'received', channel: 'web', submitterName: 'Nguyễn Thị Lan', locality: 'Ấp Bình An' });
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'petition.received'), eq(auditLog.targetId, id)));
    expect(entry!.details).toMatchObject({ code, channel: 'web' });
    expect(JSON.stringify(entry)).not.toContain('Nguyễn Thị Lan');
    expect(JSON.stringify(entry)).not.toContain('0912345678');
  });

  it('receives a message an adapter delivers twice only once', async () => {
    const first = await receivePetition(t.deps, councilId, { ...road, externalRef: '<abc@mail.example.vn>' }, 'email');
    const again = await receivePetition(t.deps, councilId, { ...road, externalRef: '<abc@mail.example.vn>' }, 'email');
    expect(again).toEqual({ ...first, repeated: true });
  });

  it('keeps PDF and image attachments in the blob store, typed by their bytes', async () => {
    const { id } = await receivePetition(t.deps, councilId, { ...road, attachments: [{ filename: 'don.pdf', bytes: pdf }, { filename: '../../anh.png', bytes: png }, { filename: '', bytes: new Uint8Array() }] }, 'web');
    const files = await t.db.select().from(petitionAttachments).where(eq(petitionAttachments.petitionId, id));
    expect(files.map((f) => [f.filename, f.mime]).sort()).toEqual([['anh.png', 'image/png'], ['don.pdf', 'application/pdf']]);
    expect(await t.deps.blobs.read(files.find((f) => f.mime === 'application/pdf')!.sha256)).toEqual(pdf);
    const res = await t.request('GET', `/api/petitions/${id}/attachments/${files[0]!.id}`, { cookie: clerk });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it.each([
    ['an executable named .pdf', [{ filename: 'don.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0]) }]],
    ['four files', Array(4).fill({ filename: 'a.pdf', bytes: pdf })],
    ['a file over 5 MB', [{ filename: 'lon.pdf', bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(0x25) }]],
  ])('rejects %s and stores nothing', async (_, attachments) => {
    const before = (await t.db.select().from(petitions)).length;
    await expect(receivePetition(t.deps, councilId, { ...road, attachments }, 'web')).rejects.toMatchObject({ code: 'attachment_invalid' });
    expect((await t.db.select().from(petitions)).length).toBe(before);
  });

  it('applies the council’s required name and contact to the portal form only', async () => {
    const settings = { requireName: true, requireContact: true, answerDays: 20, intakeOpen: true };
    expect((await t.request('PUT', `/api/councils/${councilId}/petition-settings`, { cookie: secretary, body: { settings, rules: [] } })).status).toBe(200);
    await expect(receivePetition(t.deps, councilId, road, 'web')).rejects.toMatchObject({ code: 'validation', fields: { submitterName: [expect.anything()], submitterContact: [expect.anything()] } });
    await expect(receivePetition(t.deps, councilId, road, 'meeting')).resolves.toMatchObject({ repeated: false });
    await t.request('PUT', `/api/councils/${councilId}/petition-settings`, { cookie: secretary, body: { settings: { ...settings, requireName: false, requireContact: false, intakeOpen: false }, rules: [] } });
    await expect(receivePetition(t.deps, councilId, road, 'web')).rejects.toMatchObject({ code: 'intake_closed' });
    await t.request('PUT', `/api/councils/${councilId}/petition-settings`, { cookie: secretary, body: { settings: { ...settings, requireName: false, requireContact: false }, rules: [] } });
  });
});

describe('bulk entry from a voter-contact meeting', () => {
  it('receives the list as petitions of channel "meeting", dated the meeting day', async () => {
    const [meeting] = await t.db.select().from(meetings).where(eq(meetings.councilId, councilId));
    const res = await t.request('POST', `/api/councils/${councilId}/petitions`, { cookie: clerk, body: {
      meetingId: meeting!.id, receivedOn: '2026-03-02',
      items: [{ locality: 'Ấp 1', content: 'Đề nghị lắp đèn chiếu sáng đường ấp 1.' }, { locality: 'Ấp 2', content: 'Đề nghị nạo vét kênh thủy lợi ấp 2.', submitterName: 'Cử tri Trần Văn Hai' }],
    } });
    expect(res.status).toBe(201);
    const { petitions: made } = await res.json();
    expect(made).toHaveLength(2);
    const [row] = await t.db.select().from(petitions).where(eq(petitions.id, made[1].id));
    expect(row).toMatchObject({ channel: 'meeting', meetingId: meeting!.id, submitterName: 'Cử tri Trần Văn Hai' });
    expect(row!.receivedAt.toISOString()).toBe('2026-03-02T05:00:00.000Z');
  });

  it('is all or nothing, naming the bad item', async () => {
    const before = (await t.db.select().from(petitions)).length;
    const res = await t.request('POST', `/api/councils/${councilId}/petitions`, { cookie: clerk, body: { items: [road, { locality: 'Ấp 3', content: 'ngắn' }] } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fields['items.1.content'][0].vi).toMatch(/ít nhất 10 ký tự/);
    expect((await t.db.select().from(petitions)).length).toBe(before);
  });
});

describe('workflow', () => {
  it('classifies, assigns with a deadline, answers and publishes, auditing each step', async () => {
    const { id } = await petitionIn(t, councilId, road);
    expect((await detail(id)).actions).toEqual(['classify', 'close', 'merge']);
    expect((await act(id, { action: 'assign', agency: 'UBND xã', deadline: '2099-01-01' })).status).toBe(409);
    expect((await act(id, classify())).status).toBe(200);
    const past = await act(id, { action: 'assign', agency: 'UBND xã', deadline: '2020-01-01' });
    expect(past.status).toBe(400);
    expect((await past.json()).fields.deadline).toBeTruthy();
    expect((await act(id, assign('2099-01-01'))).status).toBe(200);
    expect((await act(id, answer())).status).toBe(200);
    const published = await act(id, { action: 'publish', summary: 'Đường liên thôn Bình An xuống cấp.' });
    expect(published.status).toBe(200);
    expect((await published.json()).petition).toMatchObject({ status: 'published', agency: 'Phòng Kinh tế', deadline: '2099-01-01', summary: 'Đường liên thôn Bình An xuống cấp.' });
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(trail.map((e) => e.action)).toEqual(['petition.received', 'petition.classified', 'petition.assigned', 'petition.answered', 'petition.published']);
    expect((await act(id, answer('Sửa sau khi công bố'))).status).toBe(409);
  });

  it('merges a petition into another, and the ones merged into it follow', async () => {
    const target = await petitionIn(t, councilId, road);
    const middle = await petitionIn(t, councilId, road);
    const early = await petitionIn(t, councilId, road, [{ action: 'merge', into: middle.id }]);
    expect((await act(middle.id, { action: 'merge', into: middle.id })).status).toBe(400);
    expect((await act(middle.id, { action: 'merge', into: target.id })).status).toBe(200);
    const [row] = await t.db.select().from(petitions).where(eq(petitions.id, early.id));
    expect(row!.mergedInto).toBe(target.id);
    expect((await detail(target.id)).petition.mergedCount).toBe(2);
    expect((await detail(middle.id)).petition).toMatchObject({ status: 'merged', mergedInto: { id: target.id, code: target.code } });
    expect((await act(target.id, { action: 'merge', into: middle.id })).status).toBe(400);
  });

  it('refuses a merge into another council’s petition', async () => {
    const other = await t.request('POST', '/api/councils', { cookie: await t.login('admin'), body: { name: 'HĐND xã Bên Cạnh', level: 'commune', locality: 'Xã Bên Cạnh' } });
    const theirs = await receivePetition(t.deps, (await other.json()).council.id, road, 'web');
    const mine = await petitionIn(t, councilId, road);
    expect((await act(mine.id, { action: 'merge', into: theirs.id })).status).toBe(400);
  });
});

describe('suggestions, lists, statistics', () => {
  it('suggests a field, agency and locality from the council’s keyword rules, and look-alike petitions', async () => {
    const rules = [{ kind: 'field', value: 'Thủy lợi', keywords: ['kênh', 'thủy lợi'] }, { kind: 'agency', value: 'Phòng Nông nghiệp', keywords: ['kenh'] }, { kind: 'locality', value: 'Ấp Phú Lợi', keywords: ['phú lợi'] }];
    expect((await t.request('PUT', `/api/councils/${councilId}/petition-settings`, { cookie: secretary, body: { settings: { requireName: false, requireContact: false, answerDays: 30, intakeOpen: true }, rules } })).status).toBe(200);
    const first = await petitionIn(t, councilId, { locality: 'Phú Lợi', content: 'Kênh thủy lợi ấp Phú Lợi bị bồi lắng, đề nghị nạo vét trước mùa mưa.' });
    const second = await petitionIn(t, councilId, { locality: 'Phú Lợi', content: 'Cử tri đề nghị nạo vét kênh thủy lợi ấp Phú Lợi bị bồi lắng.' });
    const d = await detail(second.id);
    expect([d.suggestions.field![0]!.value, d.suggestions.agency![0]!.value, d.suggestions.locality![0]!.value]).toEqual(['Thủy lợi', 'Phòng Nông nghiệp', 'Ấp Phú Lợi']);
    expect(d.similar.map((s) => s.id)).toContain(first.id);
    const groups = (await (await t.request('GET', `/api/councils/${councilId}/petitions/duplicates`, { cookie: clerk })).json()).groups as { petitions: { id: string }[] }[];
    expect(groups.some((g) => g.petitions[0]!.id === first.id && g.petitions.some((p) => p.id === second.id))).toBe(true);
  });

  it('filters the list by status, field and text, and lists the overdue ones', async () => {
    const late = await petitionIn(t, councilId, { locality: 'Ấp Muộn', content: 'Đề nghị sửa trạm bơm Hạn Chót bị hỏng.' }, [classify('Thủy lợi'), assign()]);
    await t.db.update(petitions).set({ deadline: '2026-01-05' }).where(eq(petitions.id, late.id));
    const list = async (query: string) => (await (await t.request('GET', `/api/councils/${councilId}/petitions?${query}`, { cookie: clerk })).json()) as { petitions: Petition[]; total: number };
    const overdue = await list('overdue=true');
    expect(overdue.petitions.map((p) => p.id)).toContain(late.id);
    expect(overdue.petitions.every((p) => p.overdue && p.status === 'assigned')).toBe(true);
    const all = await list('limit=200');
    expect(overdue.total).toBe(all.petitions.filter((p) => p.overdue).length);
    expect((await list('q=H%E1%BA%A1n%20Ch%C3%B3t')).petitions.map((p) => p.code)).toEqual([late.code]);
    const assigned = await list('status=assigned&field=Th%E1%BB%A7y%20l%E1%BB%A3i');
    expect(assigned.total).toBe(1);
    expect((await t.request('GET', `/api/councils/${councilId}/petitions?status=nope`, { cookie: clerk })).status).toBe(400);
  });

  it('counts by status, channel, field, locality and agency, with answers on time and late', async () => {
    const onTime = await petitionIn(t, councilId, { locality: 'Ấp Thống Kê', content: 'Đề nghị xây cầu qua kênh ấp Thống Kê.' }, [classify('Thống kê'), assign('2099-12-31'), answer()]);
    const late = await petitionIn(t, councilId, { locality: 'Ấp Thống Kê', content: 'Đề nghị mở rộng chợ ấp Thống Kê.' }, [classify('Thống kê'), assign()]);
    await t.db.update(petitions).set({ deadline: '2026-01-05' }).where(eq(petitions.id, late.id));
    await act(late.id, answer());
    const stats = (await (await t.request('GET', `/api/councils/${councilId}/petitions/stats`, { cookie: clerk })).json()).stats as PetitionStats;
    const field = stats.byField.find((f) => f.key === 'Thống kê')!;
    expect(field).toEqual({ key: 'Thống kê', total: 2, answered: 2, onTime: 1, overdue: 0 });
    expect(stats.byLocality.find((f) => f.key === 'Ấp Bình An')!.total).toBeGreaterThan(0);
    expect(stats.total).toBe((await t.db.select().from(petitions).where(eq(petitions.councilId, councilId))).length);
    expect(stats.byChannel.meeting).toBeGreaterThanOrEqual(2);
    expect(stats.answeredLate).toBeGreaterThanOrEqual(1);
    expect(onTime.code).not.toBe(late.code);
  });
});
