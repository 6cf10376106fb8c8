import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { unzipSync, strFromU8 } from 'fflate';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { blobs, meetings, resolutions } from '@hopso/db/schema/index';
import { startLiveServer, type LiveServer } from '../live/testing.ts';
import { firstPagePng, httpAs, pdfText, runSession } from '../minutes/testing.ts';
import { entryHash } from '../audit/chain.ts';

describe('exports of a session run through the live commands', () => {
  let t: LiveServer;
  let secretary: Awaited<ReturnType<typeof httpAs>>;
  let session: Awaited<ReturnType<typeof runSession>>;
  const url = (file: string) => `/api/meetings/${t.meetingId}/exports/${file}`;
  const bytesOf = async (file: string) => {
    const res = await secretary(url(file));
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  beforeAll(async () => {
    t = await startLiveServer();
    session = await runSession(t);
    secretary = await httpAs(t, 'thuky');
  }, 300_000);
  afterAll(async () => { await t?.close(); });

  it('gives the same attendance rows in CSV and XLSX, read back with papaparse and read-excel-file', async () => {
    const csv = Papa.parse<string[]>(new TextDecoder().decode(await bytesOf('attendance.csv')).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const xlsx = await readSheet(Buffer.from(await bytesOf('attendance.xlsx')));
    expect(csv[0]).toEqual(['STT', 'Họ và tên', 'Vai trò', 'Đại biểu', 'Trạng thái', 'Giờ', 'Lý do']);
    expect(xlsx[0]).toEqual(csv[0]);
    // Every invitee once; XLSX keeps numbers as numbers, CSV as their text.
    expect(csv).toHaveLength(xlsx.length);
    expect(xlsx.slice(1).map((r) => r[0])).toEqual(csv.slice(1).map((_, i) => i + 1));
    xlsx.slice(1).forEach((row, i) => expect(row.map((v) => (v === null ? '' : String(v)))).toEqual(csv[i + 1]));
    const rows = csv.slice(1);
    expect(rows.filter((r) => r[3] === 'Có' && ['Có mặt', 'Đến muộn'].includes(r[4]!))).toHaveLength(20);
    expect(rows.find((r) => r[4] === 'Vắng mặt')).toEqual(expect.arrayContaining(['Đi công tác tại huyện']));
  });

  it('gives every poll result in CSV and XLSX with equal values, counts as numbers in XLSX', async () => {
    const csv = Papa.parse<string[]>(new TextDecoder().decode(await bytesOf('polls.csv')).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const xlsx = await readSheet(Buffer.from(await bytesOf('polls.xlsx')));
    expect(xlsx.length).toBe(csv.length);
    xlsx.forEach((row, i) => expect(row.map((v) => (v === null ? '' : String(v)))).toEqual(csv[i]));
    const named = xlsx.filter((r) => r[1] === 'Thông qua Nghị quyết dự toán ngân sách năm sau');
    expect(named.map((r) => [r[3], r[4], r[5], r[6]])).toEqual([['Tán thành', 15, 25, 60], ['Không tán thành', 2, 25, 8], ['Không biểu quyết', 1, 25, 4], ['Không tham gia biểu quyết', 7, 25, 28]]);
    expect(String(named[0]![8])).toContain('Nguyễn Văn An');
    // Secret ballots: counts, never names.
    const secret = xlsx.filter((r) => r[1] === 'Bãi nhiệm đại biểu theo đề nghị của cử tri');
    expect(secret.map((r) => r[4])).toEqual([10, 5, 0, 10]);
    expect(secret.every((r) => r[8] === null || r[8] === '')).toBe(true);
    expect(xlsx.find((r) => r[3] === 'Trần Văn Bình')).toEqual(expect.arrayContaining([14, 25, 56, 'Trúng cử: Trần Văn Bình']));
  });

  it('prints the tables as PDF', async () => {
    const pdf = await bytesOf('polls.pdf');
    firstPagePng(pdf, 'export-polls-page1');
    const text = await pdfText(pdf);
    expect(text).toContain('KẾT QUẢ BIỂU QUYẾT');
    expect(text).toContain('Trần Văn Bình');
    expect(await pdfText(await bytesOf('attendance.pdf'))).toContain('Đi công tác tại huyện');
  });

  it('streams the whole record as one ZIP with the expected entries and a manifest of their hashes', async () => {
    const res = await secretary(url('record.zip'));
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ho-so-ky-hop-\d{4}-\d{2}-\d{2}\.zip"/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['bien-ban-du-thao.pdf', 'bieu-quyet.csv', 'bieu-quyet.xlsx', 'diem-danh.csv', 'diem-danh.xlsx', 'ghi-hinh.json', 'manifest.json', 'nhat-ky-kiem-tra.jsonl', 'nhat-ky-su-kien.jsonl', 'tai-lieu.csv']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { entries: { name: string; sha256: string }[]; eventLog: { lastSeq: number } };
    for (const e of manifest.entries) expect(createHash('sha256').update(files[e.name]!).digest('hex')).toBe(e.sha256);
    const events = strFromU8(files['nhat-ky-su-kien.jsonl']!).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string });
    expect(events.at(-1)!.seq).toBe(manifest.eventLog.lastSeq);
    expect(events.filter((e) => e.type === 'poll.closed')).toHaveLength(4);
    expect(await pdfText(files['bien-ban-du-thao.pdf']!)).toContain('Có mặt: 20/25');
    // The audit extract: the meeting's entries, each still matching its hash, and the chain head at export.
    const audit = (JSON.parse(strFromU8(files['manifest.json']!)) as { audit: { entries: number; chainHead: { seq: number; hash: string } } }).audit;
    const lines = strFromU8(files['nhat-ky-kiem-tra.jsonl']!).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Parameters<typeof entryHash>[0] & { at: string; hash: string });
    expect(lines).toHaveLength(audit.entries);
    for (const e of lines) expect(entryHash({ ...e, at: new Date(e.at) })).toBe(e.hash);
    expect(audit.chainHead.seq).toBeGreaterThanOrEqual(lines.at(-1)?.seq ?? 0);
  });

  it('adds adopted resolutions to the minutes and their PDFs to the ZIP', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const draft = await doc.save();
    const upload = await secretary(`/api/meetings/${t.meetingId}/documents?title=${encodeURIComponent('Dự thảo nghị quyết dự toán')}`, { method: 'POST', body: draft });
    expect(upload.status).toBe(201);
    const sha256 = ((await upload.json()) as { document: { current: { sha256: string } } }).document.current.sha256;
    const [meeting] = await t.db.select().from(meetings).where(eq(meetings.id, t.meetingId));
    await t.db.insert(resolutions).values({
      councilId: meeting!.councilId, meetingId: t.meetingId, pollId: session.polls.named.id, draftSha256: sha256, year: 2026, number: 12,
      code: '12/NQ-HĐND', title: 'Nghị quyết về dự toán ngân sách năm 2027', adoptedOn: '2026-12-15', pollResult: {},
    });
    const files = unzipSync(new Uint8Array(await (await secretary(url('record.zip'))).arrayBuffer()));
    expect(createHash('sha256').update(files['nghi-quyet/12-NQ-HDND.pdf']!).digest('hex')).toBe(sha256);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { entries: { name: string; sha256: string; bytes: number }[] };
    expect(manifest.entries).toContainEqual({ name: 'nghi-quyet/12-NQ-HDND.pdf', sha256, bytes: draft.byteLength });
    expect(await pdfText(files['bien-ban-du-thao.pdf']!)).toContain('1. Nghị quyết số 12/NQ-HĐND: Nghị quyết về dự toán ngân sách năm 2027.');
  });

  it('finishes the ZIP and names a resolution file missing from this server\'s store in the manifest', async () => {
    const sha256 = 'f'.repeat(64);
    await t.db.insert(blobs).values({ sha256, bytes: 1234, pageCount: 1 });
    const [meeting] = await t.db.select().from(meetings).where(eq(meetings.id, t.meetingId));
    await t.db.insert(resolutions).values({
      councilId: meeting!.councilId, meetingId: t.meetingId, pollId: session.polls.hands.id, draftSha256: sha256, year: 2026, number: 13,
      code: '13/NQ-HĐND', title: 'Nghị quyết có tệp không còn trên máy chủ này', adoptedOn: '2026-12-15', pollResult: {},
    });
    const res = await secretary(url('record.zip'));
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(files['nghi-quyet/13-NQ-HDND.pdf']).toBeUndefined();
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { missing?: { name: string; sha256: string }[] };
    expect(manifest.missing).toEqual([{ name: 'nghi-quyet/13-NQ-HDND.pdf', sha256 }]);
  });

  it('refuses delegates and unknown export names', async () => {
    const delegate = await httpAs(t, 'daibieu04');
    expect((await delegate(url('attendance.csv'))).status).toBe(403);
    expect((await delegate(url('record.zip'))).status).toBe(403);
    expect((await secretary(url('ballots.csv'))).status).toBe(404);
    expect((await secretary(url('attendance.docx'))).status).toBe(404);
  });
});
