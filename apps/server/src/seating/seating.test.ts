import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { attendance, auditLog, councils, meetings, users } from '@hopso/db/schema/index';
import type { MeetingEvent } from '@hopso/shared/live';
import type { VenueLayout } from '@hopso/shared/seating';
import { createTestApp, type TestApp } from '../testing.ts';

const layout: VenueLayout = { rows: 3, seatsPerRow: 6, presidiumSeats: 3, blocks: [{ name: 'Khu A', fromSeat: 1, toSeat: 3 }, { name: 'Khu B', fromSeat: 4, toSeat: 6 }], gaps: ['C-6'] };

describe('seating plan', () => {
  let t: TestApp;
  let councilId: string;
  let meetingId: string;
  let secretary: string;
  let delegate: string;
  let venueId: string;
  const id = async (username: string) => (await t.db.select().from(users).where(eq(users.username, username)))[0]!.id;

  beforeAll(async () => {
    t = await createTestApp();
    councilId = (await t.db.select().from(councils))[0]!.id;
    meetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
    [secretary, delegate] = await Promise.all([t.login('thuky'), t.login('daibieu01')]);
  });
  afterAll(async () => { await t.close(); });

  it('draws a venue and lists it with its seat count', async () => {
    const res = await t.request('POST', `/api/councils/${councilId}/venues`, { cookie: secretary, body: { name: 'Hội trường UBND xã', layout } });
    expect(res.status).toBe(201);
    const { venue } = await res.json();
    venueId = venue.id;
    expect(venue.seatCount).toBe(3 + 3 * 6 - 1);
    const list = await (await t.request('GET', `/api/councils/${councilId}/venues`, { cookie: secretary })).json();
    expect(list.venues.map((v: { name: string }) => v.name)).toContain('Hội trường UBND xã');
  });

  it('refuses a layout with overlapping blocks, naming the field in both languages', async () => {
    const res = await t.request('POST', `/api/councils/${councilId}/venues`, { cookie: secretary, body: { name: 'Phòng họp', layout: { ...layout, blocks: [{ name: 'A', fromSeat: 1, toSeat: 4 }, { name: 'B', fromSeat: 4, toSeat: 6 }] } } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fields['layout.blocks.1.fromSeat'][0]).toMatchObject({ vi: expect.stringContaining('chồng'), en: expect.stringContaining('overlaps') });
  });

  it('refuses a second venue with the same name', async () => {
    const res = await t.request('POST', `/api/councils/${councilId}/venues`, { cookie: secretary, body: { name: 'Hội trường UBND xã', layout } });
    expect(res.status).toBe(409);
  });

  it('assigns a seat per meeting and refuses the same seat twice with a clear message', async () => {
    expect((await t.request('PUT', `/api/meetings/${meetingId}/seating/venue`, { cookie: secretary, body: { venueId } })).status).toBe(200);
    const a = await t.request('PUT', `/api/meetings/${meetingId}/seating/seats`, { cookie: secretary, body: { userId: await id('daibieu01'), label: 'a-2' } });
    expect(a.status).toBe(200);
    const twice = await t.request('PUT', `/api/meetings/${meetingId}/seating/seats`, { cookie: secretary, body: { userId: await id('daibieu02'), label: 'A-2' } });
    expect(twice.status).toBe(409);
    const body = await twice.json();
    expect(body).toMatchObject({ code: 'seat_taken', message: expect.stringContaining('Ghế này'), messageEn: expect.stringContaining('seat') });
    const gap = await t.request('PUT', `/api/meetings/${meetingId}/seating/seats`, { cookie: secretary, body: { userId: await id('daibieu02'), label: 'C-6' } });
    expect(gap.status).toBe(400);
  });

  it('gives a seat to one of two secretaries assigning it at the same moment', async () => {
    const [a, b] = await Promise.all(['daibieu05', 'daibieu06'].map(async (u) =>
      t.request('PUT', `/api/meetings/${meetingId}/seating/seats`, { cookie: secretary, body: { userId: await id(u), label: 'B-5' } })));
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const seating = await (await t.request('GET', `/api/meetings/${meetingId}/seating`, { cookie: secretary })).json();
    expect(seating.seating.invitees.filter((i: { label: string | null }) => i.label === 'B-5')).toHaveLength(1);
  });

  it('auto-assigns everyone else in plan order, the chair in the presidium', async () => {
    const res = await t.request('POST', `/api/meetings/${meetingId}/seating/auto`, { cookie: secretary });
    expect(res.status).toBe(200);
    const { seating, unseated } = await res.json() as { seating: { invitees: { userId: string; label: string | null }[] }; unseated: string[] };
    const seatOf = async (u: string) => { const uid = await id(u); return seating.invitees.find((i) => i.userId === uid)?.label; };
    expect(await seatOf('chutich')).toBe('CT-1');
    expect(await seatOf('daibieu01')).toBe('A-2');
    const labels = seating.invitees.map((i) => i.label).filter(Boolean);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.length + unseated.length).toBe(seating.invitees.length);
  });

  it('refuses a layout change that would remove assigned seats, and deleting a venue in use', async () => {
    const smaller = await t.request('PUT', `/api/venues/${venueId}`, { cookie: secretary, body: { name: 'Hội trường UBND xã', layout: { ...layout, rows: 1, gaps: [] } } });
    expect(smaller.status).toBe(409);
    expect((await smaller.json()).code).toBe('venue_in_use');
    expect((await t.request('DELETE', `/api/venues/${venueId}`, { cookie: secretary })).status).toBe(409);
  });

  it('lets a delegate read the plan and their own seat, never change it', async () => {
    expect((await t.request('GET', `/api/meetings/${meetingId}/seating`, { cookie: delegate })).status).toBe(200);
    const me = await (await t.request('GET', `/api/meetings/${meetingId}/checkin/me`, { cookie: delegate })).json();
    expect(me.checkin.seat).toBe('A-2');
    expect((await t.request('PUT', `/api/meetings/${meetingId}/seating/seats`, { cookie: delegate, body: { userId: await id('daibieu01'), label: null } })).status).toBe(403);
  });

  it('audits venue and seat changes', async () => {
    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.councilId, councilId))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['seating.venue', 'seating.assigned']));
  });
});

