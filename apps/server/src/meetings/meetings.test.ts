import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { councils, users } from '@hopso/db/schema/index';
import { buildAgendaTree, type AgendaItem } from '@hopso/shared/agenda';
import { createTestApp, type TestApp } from '../testing.ts';

describe('meetings and agendas', () => {
  let t: TestApp;
  let secretary: string;
  let delegate: string;
  let councilId: string;
  let meetingId: string;
  const post = (path: string, body: unknown, cookie = secretary) => t.request('POST', path, { cookie, body });
  const agenda = async (): Promise<AgendaItem[]> => (await (await t.request('GET', `/api/meetings/${meetingId}`, { cookie: secretary })).json()).meeting.agenda;
  const outline = async () => {
    const lines: string[] = [];
    const walk = (nodes: ReturnType<typeof buildAgendaTree>) => nodes.forEach((n) => { lines.push(`${n.number} ${n.title}`); walk(n.children); });
    walk(buildAgendaTree(await agenda()));
    return lines;
  };

  beforeAll(async () => {
    t = await createTestApp();
    secretary = await t.login('thuky');
    delegate = await t.login('daibieu01');
    councilId = (await t.db.select().from(councils))[0]!.id;
  });
  afterAll(async () => { await t.close(); });

  it('creates a draft meeting that only the secretariat sees until it is published', async () => {
    const res = await post(`/api/councils/${councilId}/meetings`, {
      title: 'Phiên họp Thường trực tháng 12', kind: 'standing', startsAt: '2026-12-05T08:00:00+07:00', endsAt: '2026-12-05T11:30:00+07:00',
      place: 'Phòng họp UBND xã', onlineUrl: 'https://meet.tanphu.example.vn/tt12',
    });
    expect(res.status).toBe(201);
    const { meeting } = await res.json();
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ status: 'draft', startsAt: '2026-12-05T01:00:00.000Z', councilName: 'HĐND xã Tân Phú' });
    expect((await t.request('GET', `/api/meetings/${meetingId}`, { cookie: delegate })).status).toBe(404);
    const mine = (await (await t.request('GET', '/api/meetings', { cookie: delegate })).json()).meetings;
    expect(mine.map((m: { id: string }) => m.id)).not.toContain(meetingId);

    expect((await post(`/api/meetings/${meetingId}/publish`, undefined)).status).toBe(200);
    expect((await post(`/api/meetings/${meetingId}/publish`, undefined)).status).toBe(409);
    const seen = await (await t.request('GET', `/api/meetings/${meetingId}`, { cookie: delegate })).json();
    expect(seen.meeting).toMatchObject({ status: 'published', canManage: false });
  });

  it('keeps fields an update leaves out', async () => {
    await t.request('PATCH', `/api/meetings/${meetingId}`, { cookie: secretary, body: { closedSitting: true } });
    const res = await t.request('PATCH', `/api/meetings/${meetingId}`, { cookie: secretary, body: { place: 'Hội trường lớn' } });
    expect((await res.json()).meeting).toMatchObject({ place: 'Hội trường lớn', closedSitting: true, endsAt: '2026-12-05T04:30:00.000Z', onlineUrl: 'https://meet.tanphu.example.vn/tt12' });
  });

  it('validates meeting input with field errors', async () => {
    const res = await post(`/api/councils/${councilId}/meetings`, { title: 'x', kind: 'party', startsAt: 'tomorrow', place: '' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.fields).sort()).toEqual(['kind', 'place', 'startsAt', 'title']);
    const backwards = await post(`/api/councils/${councilId}/meetings`, { title: 'Họp', kind: 'standing', startsAt: '2026-12-05T08:00:00+07:00', endsAt: '2026-12-05T07:00:00+07:00', place: 'P1' });
    expect((await backwards.json()).fields.endsAt).toBeDefined();
  });

  it('builds a nested agenda and numbers it like a printed agenda', async () => {
    const a = (await (await post(`/api/meetings/${meetingId}/agenda`, { title: 'Báo cáo công tác tháng 11', presenter: 'Thường trực HĐND', durationMinutes: 30 })).json()).item;
    const b = (await (await post(`/api/meetings/${meetingId}/agenda`, { title: 'Chuẩn bị kỳ họp cuối năm', parentId: null })).json()).item;
    const b1 = (await (await post(`/api/meetings/${meetingId}/agenda`, { title: 'Dự kiến chương trình kỳ họp', parentId: b.id })).json()).item;
    await post(`/api/meetings/${meetingId}/agenda`, { title: 'Phân công chuẩn bị tài liệu', parentId: b1.id });
    expect(a.position).toBe(0);
    expect(await outline()).toEqual(['1 Báo cáo công tác tháng 11', '2 Chuẩn bị kỳ họp cuối năm', '2.1 Dự kiến chương trình kỳ họp', '2.1.1 Phân công chuẩn bị tài liệu']);
    expect(t.notified.filter((id) => id === meetingId).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses nesting deeper than three levels and moving an item under itself', async () => {
    const items = await agenda();
    const deepest = items.find((i) => i.title.startsWith('Phân công'))!;
    const tooDeep = await post(`/api/meetings/${meetingId}/agenda`, { title: 'Cấp bốn', parentId: deepest.id });
    expect(tooDeep.status).toBe(400);
    const b = items.find((i) => i.title.startsWith('Chuẩn bị'))!;
    const loop = await post(`/api/agenda-items/${b.id}/move`, { parentId: deepest.id, position: 0 });
    expect(loop.status).toBe(400);
    expect((await loop.json()).fields.parentId[0]).toEqual({ vi: 'Không thể chuyển một mục vào bên trong chính nó', en: 'An item cannot move under itself' });
  });

  it('moves, edits and deletes items, keeping positions gapless', async () => {
    let items = await agenda();
    const b1 = items.find((i) => i.title.startsWith('Dự kiến'))!;
    await post(`/api/agenda-items/${b1.id}/move`, { parentId: null, position: 0 });
    expect(await outline()).toEqual(['1 Dự kiến chương trình kỳ họp', '1.1 Phân công chuẩn bị tài liệu', '2 Báo cáo công tác tháng 11', '3 Chuẩn bị kỳ họp cuối năm']);
    const patched = await t.request('PATCH', `/api/agenda-items/${b1.id}`, { cookie: secretary, body: { title: 'Chương trình kỳ họp cuối năm', durationMinutes: 20 } });
    expect((await patched.json()).item).toMatchObject({ title: 'Chương trình kỳ họp cuối năm', durationMinutes: 20 });
    items = await agenda();
    const report = items.find((i) => i.title.startsWith('Báo cáo'))!;
    expect((await t.request('DELETE', `/api/agenda-items/${b1.id}`, { cookie: secretary })).status).toBe(200);
    expect(await outline()).toEqual(['1 Báo cáo công tác tháng 11', '2 Chuẩn bị kỳ họp cuối năm']);
    expect((await agenda()).find((i) => i.id === report.id)!.position).toBe(0);
  });

  it('replaces the invitation list with council members only', async () => {
    const [u1] = await t.db.select().from(users).where(eq(users.username, 'daibieu01'));
    const [u2] = await t.db.select().from(users).where(eq(users.username, 'daibieu02'));
    const put = (userIds: string[]) => t.request('PUT', `/api/meetings/${meetingId}/invitations`, { cookie: secretary, body: { userIds } });
    const res = await put([u2!.id, u2!.id]);
    expect((await res.json()).invitees.map((i: { fullName: string }) => i.fullName)).toEqual([u2!.fullName]);
    // daibieu01 is no longer invited: the meeting disappears for them.
    expect((await t.request('GET', `/api/meetings/${meetingId}`, { cookie: delegate })).status).toBe(404);
    expect((await put(['00000000-0000-4000-8000-000000000000'])).status).toBe(400);
    await put([u1!.id, u2!.id]);
    expect((await t.request('GET', `/api/meetings/${meetingId}`, { cookie: delegate })).status).toBe(200);
  });

  it('answers 404 for malformed and unknown ids', async () => {
    expect((await t.request('GET', '/api/meetings/not-a-uuid', { cookie: secretary })).status).toBe(404);
    expect((await t.request('GET', '/api/meetings/00000000-0000-4000-8000-000000000000', { cookie: secretary })).status).toBe(404);
    expect((await t.request('PATCH', '/api/agenda-items/00000000-0000-4000-8000-000000000000', { cookie: secretary, body: { title: 'abc' } })).status).toBe(404);
  });

  it('serves a personal ICS feed with the user\'s published meetings in UTC', async () => {
    const { url } = await (await t.request('GET', '/api/auth/calendar', { cookie: delegate })).json();
    const res = await t.request('GET', url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:${meetingId}@hopso`);
    expect(ics).toContain('DTSTART:20261205T010000Z');
    expect(ics).toContain('Phiên họp Thường trực tháng 12');
    expect((await t.request('GET', '/api/calendar/wrong-token-aaaaaaaaaaaaaaaaaaaa.ics')).status).toBe(404);
    expect((await t.request('GET', '/api/calendar/short.ics')).status).toBe(404);
  });
});
