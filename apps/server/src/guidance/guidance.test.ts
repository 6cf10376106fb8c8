import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agendaItems, auditLog, councils, documents, invitations, meetings, polls, resolutions } from '@hopso/db/schema/index';
import { moreThanHalf, motionResult } from '@hopso/shared/rules';
import { createTestApp, type TestApp } from '../testing.ts';
import { closedPoll, draftPdf } from '../resolutions/testing.ts';
import { candidatePolls } from '../resolutions/service.ts';
import { loadMeetingRecord } from '../minutes/data.ts';
import { kpiCounts } from '../kpi/service.ts';

// The first-run tour's state per user, and rehearsals (diễn tập): a practice copy of a real meeting whose
// adopted polls never become resolutions, minutes, exports, KPI counts or public pages.

let t: TestApp;
let councilId: string;
let sessionId: string;
let secretary: string;

beforeAll(async () => {
  t = await createTestApp();
  councilId = (await t.db.select().from(councils))[0]!.id;
  sessionId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
  secretary = await t.login('thuky');
});
afterAll(async () => { await t.close(); });

describe('first-run tour', () => {
  it('is unseen for an imported account, remembered once finished, and shown again after a restart', async () => {
    const imported = await t.request('POST', `/api/councils/${councilId}/members/import`, { cookie: secretary, body: { csv: 'name,email,phone,role,committee,group\nĐại biểu Mới Vào,,,delegate,,' } });
    expect(imported.status).toBe(200);
    const { credentials } = await imported.json();
    const cookie = await t.login(credentials[0].username, credentials[0].password);
    const get = async () => (await (await t.request('GET', '/api/guidance/tour', { cookie })).json()).tour;
    expect(await get()).toEqual({ seenAt: null });

    const seen = await (await t.request('PUT', '/api/guidance/tour', { cookie, body: {} })).json();
    expect(seen.tour.seenAt).toEqual(expect.any(String));
    expect(await get()).toEqual(seen.tour);
    // Another device of the same person: the server, not the tablet, remembers it.
    expect((await (await t.request('GET', '/api/guidance/tour', { cookie: await t.login(credentials[0].username, credentials[0].password) })).json()).tour).toEqual(seen.tour);

    expect((await (await t.request('DELETE', '/api/guidance/tour', { cookie })).json()).tour).toEqual({ seenAt: null });
    expect(await get()).toEqual({ seenAt: null });
  });

  it('counts as seen for the demo accounts, and needs a session', async () => {
    const tour = (await (await t.request('GET', '/api/guidance/tour', { cookie: await t.login('daibieu03') })).json()).tour;
    expect(tour.seenAt).toEqual(expect.any(String));
    const anonymous = await t.request('GET', '/api/guidance/tour');
    expect(anonymous.status).toBe(401);
  });
});

