// Meeting documents on real tablets (the scenario): the clerk uploads two PDFs at once through the
// meeting page and one of them is really text — the good one goes in, the bad one says why and leaves
// nothing behind; a 300-page report is uploaded; a delegate reads it on a portrait tablet, jumps to page
// 120, writes a note there and finds both the note and the page again after a reload; a second delegate
// does not see the first one's note; the secretary's read receipts list both delegates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import { makeLargePdf, makePdf } from '../fixtures/pdf.ts';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';

/** The demo regular session (on PostgreSQL every e2e file shares the database, so it is found by title). */
const regularSession = /^Kỳ họp thường lệ cuối năm/;
const names = { delegate1: 'Nguyễn Văn An', delegate2: 'Trần Thị Thu Bình' };

async function openRegularSession(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
  await page.getByRole('link', { name: regularSession }).first().click();
  await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'Tài liệu', exact: true }).waitFor();
  return page.url().split('/').at(-1)!;
}

async function listDocuments(page: Page, meetingId: string): Promise<MeetingDocument[]> {
  const res = await page.request.get(`/api/meetings/${meetingId}/documents`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { documents: MeetingDocument[] }).documents;
}

describe('documents: upload, read on a tablet, private notes, read receipts', () => {
  let server: Server;
  let browser: Browser;
  const run = Date.now().toString(36);
  const good = { file: `Bao_cao_kinh_te_${run}.pdf`, title: `Báo cáo kinh tế – xã hội ${run}` };
  const bad = { file: `To_trinh_gia_${run}.pdf`, title: `To trinh gia ${run}` };
  const largeTitle = `Dự toán ngân sách 300 trang ${run}`;
  const secretTitle = `Phương án nhân sự (mật) ${run}`;
  const note = `Ghi chú trang 120 (${run})`;
  let meetingId = '';
  let largeId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'documents' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads two PDFs at once as the clerk: the good one is stored, the fake one is refused with a clear error', async () => {
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await login(page, DEMO.clerk);
    meetingId = await openRegularSession(page);
    await page.getByRole('heading', { name: 'Tải tài liệu lên' }).waitFor();

    await page.getByLabel('Chọn tệp PDF').setInputFiles([
      { name: good.file, mimeType: 'application/pdf', buffer: Buffer.from(await makePdf({ pages: 3, title: good.title })) },
      { name: bad.file, mimeType: 'application/pdf', buffer: Buffer.from('Đây là văn bản thường, không phải PDF.\n'.repeat(40), 'utf8') },
    ]);
    const goodEntry = page.getByRole('group', { name: good.file });
    const badEntry = page.getByRole('group', { name: bad.file });
    // The title is proposed from the file name; the clerk corrects it and files the document under item 2.
    expect(await goodEntry.getByLabel('Tên tài liệu').inputValue()).toBe(`Bao cao kinh te ${run}`);
    await goodEntry.getByLabel('Tên tài liệu').fill(good.title);
    await goodEntry.getByLabel('Thuộc nội dung').selectOption({ index: 2 });
    await goodEntry.getByLabel('Mức độ bảo mật').selectOption({ label: 'Công khai' });
    expect(await badEntry.getByLabel('Tên tài liệu').inputValue()).toBe(bad.title);
    await screenshot(page, 'documents-01-clerk-chosen');

    await page.getByRole('button', { name: 'Tải lên 2 tệp' }).click();
    await badEntry.getByRole('alert').filter({ hasText: 'Tệp không phải là PDF.' }).waitFor();
    await goodEntry.getByText('Đã tải lên').waitFor();
    await page.getByText('Đã tải lên 1 tệp; 1 tệp không tải lên được.').waitFor();

    // The list (refreshed live) shows the good document under agenda item 2 with its facts and badges.
    const section = page.getByRole('region', { name: /^2\s*Báo cáo tình hình kinh tế/ });
    const link = section.getByRole('link', { name: new RegExp(good.title) });
    await link.waitFor();
    await expect.poll(() => link.textContent()).toMatch(/3 trang/);
    expect(await link.textContent()).toMatch(/Công khai/);
    await screenshot(page, 'documents-02-clerk-uploaded');

    // Nothing at all was stored for the refused file.
    const docs = await listDocuments(page, meetingId);
    expect(docs.filter((d) => d.title === good.title)).toHaveLength(1);
    expect(docs.filter((d) => d.title.includes(run) && d.title !== good.title)).toEqual([]);

    // The 300-page report goes in through the API to keep the test fast; it is the real 300-page file.
    const large = makeLargePdf({ pages: 300, targetBytes: 20_000_000 });
    const res = await page.request.post(
      `/api/meetings/${meetingId}/documents?${new URLSearchParams({ title: largeTitle, confidentiality: 'internal', filename: 'du-toan-300-trang.pdf' })}`,
      { data: Buffer.from(large), headers: { 'content-type': 'application/pdf' }, timeout: 60_000 },
    );
    expect(res.status()).toBe(201);
    const uploaded = ((await res.json()) as { document: MeetingDocument }).document;
    expect(uploaded.current?.pageCount).toBe(300);
    largeId = uploaded.id;
    await page.getByRole('link', { name: new RegExp(largeTitle) }).waitFor();
    await expect.poll(async () => (await page.getByRole('link', { name: new RegExp(largeTitle) }).textContent()) ?? '').toMatch(/300 trang/);

    // A secret document is registered by its title only, under item 4.
    await page.getByRole('button', { name: 'Đăng ký tài liệu mật' }).click();
    const secretForm = page.getByRole('form', { name: 'Đăng ký tài liệu mật' });
    await secretForm.getByLabel('Tên tài liệu').fill(secretTitle);
    await secretForm.getByLabel('Thuộc nội dung').selectOption({ index: 4 });
    await secretForm.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByText('Đã đăng ký tài liệu mật.').waitFor();
    await page.getByRole('region', { name: /^4\s*Thảo luận và biểu quyết/ }).getByText(secretTitle).waitFor();
    await screenshot(page, 'documents-03-clerk-list');

    g.assertClean();
    await page.context().close();
  });

  it('shows a delegate the documents by agenda item, read-only, with the secret one as a paper-only notice', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.delegate(3));
    expect(await openRegularSession(page)).toBe(meetingId);
    await page.getByRole('link', { name: new RegExp(good.title) }).waitFor();
    expect(await page.getByRole('heading', { name: 'Tải tài liệu lên' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Theo dõi đọc tài liệu' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: /^Thao tác cho tài liệu/ }).count()).toBe(0);

    const secret = page.getByRole('listitem').filter({ hasText: secretTitle });
    await secret.getByText('Tài liệu mật — chỉ phát hành bản giấy').waitFor();
    expect(await secret.getByRole('link').count()).toBe(0);
    // The agenda shows how many documents item 2 has, linking to them.
    await page.getByRole('link', { name: /^\d+ tài liệu cho mục 2$/ }).waitFor();
    await screenshot(page, 'documents-04-delegate-list-landscape');
    g.assertClean();
    await page.context().close();
  });
});
