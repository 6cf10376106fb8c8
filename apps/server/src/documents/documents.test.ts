import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { councils, documents, meetings } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../testing.ts';

async function pdf(pages: number, label = 'Tai lieu'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 1; i <= pages; i++) doc.addPage().drawText(`${label} page ${i}`, { x: 50, y: 700 });
  return doc.save();
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({ data: bytes.slice(), verbosity: 0 });
  const page = await (await task.promise).getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  await task.destroy();
  return text;
}

/** Every file under the blob store, temporary ones included. */
function storedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('meeting documents', () => {
  let t: TestApp;
  let clerk: string;
  let delegate: string;
  let otherDelegate: string;
  let meetingId: string;
  let small: Uint8Array;
  /** The server's clock when a test sets it; the real time otherwise. */
  let fixedNow: Date | null = null;

  beforeAll(async () => {
    t = await createTestApp({ env: { MAX_UPLOAD_MB: '1' }, now: () => fixedNow ?? new Date() });
    clerk = await t.login('chuyenvien');
    delegate = await t.login('daibieu01');
    otherDelegate = await t.login('daibieu02');
    meetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
    small = await pdf(3);
  });
  afterAll(async () => { await t.close(); });

  it('accepts a PDF, stores it under its SHA-256 and lists it with its page count', async () => {
    const res = await t.upload(clerk, meetingId, small, { title: 'Báo cáo kinh tế – xã hội', filename: 'bao-cao.pdf' });
    expect(res.status).toBe(201);
    const { document } = await res.json();
    expect(document).toMatchObject({ title: 'Báo cáo kinh tế – xã hội', confidentiality: 'internal', readable: true, changed: false });
    expect(document.current).toMatchObject({ version: 1, pageCount: 3, bytes: small.length, filename: 'bao-cao.pdf', uploadedBy: 'Phạm Quốc Bảo' });
    expect(storedFiles(t.blobDir).map((f) => f.split('/').pop())).toContain(document.current.sha256);
    const list = (await (await t.request('GET', `/api/meetings/${meetingId}/documents`, { cookie: delegate })).json()).documents;
    expect(list.map((d: { id: string }) => d.id)).toContain(document.id);
  });

  it.each([
    ['a non-PDF', () => new TextEncoder().encode('<html>not a pdf</html>'), 400, 'pdf_invalid'],
    ['an empty body', () => new Uint8Array(0), 400, 'pdf_invalid'],
    ['a damaged PDF', () => new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage'), 400, 'pdf_damaged'],
    ['a truncated PDF', () => small.slice(0, Math.floor(small.length / 2)), 400, 'pdf_damaged'],
    ['a file over the size limit', () => new Uint8Array(1024 * 1024 + 10).fill(0x25), 413, 'payload_too_large'],
  ])('rejects %s with a clear error and leaves nothing behind', async (_, make, status, code) => {
    const filesBefore = storedFiles(t.blobDir).length;
    const rowsBefore = (await t.db.select().from(documents)).length;
    const res = await t.upload(clerk, meetingId, make());
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.code).toBe(code);
    expect(body.message).toBeTruthy();
    expect(storedFiles(t.blobDir).length).toBe(filesBefore);
    expect((await t.db.select().from(documents)).length).toBe(rowsBefore);
  });

  it('refuses an upload that is not sent as a PDF, and bad metadata', async () => {
    const wrongType = await t.request('POST', `/api/meetings/${meetingId}/documents?title=Ten`, { cookie: clerk, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    const noTitle = await t.upload(clerk, meetingId, small, { title: '' });
    expect(noTitle.status).toBe(400);
    expect((await noTitle.json()).fields.title).toBeDefined();
    const secretUpload = await t.upload(clerk, meetingId, small, { confidentiality: 'secret' });
    expect(secretUpload.status).toBe(400);
  });

  it('keeps one copy of identical files', async () => {
    const bytes = await pdf(2, 'Dedupe');
    await t.upload(clerk, meetingId, bytes, { title: 'Bản A' });
    const before = storedFiles(t.blobDir).length;
    expect((await t.upload(clerk, meetingId, bytes, { title: 'Bản B' })).status).toBe(201);
    expect(storedFiles(t.blobDir).length).toBe(before);
  });

  it('serves byte ranges so a viewer can show page 1 before the whole file arrives', async () => {
    const { document } = await (await t.upload(clerk, meetingId, await pdf(5, 'Ranges'), { title: 'Range' })).json();
    const url = `/api/documents/${document.id}/file`;
    const whole = await t.request('GET', url, { cookie: delegate });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const all = new Uint8Array(await whole.arrayBuffer());
    const part = await t.request('GET', url, { cookie: delegate, headers: { range: 'bytes=10-109' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-109/${all.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(all.slice(10, 110));
    expect((await t.request('GET', url, { cookie: delegate, headers: { range: `bytes=${all.length}-` } })).status).toBe(416);
    const etag = whole.headers.get('etag')!;
    expect((await t.request('GET', url, { cookie: delegate, headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('keeps version history and marks a replaced document as changed for readers of the old one', async () => {
    const { document } = await (await t.upload(clerk, meetingId, await pdf(1, 'Draft one'), { title: 'Dự thảo nghị quyết' })).json();
    await t.request('POST', `/api/documents/${document.id}/views`, { cookie: delegate, body: { page: 1 } });
    // Read once first, so the remembered access check (file-access.ts) has to give way to the new version.
    expect(await pdfText(new Uint8Array(await (await t.request('GET', `/api/documents/${document.id}/file`, { cookie: delegate })).arrayBuffer()))).toContain('Draft one');
    const replaced = await t.request('POST', `/api/documents/${document.id}/versions?filename=du-thao-v2.pdf`, { cookie: clerk, headers: { 'content-type': 'application/pdf' }, body: await pdf(2, 'Draft two') });
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).document.current).toMatchObject({ version: 2, pageCount: 2, filename: 'du-thao-v2.pdf' });
    const mine = async (cookie: string) => (await (await t.request('GET', `/api/meetings/${meetingId}/documents`, { cookie })).json()).documents.find((d: { id: string }) => d.id === document.id);
    expect((await mine(delegate)).changed).toBe(true);
    expect((await mine(otherDelegate)).changed).toBe(false);
    expect(await pdfText(new Uint8Array(await (await t.request('GET', `/api/documents/${document.id}/file`, { cookie: delegate })).arrayBuffer()))).toContain('Draft two');
    await t.request('POST', `/api/documents/${document.id}/views`, { cookie: delegate, body: { page: 2 } });
    expect((await mine(delegate)).changed).toBe(false);
    expect((await (await t.request('GET', `/api/documents/${document.id}/views/me`, { cookie: delegate })).json()).lastPage).toBe(2);
  });

  it('lists a secret document with a notice but never serves its bytes', async () => {
    const res = await t.request('POST', `/api/meetings/${meetingId}/documents/secret`, { cookie: clerk, body: { title: 'Phương án nhân sự (Mật)' } });
    expect(res.status).toBe(201);
    const { document } = await res.json();
    expect(document).toMatchObject({ confidentiality: 'secret', readable: false, current: null });
    for (const cookie of [delegate, clerk, await t.login('admin')]) {
      for (const path of ['file', 'download']) {
        const r = await t.request('GET', `/api/documents/${document.id}/${path}`, { cookie });
        expect(r.status).toBe(403);
        expect((await r.json()).code).toBe('secret_document');
      }
    }
    // Turning an internal document secret withdraws its bytes at once.
    const { document: internal } = await (await t.upload(clerk, meetingId, await pdf(1, 'Soon secret'), { title: 'Sắp mật' })).json();
    expect((await t.request('GET', `/api/documents/${internal.id}/file`, { cookie: delegate })).status).toBe(200);
    await t.request('PATCH', `/api/documents/${internal.id}`, { cookie: clerk, body: { confidentiality: 'secret' } });
    expect((await t.request('GET', `/api/documents/${internal.id}/file`, { cookie: delegate })).status).toBe(403);
    // So does deleting one.
    const { document: gone } = await (await t.upload(clerk, meetingId, await pdf(1, 'Soon gone'), { title: 'Sắp xóa' })).json();
    expect((await t.request('GET', `/api/documents/${gone.id}/file`, { cookie: delegate, headers: { range: 'bytes=0-99' } })).status).toBe(206);
    expect((await t.request('DELETE', `/api/documents/${gone.id}`, { cookie: clerk })).status).toBe(200);
    expect((await t.request('GET', `/api/documents/${gone.id}/file`, { cookie: delegate, headers: { range: 'bytes=0-99' } })).status).toBe(404);
  });

  it('burns the reader’s name and the time (Vietnam time) into downloads of internal documents, not public ones', async () => {
    const { document: internal } = await (await t.upload(clerk, meetingId, small, { title: 'Nội bộ', confidentiality: 'internal' })).json();
    const { document: pub } = await (await t.upload(clerk, meetingId, small, { title: 'Công khai', confidentiality: 'public' })).json();
    // 18:30 UTC on the 14th is 01:30 on the 15th in Vietnam (UTC+7): a UTC stamp would show another day and hour.
    fixedNow = new Date('2026-12-14T18:30:00Z');
    const dl = await Promise.resolve(t.request('GET', `/api/documents/${internal.id}/download`, { cookie: delegate })).finally(() => { fixedNow = null; });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain('attachment');
    const text = await pdfText(new Uint8Array(await dl.arrayBuffer()));
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Tài liệu nội bộ');
    expect(text).toContain('01:30');
    expect(text).toContain('15/12/2026');
    const plain = new Uint8Array(await (await t.request('GET', `/api/documents/${pub.id}/download`, { cookie: delegate })).arrayBuffer());
    expect(plain).toEqual(small);
  });

  it('hides documents of meetings the caller may not read', async () => {
    const { document } = await (await t.upload(clerk, meetingId, small, { title: 'Riêng' })).json();
    const [council] = await t.db.select().from(councils);
    const [draft] = await t.db.insert(meetings).values({ councilId: council!.id, kind: 'standing', title: 'Nháp', startsAt: new Date(), place: 'P' }).returning();
    const { document: draftDoc } = await (await t.upload(clerk, draft!.id, small, { title: 'Tài liệu nháp' })).json();
    expect((await t.request('GET', `/api/documents/${draftDoc.id}/file`, { cookie: delegate })).status).toBe(404);
    expect((await t.request('GET', `/api/meetings/${draft!.id}/documents`, { cookie: delegate })).status).toBe(404);
    expect((await t.request('GET', `/api/documents/${document.id}/file`)).status).toBe(401);
    expect((await t.upload(delegate, meetingId, small)).status).toBe(403);
  });

  it('keeps annotations private to their author', async () => {
    const { document } = await (await t.upload(clerk, meetingId, small, { title: 'Ghi chú' })).json();
    const base = `/api/documents/${document.id}/annotations`;
    const created = await t.request('POST', base, { cookie: delegate, body: { page: 2, kind: 'note', text: 'Hỏi lại số liệu chi thường xuyên', rects: [[50, 600, 300, 620]] } });
    expect(created.status).toBe(201);
    const { annotation } = await created.json();
    expect(annotation).toMatchObject({ page: 2, kind: 'note', color: '#ffd54f' });
    expect((await (await t.request('GET', base, { cookie: delegate })).json()).annotations).toHaveLength(1);
    for (const cookie of [otherDelegate, clerk, await t.login('admin')]) {
      expect((await (await t.request('GET', base, { cookie })).json()).annotations).toEqual([]);
      expect((await t.request('PATCH', `/api/annotations/${annotation.id}`, { cookie, body: { text: 'x' } })).status).toBe(404);
      expect((await t.request('DELETE', `/api/annotations/${annotation.id}`, { cookie })).status).toBe(404);
    }
    const exported = await t.request('GET', `${base}/export`, { cookie: delegate });
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect((await exported.json()).annotations[0].text).toBe('Hỏi lại số liệu chi thường xuyên');
    const patched = await t.request('PATCH', `/api/annotations/${annotation.id}`, { cookie: delegate, body: { text: 'Đã rõ' } });
    expect((await patched.json()).annotation.text).toBe('Đã rõ');
    expect((await t.request('DELETE', `/api/annotations/${annotation.id}`, { cookie: delegate })).status).toBe(200);
    expect((await t.request('POST', base, { cookie: delegate, body: { page: 0, kind: 'scribble' } })).status).toBe(400);
  });

  it('shows the secretariat who opened each document and the share of delegates', async () => {
    const { document } = await (await t.upload(clerk, meetingId, small, { title: 'Cần đọc' })).json();
    await t.request('POST', `/api/documents/${document.id}/views`, { cookie: delegate, body: { page: 1 } });
    await t.request('POST', `/api/documents/${document.id}/views`, { cookie: clerk, body: { page: 1 } });
    const res = await t.request('GET', `/api/meetings/${meetingId}/read-receipts`, { cookie: clerk });
    const receipt = (await res.json()).receipts.find((r: { documentId: string }) => r.documentId === document.id);
    expect(receipt).toMatchObject({ delegatesInvited: 25, delegatesOpened: 1 });
    expect(receipt.readers.map((r: { fullName: string }) => r.fullName).sort()).toEqual(['Nguyễn Văn An', 'Phạm Quốc Bảo']);
    expect((await t.request('GET', `/api/meetings/${meetingId}/read-receipts`, { cookie: delegate })).status).toBe(403);
  });

  it('flags documents uploaded after the send-ahead deadline of a regular session', async () => {
    const [council] = await t.db.select().from(councils);
    const [soon] = await t.db.insert(meetings).values({ councilId: council!.id, kind: 'regular', status: 'published', title: 'Kỳ họp sắp tới', startsAt: new Date(Date.now() + 2 * 86400_000), place: 'P' }).returning();
    const { document: late } = await (await t.upload(clerk, soon!.id, small, { title: 'Muộn' })).json();
    expect(late.late).toBe(true);
    const { document: early } = await (await t.upload(clerk, meetingId, small, { title: 'Đúng hạn' })).json();
    expect(early.late).toBe(false);
    // A council whose rule set asks for one day only: two days ahead is in time.
    await t.db.update(councils).set({ rules: { sendAheadDays: 1 } }).where(eq(councils.id, council!.id));
    const { document: inTime } = await (await t.upload(clerk, soon!.id, small, { title: 'Kịp' })).json();
    expect(inTime.late).toBe(false);
    await t.db.update(councils).set({ rules: null }).where(eq(councils.id, council!.id));
  });
});
