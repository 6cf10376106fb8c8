// Meeting documents on real tablets (the scenario): the clerk uploads two PDFs at once through the
// meeting page and one of them is really text — the good one goes in, the bad one says why and leaves
// nothing behind; a 300-page report is uploaded; a delegate reads it on a portrait tablet, jumps to page
// 120, writes a note there and finds both the note and the page again after a reload; a second delegate
// does not see the first one's note; the secretary's read receipts list both delegates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import { makeLargePdf, makePdf } from '../fixtures/pdf.ts';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';
import { drawn } from './viewer-setup.ts';

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

const pageInput = (page: Page) => page.getByLabel('Đến trang', { exact: true });
/** Waits until the viewer has drawn page `n` (its canvas exists only once rendered). */

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
    [server, browser] = await Promise.all([startServer({ name: 'documents', timeoutMs: 180_000 }), launchBrowser()]);
  }, 240_000);
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

    // Live: a document the clerk adds meanwhile appears on the delegate's open page without a reload.
    const clerk = await newTabletPage(browser, server.url);
    await login(clerk, DEMO.clerk);
    await clerk.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    const liveTitle = `Thông báo bổ sung ${run}`;
    const res = await clerk.request.post(
      `/api/meetings/${meetingId}/documents?${new URLSearchParams({ title: liveTitle, confidentiality: 'public', filename: 'bo-sung.pdf' })}`,
      { data: Buffer.from(await makePdf({ pages: 1 })), headers: { 'content-type': 'application/pdf' } },
    );
    expect(res.status()).toBe(201);
    await page.getByRole('link', { name: new RegExp(liveTitle) }).waitFor();
    expect(await page.getByRole('link', { name: new RegExp(liveTitle) }).textContent()).toMatch(/1 trang/);
    await clerk.context().close();
    g.assertClean();
    await page.context().close();
  });

  it('lets the clerk replace a document with a new version, edit it and delete it, in English too', async () => {
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await login(page, DEMO.clerk);
    await openRegularSession(page);
    const actions = page.getByRole('group', { name: `Thao tác cho tài liệu ${good.title}` });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), actions.getByRole('button', { name: 'Thay bản mới' }).click()]);
    await chooser.setFiles({ name: `ban-2-${run}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await makePdf({ pages: 4, title: good.title })) });
    await page.getByText('Đã thay bằng bản mới.').waitFor();
    const link = page.getByRole('link', { name: new RegExp(good.title) });
    await expect.poll(() => link.textContent()).toMatch(/4 trang.*Bản 2/);

    // Edit: a new title and a move to the general documents.
    const edited = `${good.title} (sửa)`;
    await actions.getByRole('button', { name: 'Sửa' }).click();
    const form = page.getByRole('form', { name: 'Sửa thông tin tài liệu' });
    await form.getByLabel('Tên tài liệu').fill(edited);
    await form.getByLabel('Thuộc nội dung').selectOption({ label: '— Tài liệu chung —' });
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('region', { name: 'Tài liệu chung' }).getByRole('link', { name: new RegExp(edited.replace(/[()]/g, '\\$&')) }).waitFor();

    // The same screen in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Upload documents' }).waitFor();
    await page.getByRole('region', { name: 'General documents' }).getByText('4 pages').first().waitFor();
    await screenshot(page, 'documents-05-clerk-english');

    // Delete, after confirming.
    await page.getByRole('group', { name: `Actions for ${edited}` }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete document' }).click();
    await expect.poll(() => page.getByRole('link', { name: new RegExp(edited.replace(/[()]/g, '\\$&')) }).count()).toBe(0);
    expect(await page.getByRole('link', { name: new RegExp(largeTitle) }).count()).toBe(1);
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    g.assertClean();
    await page.context().close();
  });

  it('lets a delegate read the 300-page report on a tablet: page 120, a note, both back after a reload', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'portrait' });
    expect(page.viewportSize()).toEqual({ width: 820, height: 1180 });
    const g = await guard(page);
    await login(page, DEMO.delegate(1));
    await openRegularSession(page);
    await page.getByRole('link', { name: new RegExp(largeTitle) }).click();
    await page.waitForURL(`**/meetings/${meetingId}/documents/${largeId}`);
    await drawn(page, 1);
    await page.getByText('/ 300').waitFor();

    // The viewer saves the reading position shortly after the page settles.
    const positionSaved = page.waitForResponse((r) => r.url().endsWith(`/api/documents/${largeId}/views`) && r.request().postDataJSON()?.page === 120);
    await pageInput(page).fill('120');
    await pageInput(page).press('Enter');
    await drawn(page, 120);
    await expect.poll(() => pageInput(page).inputValue()).toBe('120');

    await page.getByRole('button', { name: 'Ghi chú', exact: true }).click();
    await page.getByLabel('Ghi chú cho trang 120').fill(note);
    await page.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await page.getByText(note).waitFor();
    expect((await positionSaved).status()).toBe(200);
    await screenshot(page, 'documents-06-delegate-page-120-note');

    await page.reload();
    await drawn(page, 120);
    await expect.poll(() => pageInput(page).inputValue()).toBe('120');
    await page.getByRole('button', { name: 'Ghi chú (1)', exact: true }).click();
    await page.getByText(note).waitFor();
    await screenshot(page, 'documents-07-delegate-after-reload');
    g.assertClean();
    await page.context().close();
  });

  it('does not show one delegate\'s note to another delegate opening the same document', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'portrait' });
    const g = await guard(page);
    await login(page, DEMO.delegate(2));
    await openRegularSession(page);
    const opened = page.waitForResponse((r) => r.url().endsWith(`/api/documents/${largeId}/views`) && r.request().method() === 'POST');
    await page.getByRole('link', { name: new RegExp(largeTitle) }).click();
    await drawn(page, 1);
    expect(await pageInput(page).inputValue()).toBe('1');
    expect((await opened).status()).toBe(200);
    await page.getByRole('button', { name: 'Ghi chú (0)', exact: true }).click();
    await page.getByText('Chưa có ghi chú hay đoạn tô sáng nào.').waitFor();
    expect(await page.getByText(note).count()).toBe(0);
    const res = await page.request.get(`/api/documents/${largeId}/annotations`);
    expect(((await res.json()) as { annotations: { text: string }[] }).annotations.map((a) => a.text)).not.toContain(note);
    await screenshot(page, 'documents-08-second-delegate-no-note');
    g.assertClean();
    await page.context().close();
  });

  it('shows the secretary who opened the 300-page report', async () => {
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await login(page, DEMO.secretary);
    await openRegularSession(page);
    await page.getByRole('tab', { name: 'Theo dõi đọc tài liệu' }).click();
    const receipt = page.getByRole('listitem').filter({ has: page.getByText(largeTitle, { exact: true }) });
    await receipt.getByText(/^2\/\d+ đại biểu — \d+%$/).waitFor();
    await receipt.getByRole('button', { name: 'Người đã mở (2)' }).click();
    const readers = receipt.getByRole('table');
    await readers.getByRole('cell', { name: names.delegate1 }).waitFor();
    await readers.getByRole('cell', { name: names.delegate2 }).waitFor();
    expect(await readers.locator('tbody tr').count()).toBe(2);
    // Times are Vietnam time, day first ("08:00, thứ Hai, 07/12/2026").
    expect(await readers.locator('tbody tr').first().locator('td').nth(1).textContent()).toMatch(/^\d\d:\d\d, .+, \d\d\/\d\d\/\d{4}$/);
    await screenshot(page, 'documents-09-secretary-receipts');
    g.assertClean();
    await page.context().close();
  });
});
