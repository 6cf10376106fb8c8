// Comments on drafts (góp ý dự thảo) on tablets: the clerk opens a 3-page draft for comments in the panel,
// naming the drafting agency and its representative (the clerk, acting for UBND); delegate 1 comments on page 2 with a section and
// the selected text as a quote; the representative sees it arrive under page 2 in the panel left open (live),
// answers "Tiếp thu" (the delegate's open panel shows the answer), makes the summary
// table; the table is one of the meeting's documents and its PDF text (pdftotext) holds the comment and the
// answer; no CSP violation anywhere.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'playwright-core';
import type { MeetingDocument } from '@hopso/shared/document';
import { apiLogin } from '../bench/lib/api.ts';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';
import { delegateTablet, drawn, regularSessionId, uploadInternal } from './viewer-setup.ts';

const pageInput = (page: Page) => page.getByLabel('Đến trang', { exact: true });

describe('comments on drafts', () => {
  let server: Server;
  let browser: Browser;
  let dir: string;
  let meetingId = '';
  let draft: MeetingDocument;
  let clerkName = '';
  const run = Date.now().toString(36);
  const commentText = `Đề nghị làm rõ nguồn vốn đầu tư công ${run}`;
  const answerText = `Tiếp thu, đã bổ sung nguồn vốn tại Điều 2 ${run}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-comments-'));
    [server, browser] = await Promise.all([startServer({ name: 'draft-comments', timeoutMs: 180_000 }), launchBrowser()]);
    const clerk = await apiLogin(server.url, DEMO.clerk, DEMO_PASSWORD);
    meetingId = await regularSessionId(clerk);
    writeFileSync(join(dir, 'draft.pdf'), await makePdf({ pages: 3, title: 'Dự thảo' }));
    draft = await uploadInternal(clerk, meetingId, `Dự thảo Nghị quyết đầu tư công ${run}`, join(dir, 'draft.pdf'));
    clerkName = (await clerk.get<{ user: { fullName: string } }>('/api/auth/me')).user.fullName;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a delegate comments on page 2, the agency accepts it and files the summary table with the meeting’s documents', async () => {
    // The clerk opens the draft for comments, naming themself to answer for the agency.
    const agency = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const ga = await guard(agency);
    await login(agency, DEMO.clerk);
    await agency.waitForURL((u) => !u.pathname.startsWith('/login'));
    // The bell, the viewer and the live panel share the tablet's one connection (the page loads anew here).
    const sockets: WebSocket[] = [];
    agency.on('websocket', (ws) => sockets.push(ws));
    await agency.goto(`/meetings/${meetingId}/documents/${draft.id}`);
    await drawn(agency, 1);
    await agency.getByRole('button', { name: 'Góp ý', exact: true }).click();
    await agency.getByLabel('Cơ quan soạn thảo').fill('UBND xã Tân Phú');
    await agency.getByRole('checkbox', { name: new RegExp(clerkName) }).check();
    await agency.getByRole('button', { name: 'Mở lấy ý kiến' }).click();
    await agency.getByText(/^Nhận góp ý đến /).waitFor();
    await agency.getByText('Chưa có góp ý nào.').waitFor();
    expect(sockets).toHaveLength(1);

    const { page, g } = await delegateTablet(browser, server.url, { orientation: 'landscape' });
    await page.goto(`/meetings/${meetingId}/documents/${draft.id}`);
    await drawn(page, 1);
    await pageInput(page).fill('2');
    await pageInput(page).press('Enter');
    await drawn(page, 2);
    await expect.poll(() => pageInput(page).inputValue()).toBe('2');
    await page.getByRole('button', { name: 'Góp ý', exact: true }).click();
    await page.getByText('Góp ý cho trang 2').waitFor();
    // Select the page's token in its text layer, then take it as the quote.
    const token = page.locator('[data-page="2"] .textLayer span', { hasText: 'HOPSO-PAGE-2' }).first();
    await token.waitFor();
    await token.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    });
    await page.getByRole('button', { name: 'Lấy đoạn đang chọn' }).click();
    expect(await page.getByLabel('Đoạn trích (không bắt buộc)').inputValue()).toBe('HOPSO-PAGE-2');
    await page.getByLabel('Điều, khoản (không bắt buộc)').fill('Điều 2');
    await page.getByLabel('Nội dung góp ý').fill(commentText);
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    const mine = page.locator('.comment', { hasText: commentText });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Cơ quan soạn thảo chưa trả lời.');
    await page.getByRole('button', { name: 'Trang 2 · Điều 2' }).waitFor();
    await screenshot(page, 'draft-comments-01-delegate');
    g.assertClean();

    // The agency's representative (the clerk) sees it arrive in the panel left open, answers and makes the table.
    const item = agency.locator('.comment', { hasText: commentText });
    await item.waitFor();
    expect(await item.textContent()).toContain('Nguyễn Văn An');
    await item.getByRole('button', { name: 'Trả lời' }).click();
    await item.getByRole('radio', { name: 'Tiếp thu' }).check();
    await item.getByLabel('Nội dung tiếp thu, giải trình').fill(answerText);
    await item.getByRole('button', { name: 'Lưu trả lời' }).click();
    await item.locator('.answer-accepted', { hasText: answerText }).waitFor();
    await agency.getByRole('button', { name: 'Tạo bảng tổng hợp' }).click();
    await agency.getByRole('link', { name: 'Mở bảng tổng hợp tiếp thu, giải trình' }).waitFor();
    await screenshot(agency, 'draft-comments-02-agency');
    ga.assertClean();

    // The delegate sees the answer arrive under their comment, the panel still open; after a reload too.
    await page.locator('.comment .answer-accepted', { hasText: answerText }).waitFor();
    await page.reload();
    await drawn(page, 1);
    await page.getByRole('button', { name: 'Góp ý', exact: true }).click();
    await page.locator('.comment .answer-accepted', { hasText: answerText }).waitFor();

    // The table is one of the meeting's documents, and its text holds the comment and the answer.
    const delegate = await apiLogin(server.url, DEMO.delegate(1), DEMO_PASSWORD);
    const { documents } = await delegate.get<{ documents: MeetingDocument[] }>(`/api/meetings/${meetingId}/documents`);
    const table = documents.find((d) => d.title === `Bảng tổng hợp tiếp thu, giải trình ý kiến góp ý: ${draft.title}`);
    expect(table?.current?.version).toBe(1);
    const bytes = await agencyFile(server.url, table!.id);
    writeFileSync(join(dir, 'table.pdf'), bytes);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'table.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH');
    for (const words of [commentText, answerText]) for (const w of words.split(' ')) expect(text).toContain(w);
    expect(text).toContain('HOPSO-PAGE-2');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Tiếp thu');
    await agency.close();
    await page.close();
  });
});

/** The bytes of a document as the clerk downloads them. */
async function agencyFile(url: string, documentId: string): Promise<Uint8Array> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: DEMO.clerk, password: DEMO_PASSWORD }) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hopso_session='))!.split(';')[0]!;
  const file = await fetch(`${url}/api/documents/${documentId}/file`, { headers: { cookie } });
  expect(file.status).toBe(200);
  return new Uint8Array(await file.arrayBuffer());
}