describe('QR check-in', () => {
  let t: TestApp;
  let meetingId: string;
  let otherMeetingId: string;
  let secretary: string;
  let clock = new Date();
  let userIdOf10 = '';
  const published: MeetingEvent[] = [];
  const id = async (username: string) => (await t.db.select().from(users).where(eq(users.username, username)))[0]!.id;
  const codeOf = async (username: string, meeting = meetingId) => (await (await t.request('GET', `/api/meetings/${meeting}/checkin/me`, { cookie: await t.login(username) })).json()).checkin.code as string;
  const scan = (code: string, cookie = secretary, meeting = meetingId) => t.request('POST', `/api/meetings/${meeting}/checkin`, { cookie, body: { code } });

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    t.deps.publishLive = (events) => { published.push(...events); };
    meetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
    otherMeetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'thematic')))[0]!.id;
    // The second meeting is open for check-in too, so only the code's meeting can refuse it.
    await t.db.update(meetings).set({ status: 'published' }).where(eq(meetings.id, otherMeetingId));
    secretary = await t.login('thuky');
    userIdOf10 = await id('daibieu10');
  });
  afterAll(async () => { await t.close(); });

  it('checks a delegate in through the attendance command, with the quorum event for every screen', async () => {
    const res = await scan(await codeOf('daibieu03'));
    expect(res.status).toBe(200);
    expect((await res.json()).checkin).toMatchObject({ kind: 'attendee', fullName: expect.any(String), status: 'present' });
    const [row] = await t.db.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, await id('daibieu03'))));
    expect(row?.status).toBe('present');
    expect(published).toMatchObject([{ type: 'attendance', meetingId, payload: { userId: await id('daibieu03'), status: 'present', quorum: { present: 1 } } }]);
  });

  it('refuses a replayed code, saying when the person checked in', async () => {
    const res = await scan(await codeOf('daibieu03'));
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.code).toBe('checkin_used');
    expect(body.fields.code[0].vi).toMatch(/^Đã điểm danh lúc \d\d:\d\d\.$/);
    expect(body.fields.code[0].en).toMatch(/^Already checked in at \d\d:\d\d\.$/);
    expect(published).toHaveLength(1);
  });

  it('checks in once when the same code is scanned at two doors at the same moment', async () => {
    const code = await codeOf('daibieu10');
    const [a, b] = await Promise.all([scan(code), scan(code)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(published.filter((e) => e.type === 'attendance' && e.payload.userId === userIdOf10)).toHaveLength(1);
  });

  it('refuses a code of someone the secretary already marked present', async () => {
    const socketMarked = await id('daibieu04');
    await t.db.insert(attendance).values({ meetingId, userId: socketMarked, status: 'present', at: clock });
    expect((await (await scan(await codeOf('daibieu04'))).json()).code).toBe('checkin_used');
  });

  it('records a delegate who arrives once the meeting is under way as late', async () => {
    await t.db.update(meetings).set({ status: 'live' }).where(eq(meetings.id, meetingId));
    try {
      const res = await scan(await codeOf('daibieu11'));
      expect((await res.json()).checkin).toMatchObject({ kind: 'attendee', status: 'late' });
      const [row] = await t.db.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, await id('daibieu11'))));
      expect(row?.status).toBe('late');
      expect(published.at(-1)).toMatchObject({ type: 'attendance', payload: { userId: await id('daibieu11'), status: 'late' } });
    } finally {
      await t.db.update(meetings).set({ status: 'published' }).where(eq(meetings.id, meetingId));
    }
  });

  it.each([
    ['a forged code', async () => { const c = await codeOf('daibieu05'); return `${c.slice(0, -3)}${c.endsWith('AAA') ? 'BBB' : 'AAA'}`; }, 400, 'checkin_forged'],
    ['a code that is not a Họp Số code', async () => 'https://example.org/hello', 400, 'checkin_forged'],
    ['another meeting\'s code', async () => codeOf('daibieu05', otherMeetingId), 409, 'checkin_other_meeting'],
  ])('refuses %s', async (_, make, status, code) => {
    const res = await scan(await make());
    expect(res.status).toBe(status);
    expect((await res.json()).code).toBe(code);
  });

  it('refuses an expired code', async () => {
    const me = (await (await t.request('GET', `/api/meetings/${meetingId}/checkin/me`, { cookie: await t.login('daibieu06') })).json()).checkin;
    const saved = clock;
    clock = new Date(new Date(me.expiresAt).getTime() + 1000);
    try {
      // Signed in anew at that time: the session must not be what expired.
      const res = await scan(me.code, await t.login('thuky'));
      expect(res.status).toBe(410);
      expect((await res.json()).code).toBe('checkin_expired');
    } finally { clock = saved; }
  });

  it('lets only those running the meeting scan', async () => {
    const res = await scan(await codeOf('daibieu07'), await t.login('daibieu08'));
    expect(res.status).toBe(403);
    expect((await scan(await codeOf('daibieu07'), await t.login('chutich'))).status).toBe(200);
  });

  it('a single-use guest pass checks in once; a shared one counts every arrival', async () => {
    const once = (await (await t.request('POST', `/api/meetings/${meetingId}/guest-passes`, { cookie: secretary, body: { label: 'Đại diện UBMTTQ xã', singleUse: true } })).json()).pass;
    const shared = (await (await t.request('POST', `/api/meetings/${meetingId}/guest-passes`, { cookie: secretary, body: { label: 'Cử tri dự thính' } })).json()).pass;
    expect((await (await scan(once.code)).json()).checkin).toMatchObject({ kind: 'guest', fullName: 'Đại diện UBMTTQ xã' });
    const again = await (await scan(once.code)).json();
    expect(again.code).toBe('checkin_used');
    expect(again.fields.code[0].vi).toMatch(/dùng một lần đã được dùng lúc \d\d:\d\d/);
    expect((await scan(shared.code)).status).toBe(200);
    expect((await scan(shared.code)).status).toBe(200);
    const passes = (await (await t.request('GET', `/api/meetings/${meetingId}/guest-passes`, { cookie: secretary })).json()).passes;
    expect(passes.find((p: { id: string }) => p.id === shared.id).uses).toBe(2);
    const audited = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.meetingId, meetingId))).map((r) => r.action);
    expect(audited).toEqual(expect.arrayContaining(['checkin.guestPass', 'checkin.guest', 'live.attendance']));
    // A guest pass never counts toward the quorum: no attendance event (the four are the delegates' above).
    expect(published.every((e) => e.type === 'attendance')).toBe(true);
    expect(published).toHaveLength(4);
  });

  it('a guest pass opens the public documents only, without an account', async () => {
    const pdf = await (async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); })();
    const up = async (title: string, confidentiality: string) => (await (await t.upload(secretary, meetingId, pdf, { title, confidentiality })).json()).document.id as string;
    const open = await up('Tờ trình công khai', 'public');
    const internal = await up('Dự thảo nội bộ', 'internal');
    const pass = (await (await t.request('POST', `/api/meetings/${meetingId}/guest-passes`, { cookie: secretary, body: { label: 'Khách' } })).json()).pass;
    const page = await t.request('GET', `/api/public/guest/${pass.code}`);
    expect(page.status).toBe(200);
    const { guest } = await page.json();
    expect(guest.documents.map((d: { id: string }) => d.id)).toEqual([open]);
    expect((await t.request('GET', `/api/public/guest/${pass.code}/documents/${open}/file`)).status).toBe(200);
    expect((await t.request('GET', `/api/public/guest/${pass.code}/documents/${internal}/file`)).status).toBe(404);
    // A delegate's own code is no guest pass, and a revoked pass opens nothing.
    expect((await t.request('GET', `/api/public/guest/${await codeOf('daibieu09')}`)).status).toBe(404);
    expect((await t.request('DELETE', `/api/guest-passes/${pass.id}`, { cookie: secretary })).status).toBe(200);
    expect((await t.request('GET', `/api/public/guest/${pass.code}`)).status).toBe(404);
  });
});
