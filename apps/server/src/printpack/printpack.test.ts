import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { agendaItems, auditLog, invitations, meetings, polls, users } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../testing.ts';
import { ballotCode } from './ballots.ts';

/** The text of each page of a PDF as pdf.js extracts it, whitespace collapsed. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await task.destroy();
  return pages;
}

/** A one-page PDF saying `text`, so its pages can be found in the pack. */
async function pdfSaying(text: string): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  d.addPage().drawText(text, { x: 50, y: 700, size: 14, font: await d.embedFont(StandardFonts.Helvetica) });
  return d.save();
}

describe('paper fallback print pack', () => {
  let t: TestApp;
  let meetingId: string;
  let secretary: string;
  let delegateId: string;
  let delegateName: string;

  beforeAll(async () => {
    t = await createTestApp();
    meetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
    secretary = await t.login('thuky');
    const clerk = await t.login('chuyenvien');
    const [d] = await t.db.select().from(users).where(eq(users.username, 'daibieu01'));
    delegateId = d!.id;
    delegateName = d!.fullName;
    expect((await t.upload(clerk, meetingId, await pdfSaying('Public budget report'), { title: 'Báo cáo ngân sách công khai', confidentiality: 'public' })).status).toBe(201);
    expect((await t.upload(clerk, meetingId, await pdfSaying('Internal draft text'), { title: 'Dự thảo nội bộ', confidentiality: 'internal' })).status).toBe(201);
    expect((await t.request('POST', `/api/meetings/${meetingId}/documents/secret`, { cookie: clerk, body: { title: 'Hồ sơ mật nhân sự' } })).status).toBeLessThan(300);
    await t.db.insert(polls).values([
      { meetingId, title: 'Thông qua Nghị quyết dự toán ngân sách', kind: 'motion', method: 'named' },
      { meetingId, title: 'Bầu Phó Chủ tịch HĐND xã', kind: 'election', method: 'secret', options: [{ id: 'o1', label: 'Trần Thị Minh Hoa' }, { id: 'o2', label: 'Lê Văn Cường' }], seats: 1 },
      { meetingId, title: 'Biểu quyết giơ tay chương trình', kind: 'motion', method: 'hands' },
      { meetingId, title: 'Biểu quyết đã hủy', kind: 'motion', method: 'named', status: 'cancelled' },
    ]);
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('puts the cover, agenda, non-secret documents and a ballot form per poll in one delegate’s PDF', async () => {
    const res = await t.request('GET', `/api/meetings/${meetingId}/print-pack/${delegateId}`, { cookie: secretary });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pages = await pageTexts(new Uint8Array(await res.arrayBuffer()));
    expect(pages[0]).toContain(delegateName);
    expect(pages[0]).toContain('BỘ TÀI LIỆU GIẤY DỰ PHÒNG');
    const items = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(pages[1]).toContain(item.title);
    const all = pages.join('\n');
    expect(all).toContain('Public budget report');
    expect(all).toContain('Internal draft text');
    expect(all).not.toContain('Hồ sơ mật nhân sự');
    // The internal document's page carries the delegate's name; the public one's does not.
    const internalPage = pages.find((p) => p.includes('Internal draft text'))!;
    expect(internalPage).toContain(`${delegateName} — Tài liệu nội bộ`);
    expect(pages.find((p) => p.includes('Public budget report'))).not.toContain('Tài liệu nội bộ');
    // Ballot forms: the named poll and the secret election, not the show of hands nor the cancelled poll.
    const forms = pages.filter((p) => p.includes('PHIẾU BIỂU QUYẾT') || p.includes('PHIẾU BẦU'));
    expect(forms).toHaveLength(2);
    const named = forms.find((p) => p.includes('Thông qua Nghị quyết dự toán ngân sách'))!;
    expect(named).toContain(`Đại biểu: ${delegateName}`);
    expect(named).toMatch(/Tán thành.*Không tán thành.*Không biểu quyết/);
    const secret = forms.find((p) => p.includes('Bầu Phó Chủ tịch HĐND xã'))!;
    expect(secret).toContain('Trần Thị Minh Hoa');
    expect(secret).not.toContain(delegateName);
    expect(all).not.toContain('Biểu quyết giơ tay chương trình');
    expect(all).not.toContain('Biểu quyết đã hủy');
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'printPack.downloaded'), eq(auditLog.targetId, delegateId)));
    expect(entry).toBeDefined();
  });

  it('codes a named ballot form with the delegate and a secret one with the poll only', () => {
    expect(ballotCode({ id: 'p1', method: 'named' }, 'u1')).toBe('hopso:poll:p1:u1');
    expect(ballotCode({ id: 'p2', method: 'secret' }, 'u1')).toBe('hopso:poll:p2');
  });

  it('packs every invitee in one ZIP, and refuses delegates and people not invited', async () => {
    // A standing meeting with three invitees (the demo session's 28 packs take long on a shared machine).
    const [main] = await t.db.select().from(meetings).where(eq(meetings.id, meetingId));
    const [small] = await t.db.insert(meetings).values({ councilId: main!.councilId, kind: 'standing', status: 'published', title: 'Phiên họp Thường trực', startsAt: new Date(), place: 'Phòng họp' }).returning();
    const people = await t.db.select().from(users).where(inArray(users.username, ['daibieu01', 'daibieu02', 'chutich']));
    await t.db.insert(invitations).values(people.map((p) => ({ meetingId: small!.id, userId: p.id })));
    const res = await t.request('GET', `/api/meetings/${small!.id}/print-pack.zip`, { cookie: secretary });
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toHaveLength(3);
    for (const bytes of Object.values(files)) expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const texts = await Promise.all(Object.values(files).map(async (bytes) => (await pageTexts(bytes))[0]!));
    expect(texts.map((cover) => people.find((p) => cover.includes(p.fullName))?.username).sort()).toEqual(['chutich', 'daibieu01', 'daibieu02']);
    expect((await t.request('GET', `/api/meetings/${small!.id}/print-pack/${delegateId}`, { cookie: await t.login('daibieu02') })).status).toBe(403);
    const [stranger] = await t.db.select().from(users).where(eq(users.username, 'daibieu05'));
    expect((await t.request('GET', `/api/meetings/${small!.id}/print-pack/${stranger!.id}`, { cookie: secretary })).status).toBe(404);
  }, 120_000);
});
