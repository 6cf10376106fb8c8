import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { auditLog, councils, invitations, members, notifications, rsvps, rsvpTokens, users } from '@hopso/db/schema/index';
import type { PublicRsvp, RsvpListResponse } from '@hopso/shared/invitations';
import { createTestApp, type TestApp } from '../testing.ts';
import { runInvitationNotices } from './notices.ts';
import { sendInvitations } from './service.ts';

// Invitations end to end through the API, on PGlite or PostgreSQL (TEST_DATABASE_URL): publishing sends one
// invitation per invitee (never twice), the personal RSVP link and the tablet card record one answer each,
// the secretariat sees the list and the expected quorum, edits become one change notice, reminders go once.

let clock = new Date('2026-11-20T02:00:00Z');
let t: TestApp;
let councilId: string;
let secretary: string;
const origin = 'http://hopso.test';

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  councilId = (await t.db.select().from(councils))[0]!.id;
  secretary = await t.login('thuky');
});
afterAll(async () => { await t.close(); });

async function json<T>(method: string, path: string, body?: unknown, cookie: string | null = secretary, expected = 200): Promise<T> {
  const res = await t.request(method, path, { cookie, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(expected);
  return res.json() as Promise<T>;
}
const createMeeting = (over: Record<string, unknown> = {}) => json<{ meeting: { id: string } }>('POST', `/api/councils/${councilId}/meetings`, {
  title: 'Kỳ họp thứ 13 HĐND xã', kind: 'regular', startsAt: '2026-12-10T00:30:00Z', endsAt: '2026-12-10T04:00:00Z', place: 'Hội trường UBND xã', closedSitting: false, ...over,
}, secretary, 201).then((r) => r.meeting.id);
const sent = (meetingId: string, event: string) => t.db.select().from(notifications).where(and(eq(notifications.meetingId, meetingId), eq(notifications.event, event)));
const userId = async (username: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
/** The personal token as the invitee reads it in the invitation. */
async function tokenOf(meetingId: string, username: string): Promise<string> {
  const uid = await userId(username);
  const [mine] = (await sent(meetingId, 'meeting.invitation')).filter((row) => row.userId === uid);
  return /\/rsvp\/([A-Za-z0-9_-]+)/.exec(mine!.content.vi.text)![1]!;
}

describe('invitations on publish', () => {
  it('sends one invitation per invitee with the ICS file and a personal link, and none again', async () => {
    const meetingId = await createMeeting();
    const invited = await t.db.select().from(invitations).where(eq(invitations.meetingId, meetingId));
    expect(await sent(meetingId, 'meeting.invitation')).toHaveLength(0);
    await json('POST', `/api/meetings/${meetingId}/publish`);
    const first = await sent(meetingId, 'meeting.invitation');
    expect(first).toHaveLength(invited.length);
    expect(new Set(first.map((n) => n.userId))).toEqual(new Set(invited.map((i) => i.userId)));
    expect(first[0]!.attachments[0]).toMatchObject({ filename: 'giay-moi.ics', content: expect.stringContaining('BEGIN:VEVENT') });
    expect(first[0]!.content.vi.text).toContain('Thời gian: 07:30, Thứ Năm, 10/12/2026 – 11:00');
    expect(first[0]!.content.en.text).toContain(`${origin}/rsvp/`);
    // The tokens differ per invitee and only their hashes are stored.
    const tokens = await Promise.all(['daibieu01', 'daibieu02'].map((u) => tokenOf(meetingId, u)));
    expect(tokens[0]).not.toBe(tokens[1]);
    const stored = await t.db.select().from(rsvpTokens).where(eq(rsvpTokens.meetingId, meetingId));
    expect(stored.map((s) => s.tokenHash)).not.toContain(tokens[0]);

    expect(await t.db.transaction((tx) => sendInvitations(tx, meetingId, origin, clock))).toEqual({ invited: 0 });
    await json('POST', `/api/meetings/${meetingId}/publish`, undefined, secretary, 409);
    expect(await sent(meetingId, 'meeting.invitation')).toHaveLength(invited.length);
  });

  it('invites someone added after publishing, and only them', async () => {
    const meetingId = await createMeeting({ inviteAllMembers: false });
    const [a, b] = [await userId('daibieu03'), await userId('daibieu04')];
    await json('PUT', `/api/meetings/${meetingId}/invitations`, { userIds: [a] });
    await json('POST', `/api/meetings/${meetingId}/publish`);
    await json('PUT', `/api/meetings/${meetingId}/invitations`, { userIds: [a, b] });
    expect((await sent(meetingId, 'meeting.invitation')).map((n) => n.userId).sort()).toEqual([a, b].sort());
  });

  it('sends nothing for a draft', async () => {
    const meetingId = await createMeeting();
    expect(await t.db.transaction((tx) => sendInvitations(tx, meetingId, origin, clock))).toEqual({ invited: 0 });
  });
});

describe('RSVP', () => {
  let meetingId: string;
  beforeAll(async () => {
    meetingId = await createMeeting();
    await json('POST', `/api/meetings/${meetingId}/publish`);
  });

  it('answers from the personal link without signing in; a replayed link changes the same answer, audited once per change', async () => {
    const token = await tokenOf(meetingId, 'daibieu05');
    const page = await json<PublicRsvp>('GET', `/api/public/rsvp/${token}`, undefined, null);
    expect(page).toMatchObject({ inviteeName: expect.any(String), rsvp: null, substitutesAllowed: false, meeting: { title: 'Kỳ họp thứ 13 HĐND xã', place: 'Hội trường UBND xã' } });
    const absent = { response: 'absent', reason: 'Đi công tác tại huyện' };
    expect((await json<PublicRsvp>('PUT', `/api/public/rsvp/${token}`, absent, null)).rsvp).toMatchObject({ ...absent, channel: 'link' });
    await json('PUT', `/api/public/rsvp/${token}`, absent, null);
    const uid = await userId('daibieu05');
    expect(await t.db.select().from(rsvps).where(and(eq(rsvps.meetingId, meetingId), eq(rsvps.userId, uid)))).toHaveLength(1);
    const audited = () => t.db.select().from(auditLog).where(and(eq(auditLog.action, 'rsvp.changed'), eq(auditLog.targetId, uid), eq(auditLog.meetingId, meetingId)));
    expect(await audited()).toHaveLength(1);
    await json('PUT', `/api/public/rsvp/${token}`, { response: 'attend' }, null);
    expect((await audited()).map((e) => e.details)).toEqual([
      expect.objectContaining({ response: 'absent', reason: 'Đi công tác tại huyện', before: null, channel: 'link' }),
      expect.objectContaining({ response: 'attend', reason: null, before: 'absent' }),
    ]);
  });

  it('refuses an unknown token and an absence without a reason', async () => {
    expect((await json<{ code: string }>('GET', `/api/public/rsvp/${'x'.repeat(43)}`, undefined, null, 404)).code).toBe('rsvp_link_unknown');
    expect((await json<{ code: string }>('GET', '/api/public/rsvp/short', undefined, null, 404)).code).toBe('rsvp_link_unknown');
    const token = await tokenOf(meetingId, 'daibieu06');
    const error = await json<{ code: string; fields: Record<string, unknown> }>('PUT', `/api/public/rsvp/${token}`, { response: 'absent' }, null, 400);
    expect(error.fields.reason).toBeDefined();
  });

  it('lets no one attend a session in a delegate’s place, but a Standing Committee meeting allows it', async () => {
    const token = await tokenOf(meetingId, 'daibieu07');
    expect((await json<{ code: string }>('PUT', `/api/public/rsvp/${token}`, { response: 'substitute', substituteName: 'Nguyễn Văn Bình' }, null, 400)).code).toBe('substitute_not_allowed');
    const standing = await createMeeting({ kind: 'standing', title: 'Phiên họp Thường trực tháng 12' });
    await json('POST', `/api/meetings/${standing}/publish`);
    const other = await tokenOf(standing, 'daibieu07');
    const page = await json<PublicRsvp>('PUT', `/api/public/rsvp/${other}`, { response: 'substitute', substituteName: 'Nguyễn Văn Bình', reason: 'Ốm' }, null);
    expect(page).toMatchObject({ substitutesAllowed: true, rsvp: { response: 'substitute', substituteName: 'Nguyễn Văn Bình' } });
  });

  it('answers from the tablet for the signed-in invitee; someone not invited gets a 404', async () => {
    const delegate = await t.login('daibieu08');
    expect(await json('GET', `/api/meetings/${meetingId}/rsvp`, undefined, delegate)).toMatchObject({ rsvp: null, open: true, substitutesAllowed: false });
    expect((await json<{ rsvp: unknown }>('PUT', `/api/meetings/${meetingId}/rsvp`, { response: 'absent', reason: 'Ốm, nằm viện' }, delegate)).rsvp).toMatchObject({ response: 'absent', channel: 'tablet' });
    await json('GET', `/api/meetings/${meetingId}/rsvp`, undefined, secretary, 200);
    const onlyA = await createMeeting({ inviteAllMembers: false });
    await json('PUT', `/api/meetings/${onlyA}/invitations`, { userIds: [await userId('daibieu01')] });
    await json('POST', `/api/meetings/${onlyA}/publish`);
    await json('PUT', `/api/meetings/${onlyA}/rsvp`, { response: 'attend' }, delegate, 404);
  });

  it('shows the secretariat who attends, who is absent and why, who has not answered, and the expected quorum', async () => {
    for (const u of ['chutich', 'daibieu01', 'daibieu02', 'daibieu03']) await json('PUT', `/api/meetings/${meetingId}/rsvp`, { response: 'attend' }, await t.login(u));
    const list = await json<RsvpListResponse>('GET', `/api/meetings/${meetingId}/rsvps`);
    const delegates = (await t.db.select().from(members).where(eq(members.councilId, councilId))).filter((m) => m.role === 'chair' || m.role === 'delegate').length;
    expect(list.entries.find((e) => e.response === 'absent')).toMatchObject({ reason: 'Ốm, nằm viện' });
    expect(list.summary).toMatchObject({ attend: 5, absent: 1 });
    expect(list.summary.noAnswer).toBe(list.entries.length - 6);
    expect(list.summary.expected).toEqual({ present: 5, total: delegates, required: Math.ceil((2 * delegates) / 3), reached: false });
    expect(list.summary.possible).toMatchObject({ present: delegates - 1, reached: true });
    await json('GET', `/api/meetings/${meetingId}/rsvps`, undefined, await t.login('daibieu01'), 403);
  });

  it('expires the link and closes the card when the meeting has ended', async () => {
    const token = await tokenOf(meetingId, 'daibieu09');
    const before = clock;
    clock = new Date('2026-12-10T04:00:01Z');
    try {
      const delegate = await t.login('daibieu09');
      expect((await json<{ code: string }>('GET', `/api/public/rsvp/${token}`, undefined, null, 410)).code).toBe('rsvp_link_expired');
      expect(await json('GET', `/api/meetings/${meetingId}/rsvp`, undefined, delegate)).toMatchObject({ open: false });
      expect((await json<{ code: string }>('PUT', `/api/meetings/${meetingId}/rsvp`, { response: 'attend' }, delegate, 409)).code).toBe('rsvp_closed');
    } finally {
      clock = before;
    }
  });
});

describe('change notices and reminders', () => {
  const pdf = async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); };

  it('coalesces a burst of edits into one notice that says what changed, once the edits are quiet', async () => {
    const meetingId = await createMeeting();
    await json('PATCH', `/api/meetings/${meetingId}`, { place: 'Phòng họp số 1' }); // a draft's edits are nobody's news
    await json('POST', `/api/meetings/${meetingId}/publish`);
    await json('PATCH', `/api/meetings/${meetingId}`, { place: 'Phòng họp số 2' });
    await json('PATCH', `/api/meetings/${meetingId}`, { place: 'Phòng họp số 3', startsAt: '2026-12-10T01:00:00Z' });
    expect((await t.upload(secretary, meetingId, await pdf(), { title: 'Dự thảo nghị quyết ngân sách', confidentiality: 'internal' })).status).toBe(201);
    await json('POST', `/api/meetings/${meetingId}/agenda`, { title: 'Bầu bổ sung Ủy viên Thường trực', parentId: null }, secretary, 201);
    expect(await runInvitationNotices(t.db, origin, new Date(clock.getTime() + 60_000))).toMatchObject({ changes: 0 });
    const { changes } = await runInvitationNotices(t.db, origin, new Date(clock.getTime() + 3 * 60_000));
    const notices = await sent(meetingId, 'meeting.changed');
    expect(changes).toBe(notices.length);
    expect(notices.length).toBe((await sent(meetingId, 'meeting.invitation')).length);
    const text = notices[0]!.content.vi.text;
    expect(text).toContain('Địa điểm: Phòng họp số 3 (trước đây: Phòng họp số 1)');
    expect(text).toContain('Thời gian: 08:00, Thứ Năm, 10/12/2026 – 11:00 (giờ Việt Nam) (trước đây: 07:30, Thứ Năm, 10/12/2026)');
    expect(text).toContain('Dự thảo nghị quyết ngân sách');
    expect(text).toContain('Chương trình họp đã được điều chỉnh');
    expect(await runInvitationNotices(t.db, origin, new Date(clock.getTime() + 10 * 60_000))).toMatchObject({ changes: 0 });
    // A later edit is a new notice of its own.
    await json('PATCH', `/api/meetings/${meetingId}`, { onlineUrl: 'https://hop.tanphu.gov.vn/k13' });
    await runInvitationNotices(t.db, origin, new Date(clock.getTime() + 3 * 60_000));
    expect((await sent(meetingId, 'meeting.changed')).length).toBe(2 * notices.length);
  });

  it('reminds 3 days and 1 hour ahead once each, not those who declined, and names unread documents the day before', async () => {
    const meetingId = await createMeeting({ title: 'Kỳ họp nhắc lịch' });
    expect((await t.upload(secretary, meetingId, await pdf(), { title: 'Tờ trình số 1', confidentiality: 'public' })).status).toBe(201);
    await json('POST', `/api/meetings/${meetingId}/publish`);
    const declined = await t.login('daibieu10');
    await json('PUT', `/api/meetings/${meetingId}/rsvp`, { response: 'absent', reason: 'Đi học tập trung' }, declined);
    const start = Date.parse('2026-12-10T00:30:00Z');
    const at = (hoursBefore: number) => new Date(start - hoursBefore * 3600_000);
    const invited = (await sent(meetingId, 'meeting.invitation')).length;

    await runInvitationNotices(t.db, origin, at(73));
    expect(await sent(meetingId, 'meeting.reminder')).toHaveLength(0);
    await runInvitationNotices(t.db, origin, at(71));
    await runInvitationNotices(t.db, origin, at(70));
    const threeDays = await sent(meetingId, 'meeting.reminder');
    expect(threeDays).toHaveLength(invited - 1);
    expect(threeDays.map((n) => n.userId)).not.toContain(await userId('daibieu10'));
    expect(threeDays[0]!.content.vi.subject).toContain('(3 ngày)');

    // daibieu11 opened the document; everyone else still expected has not.
    const reader = await t.login('daibieu11');
    const [doc] = await json<{ documents: { id: string }[] }>('GET', `/api/meetings/${meetingId}/documents`, undefined, reader).then((r) => r.documents);
    await json('POST', `/api/documents/${doc!.id}/views`, { page: 1 }, reader);
    await runInvitationNotices(t.db, origin, at(23));
    const unread = await sent(meetingId, 'documents.unread');
    expect(unread).toHaveLength(invited - 2);
    expect(unread.map((n) => n.userId)).not.toContain(await userId('daibieu11'));
    expect(unread[0]!.content.vi.text).toContain('Tờ trình số 1');

    await runInvitationNotices(t.db, origin, at(0.5));
    await runInvitationNotices(t.db, origin, at(0.4));
    const all = await sent(meetingId, 'meeting.reminder');
    expect(all).toHaveLength(2 * (invited - 1));
    expect(all.filter((n) => n.content.en.subject.includes('(1 hour)'))).toHaveLength(invited - 1);
  });
});
