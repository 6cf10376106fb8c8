import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { blobs, councils, documents, documentVersions, meetings, petitions, polls, resolutions, supervisionTopics } from '@hopso/db/schema/index';
import type { KpiReport } from '@hopso/shared/kpi';
import { createTestApp, type TestApp } from '../testing.ts';
import { kpiCounts } from './service.ts';

// The Resolution 57 indicators counted from real rows, on PGlite or PostgreSQL (TEST_DATABASE_URL). The rows
// sit in March and April 2025, months the demo seed leaves empty, with each kind of row that must not count
// beside one that must; times are Vietnam time (+07:00) so month edges are tested where they fall.

let t: TestApp;
let councilId: string;
const vn = (local: string) => new Date(`${local}+07:00`);
const sha = 'e'.repeat(64);

beforeAll(async () => {
  t = await createTestApp();
  const [council] = await t.db.select().from(councils);
  councilId = council!.id;
  await t.db.insert(blobs).values({ sha256: sha, bytes: 10, pageCount: 1 });

  const meeting = async (kind: typeof meetings.$inferInsert.kind, status: typeof meetings.$inferInsert.status, startsAt: string) =>
    (await t.db.insert(meetings).values({ councilId, kind, status, title: `Họp ${kind} ${startsAt}`, startsAt: vn(startsAt), place: 'Hội trường' }).returning())[0]!.id;
  // March: three meetings held — the regular session issued a secret (paper-only) document, the standing meeting
  // decided a poll on paper ballots, the committee meeting (23:30 on 31 March in Vietnam, still March) went
  // without paper — one cancelled and one published but not yet held. April: one held just after midnight.
  const clean = await meeting('regular', 'closed', '2025-03-20T08:00:00');
  const paperVote = await meeting('standing', 'live', '2025-03-10T08:00:00');
  const committee = await meeting('committee', 'closed', '2025-03-31T23:30:00');
  await meeting('thematic', 'cancelled', '2025-03-15T08:00:00');
  await meeting('group', 'published', '2025-03-25T08:00:00');
  const april = await meeting('extraordinary', 'closed', '2025-04-01T00:30:00');

  const poll = async (meetingId: string, closedAt: string, adopted: boolean, kind: 'motion' | 'election' = 'motion', paper = false) =>
    (await t.db.insert(polls).values({
      meetingId, title: `Biểu quyết ${closedAt}`, kind, method: paper ? 'secret' : 'hands', status: 'closed', closedAt: vn(closedAt), result: { adopted },
      ...(paper ? { paperRecord: { committee: ['Ban kiểm phiếu'], issued: 20, returned: 20, valid: 20, invalid: 0, choices: { yes: 15, no: 5, abstain: 0 } } } : {}),
    }).returning())[0]!.id;
  await poll(paperVote, '2025-03-10T10:00:00', false, 'motion', true);
  const signed = await poll(clean, '2025-03-20T09:00:00', true);
  const unsigned = await poll(clean, '2025-03-20T10:00:00', true);
  await poll(clean, '2025-03-20T11:00:00', false);
  await poll(clean, '2025-03-20T11:30:00', true, 'election');
  await poll(april, '2025-04-01T01:00:00', true);
  let number = 900;
  for (const [pollId, signedAt] of [[signed, vn('2025-03-22T09:00:00')], [unsigned, null]] as const) {
    number += 1;
    await t.db.insert(resolutions).values({
      councilId, meetingId: clean, pollId, draftSha256: sha, year: 2025, number, code: `${number}/NQ-HĐND`, title: 'Nghị quyết', adoptedOn: '2025-03-20',
      pollResult: { adopted: true }, status: signedAt ? 'signed' : 'ready', signedAt,
    });
  }

  // Session documents of the regular session on 20 March (send ahead 7 days by default: deadline 13 March 08:00).
  const doc = async (meetingId: string, confidentiality: 'public' | 'internal' | 'secret', uploads: string[]) => {
    const [row] = await t.db.insert(documents).values({ meetingId, title: `Tài liệu ${uploads.join(',')}`, confidentiality }).returning();
    for (const [i, at] of uploads.entries()) await t.db.insert(documentVersions).values({ documentId: row!.id, version: i + 1, sha256: sha, filename: 'a.pdf', uploadedAt: vn(at) });
  };
  await doc(clean, 'public', ['2025-03-01T08:00:00']);
  await doc(clean, 'internal', ['2025-03-13T07:59:00']);
  await doc(clean, 'internal', ['2025-03-02T08:00:00', '2025-03-19T08:00:00']); // replaced late: the current version counts
  await doc(clean, 'secret', []);
  await doc(committee, 'public', ['2025-03-31T08:00:00']); // a committee meeting is not a session

  const petition = async (code: string, receivedAt: string, answeredAt: string | null, deadline: string | null) =>
    t.db.insert(petitions).values({ councilId, code, channel: 'web', locality: 'Ấp 1', content: 'Đề nghị sửa đường', receivedAt: vn(receivedAt), answeredAt: answeredAt ? vn(answeredAt) : null, deadline, status: answeredAt ? 'answered' : 'received' });
  await petition('KN-TEST1-AAAAA', '2025-02-25T08:00:00', '2025-03-05T08:00:00', '2025-03-05');
  await petition('KN-TEST2-AAAAA', '2025-03-01T08:00:00', '2025-03-31T23:00:00', '2025-03-30');
  await petition('KN-TEST3-AAAAA', '2025-03-31T23:59:00', null, null);
  await petition('KN-TEST4-AAAAA', '2025-04-01T00:00:00', null, null);

  const topic = (doneOn: string | null, status: 'done' | 'ongoing') =>
    t.db.insert(supervisionTopics).values({ councilId, title: 'Giám sát', periodFrom: '2025-01-01', periodTo: '2025-03-31', status, doneOn });
  await topic('2025-01-15', 'done');
  await topic('2025-03-31', 'done');
  await topic(null, 'ongoing');
  await topic('2024-12-31', 'done');
});
afterAll(async () => { await t.close(); });

