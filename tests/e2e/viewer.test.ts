// The document viewer on a tablet: a delegate opens a 3-page paper and a 300-page ~60 MB report (first page
// fast for both, only a small part of the big file fetched), jumps to page 120, searches, highlights a line,
// writes a private note, reloads and finds the note and page 120 again; idle on page 1 the rest of the big file
// is not fetched; internal documents carry the watermark (reader and Vietnam time); a secret document shows
// its notice and no byte of it is asked for; no CSP violation anywhere.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import { apiLogin } from '../bench/lib/api.ts';
import { measureFirstPaint } from '../bench/lib/first-paint.ts';
import { makePdf, writeLargePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';
import { delegateTablet, drawn, regularSessionId, uploadInternal } from './viewer-setup.ts';

const delegateName = 'Nguyễn Văn An';

const pageInput = (page: Page) => page.getByLabel('Đến trang', { exact: true });
const pageView = (page: Page, n: number) => page.locator(`[data-page="${n}"]`);

describe('document viewer', () => {
  let server: Server;
  let browser: Browser;
  let dir: string;
  let meetingId = '';
  let small: MeetingDocument;
  let large: MeetingDocument;
  let secret: MeetingDocument;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-viewer-'));
    [server, browser] = await Promise.all([startServer({ name: 'viewer', timeoutMs: 180_000 }), launchBrowser()]);
    const clerk = await apiLogin(server.url, DEMO.clerk, DEMO_PASSWORD);
    meetingId = await regularSessionId(clerk);
    writeFileSync(join(dir, 'small.pdf'), await makePdf({ pages: 3, title: 'Tờ trình' }));
    await writeLargePdf(join(dir, 'large.pdf'));
    small = await uploadInternal(clerk, meetingId, `Tờ trình 3 trang ${run}`, join(dir, 'small.pdf'));
    large = await uploadInternal(clerk, meetingId, `Dự toán ngân sách 300 trang ${run}`, join(dir, 'large.pdf'));
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: DEMO.clerk, password: DEMO_PASSWORD }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hopso_session='))!.split(';')[0]!;
    const secretRes = await fetch(`${server.url}/api/meetings/${meetingId}/documents/secret`, {
      method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify({ title: `Phương án nhân sự ${run}` }),
    });
    expect(secretRes.status).toBe(201);
    secret = ((await secretRes.json()) as { document: MeetingDocument }).document;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the first page of a 300-page report about as fast as a 3-page one, fetching only a little of it', async () => {
    // One unmeasured look each warms the server, then the median of three cold looks.
    await measureFirstPaint(browser, server.url, meetingId, small.id);
    await measureFirstPaint(browser, server.url, meetingId, large.id);
    const times = { small: [] as number[], large: [] as number[] };
    let largeBytes = 0;
    for (let i = 0; i < 3; i++) {
      times.small.push((await measureFirstPaint(browser, server.url, meetingId, small.id)).firstPageMs);
      const big = await measureFirstPaint(browser, server.url, meetingId, large.id);
      times.large.push(big.firstPageMs);
      largeBytes = Math.max(largeBytes, big.bytesBeforePaint);
      expect(big.statuses.every((s) => s === 206)).toBe(true);
    }
    const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[1]!;
    console.log(`first page: small ${median(times.small).toFixed(0)} ms, large ${median(times.large).toFixed(0)} ms; large fetched ${(largeBytes / 1e3).toFixed(0)} KB of ${(large.current!.bytes / 1e6).toFixed(1)} MB before it`);
    expect(largeBytes).toBeLessThan(large.current!.bytes * 0.05);
    expect(median(times.large)).toBeLessThan(Math.max(median(times.small) * 2, median(times.small) + 400));
  });

  it('fetches no more of the large report while the reader stays on its first page', async () => {
    const { page, g } = await delegateTablet(browser, server.url);
    // Bytes on the wire per request to the file, from the DevTools protocol (cancelled requests count what they got).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const fileRequests = new Set<string>();
    const received = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => { if (e.request.url.includes(`/api/documents/${large.id}/file`)) fileRequests.add(e.requestId); });
    cdp.on('Network.dataReceived', (e) => { if (fileRequests.has(e.requestId)) received.set(e.requestId, (received.get(e.requestId) ?? 0) + (e.encodedDataLength || e.dataLength)); });
    cdp.on('Network.loadingFinished', (e) => { if (fileRequests.has(e.requestId)) received.set(e.requestId, Math.max(received.get(e.requestId) ?? 0, e.encodedDataLength)); });
    const fetched = () => [...received.values()].reduce((a, b) => a + b, 0);

    await page.goto(`/meetings/${meetingId}/documents/${large.id}`);
    await drawn(page, 1);
    const atFirstPaint = fetched();
    // Idle on page 1: a viewer that went on to fetch the rest of the file (pdf.js auto-fetch) would do it now.
    await page.waitForTimeout(5_000);
    const afterIdle = fetched();
    console.log(`large report: ${(atFirstPaint / 1e3).toFixed(0)} KB at first paint, ${(afterIdle / 1e3).toFixed(0)} KB after 5 s idle, of ${(large.current!.bytes / 1e6).toFixed(1)} MB`);
    expect(atFirstPaint).toBeGreaterThan(0);
    expect(afterIdle).toBeLessThan(large.current!.bytes * 0.1);
    await cdp.detach();
    g.assertClean();
    await page.context().close();
  });

  it('stamps the reader’s name and the time, in Vietnam time, over each page of an internal document', async () => {
    const { page, g } = await delegateTablet(browser, server.url);
    // The browser's clock held at 18:30 UTC on the 14th, which is 01:30 on the 15th in Vietnam: a UTC stamp would show another day and hour.
    await page.clock.setFixedTime(new Date('2026-12-14T18:30:00Z'));
    await page.goto(`/meetings/${meetingId}/documents/${small.id}`);
    await drawn(page, 1);
    const mark = (await pageView(page, 1).locator('.watermark').textContent())!;
    expect(mark).toContain(delegateName);
    expect(mark).toContain('01:30');
    expect(mark).toContain('15/12/2026');
    g.assertClean();
    await page.context().close();
  });

  it('reads the large report: page 120, search, a highlight and a private note, all kept after a reload', async () => {
    const { page, g } = await delegateTablet(browser, server.url);
    await page.goto(`/meetings/${meetingId}/documents/${large.id}`);
    await drawn(page, 1);
    await page.getByText('/ 300').waitFor();
    expect(await pageInput(page).inputValue()).toBe('1');
    // The watermark of an internal document names the reader.
    expect(await pageView(page, 1).locator('.watermark').textContent()).toContain(delegateName);
    await screenshot(page, 'viewer-01-large-first-page');

    await pageInput(page).fill('120');
    await pageInput(page).press('Enter');
    await drawn(page, 120);
    await expect.poll(() => pageInput(page).inputValue()).toBe('120');

    // Search: the page's unique token, found on page 121 with its count.
    await page.getByLabel('Tìm trong tài liệu').fill('hopso-page-121');
    await page.getByText('1/1 kết quả').waitFor({ timeout: 60_000 });
    await pageView(page, 121).locator('mark.hit.current').waitFor();
    await expect.poll(() => pageInput(page).inputValue()).toBe('121');
    await page.getByLabel('Xóa nội dung tìm').click();

    // Back to page 120; select its second line of text and highlight it.
    await pageInput(page).fill('120');
    await pageInput(page).press('Enter');
    await drawn(page, 120);
    const line = pageView(page, 120).locator('.textLayer span', { hasText: 'HOPSO-PAGE-120' });
    await line.waitFor();
    await line.evaluate((span) => {
      const range = document.createRange();
      range.selectNodeContents(span);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    const highlightButton = page.getByRole('button', { name: 'Tô sáng' });
    await expect.poll(() => highlightButton.isEnabled()).toBe(true);
    await highlightButton.click();
    await pageView(page, 120).locator('.hl').first().waitFor();

    // A note on page 120.
    const note = `Xem lại khoản chi trang 120 (${run})`;
    await page.getByRole('button', { name: 'Ghi chú', exact: true }).click();
    await page.getByText('Chỉ bạn nhìn thấy ghi chú của mình.').waitFor();
    await page.getByLabel('Ghi chú cho trang 120').fill(note);
    await page.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await page.getByText(note).waitFor();
    await screenshot(page, 'viewer-02-page-120-highlight-note');
    // The reading position is sent 2 s after the page settles.
    await page.waitForTimeout(2_600);

    await page.reload();
    await drawn(page, 120);
    await expect.poll(() => pageInput(page).inputValue()).toBe('120');
    await pageView(page, 120).locator('.hl').first().waitFor();
    await page.getByRole('button', { name: /^Ghi chú \(1\)$/ }).click();
    await page.getByText(note).waitFor();
    await page.getByRole('button', { name: 'Trang 120', exact: true }).waitFor();
    await screenshot(page, 'viewer-03-after-reload');

    // The highlight is stored in PDF units on the line it covers (y of "HOPSO-PAGE-120" is 740 pt).
    const annotations = (await (await page.request.get(`/api/documents/${large.id}/annotations`)).json()) as { annotations: { kind: string; page: number; rects: number[][] }[] };
    const hl = annotations.annotations.find((a) => a.kind === 'highlight')!;
    expect(hl.page).toBe(120);
    expect(hl.rects[0]![0]).toBeGreaterThan(50);
    expect(hl.rects[0]![0]).toBeLessThan(62);
    expect(hl.rects[0]![1]).toBeGreaterThan(730);
    expect(hl.rects[0]![3]).toBeLessThan(760);
    g.assertClean();
    await page.context().close();
  });

  it('zooms, shows thumbnails and the dark theme in landscape, in English', async () => {
    const { page, g } = await delegateTablet(browser, server.url, { orientation: 'landscape' });
    await page.goto(`/meetings/${meetingId}/documents/${small.id}`);
    await drawn(page, 1);
    await page.evaluate(() => localStorage.setItem('hopso.locale', 'en'));
    await page.reload();
    await drawn(page, 1);
    await page.getByLabel('Go to page', { exact: true }).waitFor();
    // Thumbnails are shown by default in landscape.
    await page.getByRole('navigation', { name: 'Page thumbnails' }).locator('canvas').first().waitFor();
    const before = (await pageView(page, 1).boundingBox())!.width;
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await pageView(page, 1).boundingBox())!.width).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Fit width' }).click();
    await expect.poll(async () => Math.round((await pageView(page, 1).boundingBox())!.width)).toBe(Math.round(before));
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('link', { name: 'Download' }).waitFor();
    await screenshot(page, 'viewer-04-landscape-dark-english');
    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.evaluate(() => localStorage.setItem('hopso.locale', 'vi'));
    g.assertClean();
    await page.context().close();
  });

  it('shows a secret document’s notice and never asks for its bytes', async () => {
    const { page, g } = await delegateTablet(browser, server.url);
    const fileRequests: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/file')) fileRequests.push(r.url()); });
    await page.goto(`/meetings/${meetingId}/documents/${secret.id}`);
    await page.getByText(/Tài liệu mật — chỉ phát hành bản giấy/).waitFor();
    await page.getByRole('link', { name: /Cuộc họp/ }).first().waitFor();
    await screenshot(page, 'viewer-05-secret');
    expect(fileRequests).toEqual([]);
    g.assertClean();
    await page.context().close();
  });
});