describe('rehearsal', () => {
  let rehearsalId: string;
  let pollId: string;

  beforeAll(async () => {
    // The demo session gets a document on its first item, so the copy has one to carry over.
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, sessionId));
    expect((await t.upload(await t.login('chuyenvien'), sessionId, await draftPdf(), { title: 'Dự thảo diễn tập', agendaItemId: item!.id, confidentiality: 'public' })).status).toBe(201);
    const res = await t.request('POST', `/api/meetings/${sessionId}/rehearsal`, { cookie: secretary, body: { startsAt: '2024-07-10T08:00:00+07:00' } });
    expect(res.status, await res.clone().text()).toBe(201);
    rehearsalId = (await res.json()).meeting.id;
    // What a practice sitting leaves: held, with an adopted motion on an item that has its draft PDF.
    await t.db.update(meetings).set({ status: 'closed' }).where(eq(meetings.id, rehearsalId));
    const [copiedDoc] = await t.db.select().from(documents).where(eq(documents.meetingId, rehearsalId));
    const result = motionResult({ yes: 20, no: 5, abstain: 0 }, 25, moreThanHalf);
    [{ id: pollId }] = await t.db.insert(polls).values({
      meetingId: rehearsalId, agendaItemId: copiedDoc!.agendaItemId, title: 'Biểu quyết diễn tập', kind: 'motion', method: 'named', status: 'closed', totalDelegates: 25,
      openedAt: new Date('2024-07-10T02:00:00Z'), closedAt: new Date('2024-07-10T02:05:00Z'), result: result as unknown as Record<string, unknown>,
    }).returning({ id: polls.id }) as [{ id: string }];
  });

  it('copies the agenda tree, the invitees and the documents into a published practice meeting marked as such', async () => {
    const view = (await (await t.request('GET', `/api/meetings/${rehearsalId}`, { cookie: secretary })).json()).meeting;
    const source = (await (await t.request('GET', `/api/meetings/${sessionId}`, { cookie: secretary })).json()).meeting;
    expect(view).toMatchObject({ rehearsal: true, rehearsalOf: sessionId, title: `[DIỄN TẬP] ${source.title}`, kind: source.kind });
    expect(view.agenda.map((i: { title: string; position: number }) => [i.title, i.position])).toEqual(source.agenda.map((i: { title: string; position: number }) => [i.title, i.position]));
    const inviteesOf = async (id: string) => (await t.db.select({ userId: invitations.userId }).from(invitations).where(eq(invitations.meetingId, id))).map((r) => r.userId).sort();
    expect(await inviteesOf(rehearsalId)).toEqual(await inviteesOf(sessionId));
    expect((await inviteesOf(rehearsalId)).length).toBeGreaterThan(20);
    const docs = (await (await t.request('GET', `/api/meetings/${rehearsalId}/documents`, { cookie: await t.login('daibieu01') })).json()).documents;
    expect(docs.map((d: { title: string }) => d.title)).toContain('Dự thảo diễn tập');
    // The real session is untouched.
    expect(source.rehearsal).toBe(false);
    // Audited like any new meeting, naming the meeting it practises.
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, rehearsalId));
    expect(entry).toMatchObject({ action: 'meeting.created', councilId, meetingId: rehearsalId, details: { rehearsal: true, rehearsalOf: sessionId } });
  });

  it('refuses a rehearsal of a rehearsal, and callers who do not manage the meeting', async () => {
    const again = await t.request('POST', `/api/meetings/${rehearsalId}/rehearsal`, { cookie: secretary, body: {} });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'rehearsal_meeting', messageEn: expect.stringContaining('rehearsal') });
    expect((await t.request('POST', `/api/meetings/${sessionId}/rehearsal`, { cookie: await t.login('daibieu01'), body: {} })).status).toBe(403);
    expect((await t.request('POST', `/api/meetings/${sessionId}/rehearsal`, { cookie: secretary, body: { startsAt: 'tomorrow' } })).status).toBe(400);
  });

  it('never turns an adopted practice poll into a resolution, while a real one does', async () => {
    const refused = await t.request('POST', `/api/polls/${pollId}/resolution`, { cookie: secretary, body: {} });
    expect(refused.status).toBe(409);
    expect((await refused.json()).code).toBe('rehearsal_meeting');
    expect(await t.db.select().from(resolutions).where(eq(resolutions.pollId, pollId))).toEqual([]);
    const candidates = await candidatePolls(t.db, councilId);
    expect(candidates.map((c) => c.pollId)).not.toContain(pollId);

    const real = await closedPoll(t);
    expect((await candidatePolls(t.db, councilId)).map((c) => c.pollId)).toContain(real.pollId);
    expect((await t.request('POST', `/api/polls/${real.pollId}/resolution`, { cookie: secretary, body: {} })).status).toBe(201);
  });

  it('leaves the practice poll out of the minutes data, and refuses minutes and exports of a rehearsal', async () => {
    const [row] = await t.db.select().from(meetings).where(eq(meetings.id, rehearsalId));
    const record = await loadMeetingRecord(t.db, row!);
    expect(record.polls).toEqual([]);
    expect(record.resolutions).toEqual([]);
    for (const path of ['minutes', 'minutes/pdf', 'exports/polls.csv', 'exports/record.zip']) {
      const res = await t.request('GET', `/api/meetings/${rehearsalId}/${path}`, { cookie: secretary });
      expect(res.status, path).toBe(409);
      expect((await res.json()).code).toBe('rehearsal_meeting');
    }
  });

  it('counts for no KPI: neither as a meeting held nor as an adopted draft', async () => {
    const { counts } = await kpiCounts(t.db, councilId, ['2024-07']);
    expect(counts[0]).toMatchObject({ meetingsHeld: 0, resolutionsAdopted: 0, sessionDocuments: 0 });
    // The same held meeting and adopted poll without the flag count, so the zero above is the flag's doing.
    await t.db.update(meetings).set({ rehearsal: false }).where(eq(meetings.id, rehearsalId));
    const control = (await kpiCounts(t.db, councilId, ['2024-07'])).counts[0]!;
    await t.db.update(meetings).set({ rehearsal: true }).where(eq(meetings.id, rehearsalId));
    expect(control).toMatchObject({ meetingsHeld: 1, resolutionsAdopted: 1 });
    expect(control.sessionDocuments).toBeGreaterThan(0);
  });

  it('is never on the public portal or in open data, unlike the real session', async () => {
    expect((await t.request('GET', `/api/public/meetings/${sessionId}`)).status).toBe(200);
    expect((await t.request('GET', `/api/public/meetings/${rehearsalId}`)).status).toBe(404);
    const listed = await (await t.request('GET', `/api/public/councils/${councilId}/meetings`)).json();
    expect(JSON.stringify(listed)).not.toContain(rehearsalId);
  });

  it('can be created as a rehearsal from the start, and cannot be switched afterwards', async () => {
    const res = await t.request('POST', `/api/councils/${councilId}/meetings`, { cookie: secretary, body: { title: 'Tập huấn biểu quyết', kind: 'standing', startsAt: '2026-12-20T08:00:00+07:00', place: 'Hội trường', rehearsal: true } });
    expect(res.status).toBe(201);
    const { meeting } = await res.json();
    expect(meeting.rehearsal).toBe(true);
    await t.request('PATCH', `/api/meetings/${meeting.id}`, { cookie: secretary, body: { rehearsal: false } });
    const [row] = await t.db.select({ rehearsal: meetings.rehearsal }).from(meetings).where(eq(meetings.id, meeting.id));
    expect(row!.rehearsal).toBe(true);
  });
});
