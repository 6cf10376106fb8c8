import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, meetingEvents } from '@hopso/db/schema/index';
import type { MeetingEvent, PollView } from '@hopso/shared/live';
import type { SiteView } from '@hopso/shared/sites';
import { delegate, startLiveServer, waitFor, type LiveServer } from '../live/testing.ts';

/** Remote sites (điểm cầu): managed over HTTP, attendance per site with its secretary, one quorum over all. */
describe('remote sites', () => {
  let t: LiveServer;
  let cookie: string;
  let siteA: SiteView;
  let siteB: SiteView;
  const http = async (method: string, path: string, body?: unknown, as = cookie) => {
    const res = await fetch(`${t.base}${path}`, { method, headers: { cookie: as, origin: t.base, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };
  const login = async (username: string) => {
    const res = await fetch(`${t.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.base }, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const mark = async (by: string, username: string, siteId?: string | null, status: 'present' | 'absent' = 'present') =>
    (await t.client(by)).emitWithAck('attendance.mark', { meetingId: t.meetingId, userId: await t.userId(username), status, ...(siteId !== undefined ? { siteId } : {}) });

  beforeAll(async () => {
    t = await startLiveServer({ SOCKET_EVENTS_PER_SECOND: '1000' });
    cookie = await login('thuky');
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('adds sites with their secretaries, refuses a non-member as secretary and a duplicate name, and tells the room', async () => {
    const secretary = await t.client('thuky');
    const events: MeetingEvent[] = [];
    secretary.on('meeting.event', (e) => events.push(e));
    await t.sync(secretary);
    const a = await http('POST', `/api/meetings/${t.meetingId}/sites`, { name: 'Điểm cầu thôn Đông', secretaryId: await t.userId(delegate(20)) });
    expect(a.status).toBe(201);
    siteA = a.body.site as SiteView;
    expect(siteA).toMatchObject({ name: 'Điểm cầu thôn Đông', secretaryId: await t.userId(delegate(20)), position: 0 });
    const b = await http('POST', `/api/meetings/${t.meetingId}/sites`, { name: 'Điểm cầu thôn Tây', secretaryId: await t.userId('chuyenvien') });
    siteB = b.body.site as SiteView;
    expect(siteB.position).toBe(1);
    expect(await http('POST', `/api/meetings/${t.meetingId}/sites`, { name: 'Điểm cầu thôn Đông' })).toMatchObject({ status: 400, body: { code: 'validation', fields: { name: expect.any(Array) } } });
    // Someone who is no member of the council is not a site secretary.
    expect(await http('POST', `/api/meetings/${t.meetingId}/sites`, { name: 'Điểm cầu khác', secretaryId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 400, body: { fields: { secretaryId: expect.any(Array) } } });
    expect(await http('POST', `/api/meetings/${t.meetingId}/sites`, { name: 'Điểm cầu của đại biểu' }, await login(delegate(3)))).toMatchObject({ status: 403 });
    await waitFor(() => events.filter((e) => e.type === 'sites').length >= 2);
    expect((events.filter((e) => e.type === 'sites').at(-1)!.payload.sites as SiteView[]).map((s) => s.name)).toEqual(['Điểm cầu thôn Đông', 'Điểm cầu thôn Tây']);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.action, 'live.sites'));
    expect(audited.length).toBe(2);
    expect((await http('GET', `/api/meetings/${t.meetingId}/sites`, undefined, await login(delegate(5)))).body.sites).toHaveLength(2);
  });

  it('lets a site secretary mark attendance at their own site only', async () => {
    expect(await mark(delegate(20), delegate(1), siteA.id)).toMatchObject({ ok: true });
    // Another site, the main hall, or no site at all: not theirs.
    expect(await mark(delegate(20), delegate(2), siteB.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await mark(delegate(20), delegate(2), null)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await mark(delegate(20), delegate(2))).toMatchObject({ ok: false, code: 'forbidden' });
    // The other site's secretary (a clerk, no runner of the meeting) at theirs.
    expect(await mark('chuyenvien', delegate(2), siteB.id)).toMatchObject({ ok: true });
    // Someone present at site B is not taken over by site A's secretary; the secretary of the meeting may move them.
    expect(await mark(delegate(20), delegate(2), siteA.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await mark(delegate(21), delegate(3), siteA.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await mark('thuky', delegate(2), siteA.id)).toMatchObject({ ok: true });
    const snap = await t.sync(await t.client('thuky'));
    const d1 = await t.userId(delegate(1));
    const d2 = await t.userId(delegate(2));
    expect(snap.attendance.find((a) => a.userId === d1)).toMatchObject({ status: 'present', siteId: siteA.id });
    expect(snap.attendance.find((a) => a.userId === d2)).toMatchObject({ status: 'present', siteId: siteA.id });
    // A site of another meeting is not found; a delegate checks in at a site of theirs.
    expect(await mark('thuky', delegate(4), '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await (await t.client(delegate(4))).emitWithAck('attendance.checkIn', { meetingId: t.meetingId, siteId: siteB.id })).toMatchObject({ ok: true });
    const d4 = await t.userId(delegate(4));
    expect((await t.sync(await t.client(delegate(4)))).attendance.find((a) => a.userId === d4)).toMatchObject({ status: 'present', siteId: siteB.id });
  });

  it('counts one quorum over the main hall and both sites, with the breakdown, at the boundary', async () => {
    // So far: d1, d2 at site A, d4 at site B. Reach 16 of 25 (one short of 17): the chair and d5…d12 in the
    // main hall (9), d13…d15 at site A (5 there), d16 at site B (2 there).
    await mark('thuky', 'chutich', null);
    for (let i = 5; i <= 12; i++) await mark('thuky', delegate(i), null);
    for (let i = 13; i <= 15; i++) await mark(delegate(20), delegate(i), siteA.id);
    await mark('chuyenvien', delegate(16), siteB.id);
    const secretary = await t.client('thuky');
    let snap = await t.sync(secretary);
    expect(snap.quorum).toMatchObject({ present: 16, total: 25, required: 17, reached: false });
    expect(snap.siteAttendance).toEqual([
      { siteId: null, delegatesPresent: 9, present: 9 },
      { siteId: siteA.id, delegatesPresent: 5, present: 5 },
      { siteId: siteB.id, delegatesPresent: 2, present: 2 },
    ]);
    const poll = ((await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Biểu quyết qua các điểm cầu' })) as { poll: PollView }).poll;
    expect(await secretary.emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: false, code: 'quorum_not_reached' });
    // The 17th delegate checks in at a remote site: the quorum is reached over all sites together.
    expect(await (await t.client(delegate(17))).emitWithAck('attendance.checkIn', { meetingId: t.meetingId, siteId: siteB.id })).toMatchObject({ ok: true });
    snap = await t.sync(secretary);
    expect(snap.quorum).toMatchObject({ present: 17, reached: true });
    expect(snap.siteAttendance!.map((s) => s.delegatesPresent)).toEqual([9, 5, 3]);
    expect(await secretary.emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: true });
    // Delegates at remote sites vote on their tablets like everyone else.
    expect(await (await t.client(delegate(17))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: true });
    expect(await (await t.client(delegate(13))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: true });
    await secretary.emitWithAck('poll.cancel', { pollId: poll.id });
  });

  it('carries the sites in a resync, and a removed site’s delegates count in the main hall', async () => {
    const patched = await http('PATCH', `/api/meetings/${t.meetingId}/sites/${siteB.id}`, { name: 'Điểm cầu thôn Tây (UBND)', secretaryId: null });
    expect(patched).toMatchObject({ status: 200, body: { site: { name: 'Điểm cầu thôn Tây (UBND)', secretaryId: null } } });
    t.disconnect(delegate(9));
    const snap = await t.sync(await t.client(delegate(9)));
    expect(snap.sites!.map((s) => s.name)).toEqual(['Điểm cầu thôn Đông', 'Điểm cầu thôn Tây (UBND)']);
    expect(await http('DELETE', `/api/meetings/${t.meetingId}/sites/${siteB.id}`)).toMatchObject({ status: 200 });
    expect(await http('DELETE', `/api/meetings/${t.meetingId}/sites/${siteB.id}`)).toMatchObject({ status: 404 });
    const after = await t.sync(await t.client(delegate(9)));
    expect(after.sites).toHaveLength(1);
    expect(after.quorum.present).toBe(17);
    expect(after.siteAttendance).toEqual([{ siteId: null, delegatesPresent: 12, present: 12 }, { siteId: siteA.id, delegatesPresent: 5, present: 5 }]);
    const types = (await t.db.select().from(meetingEvents).where(eq(meetingEvents.meetingId, t.meetingId))).map((e) => e.type);
    expect(types.filter((x) => x === 'sites')).toHaveLength(4);
  });
});
