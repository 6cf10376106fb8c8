// The meeting record (issue 7): the secretary opens "Biên bản & hồ sơ" for the demo thematic session, writes
// the opening narrative, finalises the minutes and downloads the whole record as a ZIP whose minutes are the
// frozen PDF (same SHA-256 as shown), then adds a recording with a start per agenda item; a delegate sees the
// final minutes and the recording read-only, without exports; the chair signs the final minutes on the tablet
// (the resolutions' signing flow) and the ZIP then carries the signed copy too.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';

const thematicSession = 'Kỳ họp chuyên đề về điều chỉnh kế hoạch đầu tư công trung hạn';

async function sessionId(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
  const res = await page.request.get('/api/meetings');
  const meetings = ((await res.json()) as { meetings: MeetingSummary[] }).meetings;
  return meetings.find((m) => m.title === thematicSession)!.id;
}

describe('meeting record: minutes finalised and the record downloaded', () => {
  let server: Server;
  let browser: Browser;
  let meetingId = '';
  let finalSha = '';
  const opening = `Chủ tọa tuyên bố lý do kỳ họp chuyên đề (${Date.now().toString(36)}).`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'record' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the secretary write the draft, finalise it and download the ZIP', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.secretary);
    meetingId = await sessionId(page);
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Biên bản & hồ sơ' }).click();
    await page.waitForURL(`**/meetings/${meetingId}/record`);
    await page.getByRole('heading', { name: 'Biên bản kỳ họp' }).waitFor();
    await page.getByText('Dự thảo', { exact: true }).waitFor();

    await page.getByLabel('Mở đầu (trước chương trình)').fill(opening);
    await page.getByLabel('Số biên bản').fill('03');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.getByText('Đã lưu dự thảo.').waitFor();
    await screenshot(page, 'record-draft');

    await page.getByRole('button', { name: 'Hoàn thiện biên bản' }).click();
    await page.getByRole('button', { name: 'Hoàn thiện và khóa' }).click();
    await page.getByText('Đã hoàn thiện', { exact: true }).waitFor();
    finalSha = (await page.locator('.sha code').textContent())!.trim();
    expect(finalSha).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByLabel('Mở đầu (trước chương trình)').count()).toBe(0);

    await page.getByRole('tab', { name: 'Xuất dữ liệu' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải hồ sơ ZIP' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ho-so-ky-hop-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['bien-ban.pdf', 'diem-danh.csv', 'diem-danh.xlsx', 'bieu-quyet.csv', 'bieu-quyet.xlsx', 'tai-lieu.csv', 'nhat-ky-su-kien.jsonl', 'ghi-hinh.json', 'manifest.json']));
    expect(createHash('sha256').update(files['bien-ban.pdf']!).digest('hex')).toBe(finalSha);
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toMatchObject({ minutes: { final: true, sha256: finalSha } });
    await screenshot(page, 'record-exports');

    // A recording with a manual start for the only agenda item (this session never went live on the system).
    await page.getByRole('tab', { name: 'Ghi hình' }).click();
    await page.getByRole('button', { name: 'Thêm bản ghi hình' }).click();
    await page.getByLabel('Tên bản ghi').fill('Phiên toàn thể');
    await page.getByLabel('Đường dẫn tệp hoặc video').fill('https://video.tanphu.example.vn/chuyen-de.mp4');
    await page.getByLabel('Bắt đầu ghi lúc').fill('2026-10-15T08:00');
    await page.getByLabel(/^1\. Xem xét/).fill('0:05:00');
    await page.getByRole('button', { name: 'Thêm bản ghi hình' }).click();
    const offset = page.getByRole('link', { name: '5:00' });
    await offset.waitFor();
    expect(await offset.getAttribute('href')).toBe('https://video.tanphu.example.vn/chuyen-de.mp4#t=300');
    await screenshot(page, 'record-recordings');
    g.assertClean();
  });

  it('shows a delegate the final minutes read-only, with no exports', async () => {
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await login(page, DEMO.delegate(3));
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/meetings/${meetingId}/record`);
    await page.getByText('Đã hoàn thiện', { exact: true }).waitFor();
    expect(await page.getByRole('tab', { name: 'Xuất dữ liệu' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lưu dự thảo' }).count()).toBe(0);
    const pdf = await page.request.get(`/api/meetings/${meetingId}/minutes/pdf`);
    expect(pdf.status()).toBe(200);
    expect(createHash('sha256').update(await pdf.body()).digest('hex')).toBe(finalSha);
    await page.getByRole('tab', { name: 'Ghi hình' }).click();
    await page.getByRole('link', { name: 'Phiên toàn thể' }).waitFor();
    expect(await page.getByRole('button', { name: 'Thêm bản ghi hình' }).count()).toBe(0);
    await screenshot(page, 'record-delegate');
    g.assertClean();
  });

  it('lets the chair sign the final minutes on the tablet; the record ZIP then holds the signed copy', async () => {
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await login(page, DEMO.chair);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/meetings/${meetingId}/record`);
    await page.getByRole('heading', { name: 'Ký số biên bản' }).waitFor();
    await page.getByLabel('Tệp chứng thư số (.p12, .pfx)').setInputFiles(join(server.dataDir, 'demo-pki', 'chutich.p12'));
    await page.getByLabel('Mật khẩu của tệp').fill('HopSo@2026');
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    await page.getByTestId('minutes-signed').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('minutes-status').textContent()).toBe('Đã ký số');
    expect(await page.getByTestId('verdict').textContent()).toContain('Hợp lệ');
    const signedSha = (await page.locator('.sha code').textContent())!.trim();
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const files = unzipSync(new Uint8Array(await (await page.request.get(`/api/meetings/${meetingId}/exports/record.zip`)).body()));
    expect(sha(files['bien-ban-da-ky.pdf']!)).toBe(signedSha);
    expect(sha(files['bien-ban.pdf']!)).toBe(finalSha);
    await screenshot(page, 'record-signed');
    g.assertClean();
  }, 180_000);
});