describe('KPI counts', () => {
  it('counts each indicator in its Vietnam month with the shared rules', async () => {
    const { counts, supervisionDoneOn } = await kpiCounts(t.db, councilId, ['2025-03', '2025-04']);
    expect(counts[0]).toEqual({
      month: '2025-03', meetingsHeld: 3, meetingsPaperless: 1, resolutionsAdopted: 2, resolutionsSigned: 1,
      sessionDocuments: 4, documentsOnTime: 2, petitionsReceived: 2, petitionsAnswered: 2, petitionsAnsweredOnTime: 1, supervisionDone: 1,
    });
    expect(counts[1]).toMatchObject({ month: '2025-04', meetingsHeld: 1, meetingsPaperless: 1, resolutionsAdopted: 1, resolutionsSigned: 0, sessionDocuments: 0, petitionsReceived: 1, petitionsAnswered: 0, petitionsAnsweredOnTime: 0, supervisionDone: 0 });
    expect(supervisionDoneOn.sort()).toEqual(['2025-01-15', '2025-03-31']);
  });

  it('follows the council’s own send-ahead period', async () => {
    await t.db.update(councils).set({ rules: { sendAheadDays: 15 } }).where(eq(councils.id, councilId));
    const { counts } = await kpiCounts(t.db, councilId, ['2025-03']);
    expect(counts[0]).toMatchObject({ sessionDocuments: 4, documentsOnTime: 1 });
    await t.db.update(councils).set({ rules: null }).where(eq(councils.id, councilId));
  });
});

describe('KPI routes', () => {
  it('answers the dashboard with shares, totals and supervision done this year to the secretariat', async () => {
    const res = await t.request('GET', `/api/councils/${councilId}/kpi?from=2025-03&to=2025-04`, { cookie: await t.login('chutich') });
    expect(res.status).toBe(200);
    const r: KpiReport = await res.json();
    expect(r.councilName).toBe('HĐND xã Tân Phú');
    expect(r.months[0]).toMatchObject({ paperlessPct: 33.3, signedPct: 50, onTimePct: 50, petitionsOnTimePct: 50 });
    expect(r.total).toMatchObject({ meetingsHeld: 4, meetingsPaperless: 2, paperlessPct: 50, resolutionsAdopted: 3, signedPct: 33.3 });
    expect(r.supervisionDoneYearToDate).toEqual({ '2025-03': 2, '2025-04': 2 });
  });

  it('refuses delegates, and bad months with a 400 in both languages', async () => {
    const delegate = await t.login('daibieu01');
    expect((await t.request('GET', `/api/councils/${councilId}/kpi?from=2025-03&to=2025-03`, { cookie: delegate })).status).toBe(403);
    expect((await t.request('GET', `/api/councils/${councilId}/kpi/2025-03.xlsx`, { cookie: delegate })).status).toBe(403);
    const bad = await t.request('GET', `/api/councils/${councilId}/kpi?from=2025-13&to=2025-03`, { cookie: await t.login('thuky') });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields.from[0]).toEqual({ vi: expect.stringContaining('YYYY-MM'), en: expect.stringContaining('YYYY-MM') });
    expect((await t.request('GET', `/api/councils/${councilId}/kpi/2025-3.csv`, { cookie: await t.login('thuky') })).status).toBe(404);
  });

  it('exports the month as XLSX and CSV with the same rows, indicators down the side', async () => {
    const cookie = await t.login('thuky');
    const xlsxRes = await t.request('GET', `/api/councils/${councilId}/kpi/2025-03.xlsx`, { cookie });
    expect(xlsxRes.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(xlsxRes.headers.get('content-disposition')).toContain('chi-tieu-chuyen-doi-so-2025-03.xlsx');
    const sheet = await readSheet(Buffer.from(await xlsxRes.arrayBuffer()));
    const csvText = await (await t.request('GET', `/api/councils/${councilId}/kpi/2025-03.csv`, { cookie })).text();
    const csv = Papa.parse<string[]>(csvText.replace(/^\uFEFF/, '').trim()).data;
    expect(sheet.map((row) => row.map((v) => (v === null ? '' : String(v))))).toEqual(csv);
    expect(csv[0]![1]).toContain('tháng 03/2025');
    expect(csv[1]!.slice(1, 5)).toEqual(['Tỷ lệ kỳ họp, cuộc họp tổ chức không giấy', '33,3%', '1', '3']);
    expect(csv[6]!.slice(2)).toEqual(['1', '', '', 'Lũy kế từ đầu năm: 2']);
  });
});
