import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { agendaItems, meetingEvents, meetings } from '@hopso/db/schema/index';
import type { PublicRecordings, RecordingView } from '@hopso/shared/record';
import { createTestApp, type TestApp } from '../testing.ts';

describe('recordings with offsets per agenda item', () => {
  let t: TestApp;
  let meetingId: string;
  let items: { id: string }[];
  let secretary: string;
  const start = new Date('2026-12-15T01:00:00.000Z');
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  beforeAll(async () => {
    t = await createTestApp();
    const [m] = await t.db.select().from(meetings).where(eq(meetings.kind, 'regular'));
    meetingId = m!.id;
    items = await t.db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
    // The event log as the live session writes it: item 1 live 5 min after the recording starts, item 4 after an hour.
    await t.db.insert(meetingEvents).values([
      { meetingId, seq: 1, type: 'agenda.live', payload: { itemId: items[0]!.id, liveSince: at(300).toISOString() }, at: at(300) },
      { meetingId, seq: 2, type: 'agenda.live', payload: { itemId: items[3]!.id, liveSince: at(3600).toISOString() }, at: at(3600) },
      { meetingId, seq: 3, type: 'agenda.live', payload: { itemId: null, liveSince: null }, at: at(5000) },
    ]);
    secretary = await t.login('thuky');
  });
  afterAll(async () => { await t.close(); });

  const create = (cookie: string, body: unknown) => t.request('POST', `/api/meetings/${meetingId}/recordings`, { cookie, body });

  it('sets offsets automatically from when each item went live, and takes corrections by hand', async () => {
    const res = await create(secretary, { title: 'Phiên sáng', url: 'https://video.tanphu.example.vn/ky-hop/sang.mp4', startedAt: start.toISOString() });
    expect(res.status).toBe(201);
    const rec = (await res.json() as { recording: RecordingView }).recording;
    expect(rec.items.map((i) => [i.agendaItemId, i.offsetSeconds, i.source])).toEqual([[items[0]!.id, 300, 'auto'], [items[3]!.id, 3600, 'auto']]);

    const patched = await t.request('PATCH', `/api/recordings/${rec.id}`, { cookie: secretary, body: { offsets: { [items[1]!.id]: 1800 }, durationSeconds: 3000 } });
    expect(patched.status).toBe(200);
    // Item 4 went live after the end of a 3000 s recording: left out; item 2 now has a manual offset.
    expect(((await patched.json()) as { recording: RecordingView }).recording.items.map((i) => [i.offsetSeconds, i.source])).toEqual([[300, 'auto'], [1800, 'manual']]);
  });

  it('refuses unsafe links and agenda items of other meetings', async () => {
    expect((await create(secretary, { title: 'x', url: 'javascript:alert(1)' })).status).toBe(400);
    const [other] = await t.db.insert(meetings).values({ councilId: (await t.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0]!.councilId, kind: 'standing', title: 'Khác', startsAt: new Date(), place: 'P' }).returning();
    const [foreign] = await t.db.insert(agendaItems).values({ meetingId: other!.id, title: 'Mục khác', position: 0 }).returning();
    const res = await create(secretary, { title: 'x', url: 'https://v.example.vn/a.mp4', offsets: { [foreign!.id]: 5 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'validation', fields: { [`offsets.${foreign!.id}`]: expect.any(Array) } });
    // Editing checks the same: a bad link or a negative duration is a 400, not a stored value.
    const { recording } = await (await create(secretary, { title: 'Sửa', url: 'https://v.example.vn/c.mp4' })).json() as { recording: RecordingView };
    for (const body of [{ url: 'javascript:alert(1)' }, { durationSeconds: -5 }, { offsets: { [foreign!.id]: 5 } }]) {
      expect((await t.request('PATCH', `/api/recordings/${recording.id}`, { cookie: secretary, body })).status).toBe(400);
    }
    expect((await t.request('DELETE', `/api/recordings/${recording.id}`, { cookie: secretary })).status).toBe(200);
  });

  it('shows recordings to delegates read-only and to the public portal for public sessions only', async () => {
    const delegate = await t.login('daibieu02');
    const list = await t.request('GET', `/api/meetings/${meetingId}/recordings`, { cookie: delegate });
    expect(await list.json()).toMatchObject({ ok: true, canManage: false, livestreamUrl: 'https://tanphu.example.vn/truc-tiep', recordings: [{ title: 'Phiên sáng' }] });
    expect((await create(delegate, { title: 'x', url: 'https://v.example.vn/b.mp4' })).status).toBe(403);

    const open = await t.request('GET', `/api/public/meetings/${meetingId}/recordings`);
    expect(open.status).toBe(200);
    const body = await open.json() as PublicRecordings;
    expect(body).toMatchObject({ meetingId, livestreamUrl: 'https://tanphu.example.vn/truc-tiep', recordings: [{ title: 'Phiên sáng', items: [{ offsetSeconds: 300 }, { offsetSeconds: 1800 }] }] });
    // The portal's meeting page (no sign-in, works without JavaScript): the recording, and each item's start linked to that moment.
    const portalPage = `/cong-khai/hdnd-xa-tan-phu/ky-hop/${meetingId}`;
    const page = await (await t.request('GET', portalPage)).text();
    expect(page).toContain('<a href="https://video.tanphu.example.vn/ky-hop/sang.mp4" rel="noopener noreferrer">Phiên sáng</a>');
    expect(page).toMatch(/<a href="https:\/\/video\.tanphu\.example\.vn\/ky-hop\/sang\.mp4#t=300"[^>]*><time datetime="PT300S">5:00<\/time><\/a> 1\. /);
    expect(page).toContain('#t=1800" rel="noopener noreferrer"><time datetime="PT1800S">30:00</time></a> 2. ');

    await t.db.update(meetings).set({ closedSitting: true }).where(eq(meetings.id, meetingId));
    expect((await t.request('GET', `/api/public/meetings/${meetingId}/recordings`)).status).toBe(404);
    expect((await t.request('GET', portalPage)).status).toBe(404);
    await t.db.update(meetings).set({ closedSitting: false, status: 'draft' }).where(eq(meetings.id, meetingId));
    expect((await t.request('GET', `/api/public/meetings/${meetingId}/recordings`)).status).toBe(404);
    await t.db.update(meetings).set({ status: 'published' }).where(eq(meetings.id, meetingId));
  });

  it('removes a recording', async () => {
    const rec = (await (await create(secretary, { title: 'Tạm', url: 'https://v.example.vn/c.mp4' })).json() as { recording: RecordingView }).recording;
    expect((await t.request('DELETE', `/api/recordings/${rec.id}`, { cookie: secretary })).status).toBe(200);
    expect((await t.request('PATCH', `/api/recordings/${rec.id}`, { cookie: secretary, body: { title: 'x' } })).status).toBe(404);
  });
});
