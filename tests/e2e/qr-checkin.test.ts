// QR check-in at the door (issue 11): the secretary draws a hall and seats a new meeting, a delegate's tablet
// shows their seat and personal QR code, and the secretary's scanner page — a separate Chromium whose camera
// is a video of that very code (Chromium's fake capture device) — reads it: the delegate is checked in, the
// quorum on the page counts them and the seat plan marks their seat present. The camera keeps showing the
// code, so the next read is a replay and is refused ("Đã điểm danh lúc HH:MM"); a forged code typed in is
// refused too. A guest code opens the meeting's public page without an account.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';

/**
 * A Y4M video (what --use-file-for-fake-video-capture plays, looping) of a QR code: black modules on white,
 * centred, 4:2:0 with neutral chroma. Written by hand from the code's module matrix: no ffmpeg needed.
 */
function qrVideo(text: string, file: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const width = 640;
  const height = 480;
  const scale = Math.floor(400 / (size + 8));
  const offX = Math.floor((width - size * scale) / 2);
  const offY = Math.floor((height - size * scale) / 2);
  const y = Buffer.alloc(width * height, 255);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(0, (offY + r * scale + dy) * width + offX + c * scale, (offY + r * scale + dy) * width + offX + (c + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
}

async function signIn(page: Page, username: string) {
  await login(page, username);
  await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
}

describe('QR check-in with the tablet camera', () => {
  let server: Server;
  let browser: Browser;
  let cameraBrowser: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'hopso-qr-'));
  const run = Date.now().toString(36);
  let meetingId = '';
  let code = '';
  let seat = '';
  let delegateName = '';
  let secretary: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'qr-checkin', timeoutMs: 180_000 }), launchBrowser()]);
  });
  afterAll(async () => {
    await cameraBrowser?.close();
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the secretary draws a hall and seats a new meeting; the delegate\'s tablet shows the seat and the QR code', async () => {
    secretary = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(secretary);
    await signIn(secretary, DEMO.secretary);
    const councilId = ((await (await secretary.request.get('/api/councils')).json()) as { councils: { id: string }[] }).councils[0]!.id;
    // A meeting of its own (on PostgreSQL every e2e file shares the demo data), everyone invited, published.
    const startsAt = new Date(Date.now() + 3600_000).toISOString();
    const created = await secretary.request.post(`/api/councils/${councilId}/meetings`, { data: { title: `Kỳ họp chuyên đề điểm danh QR (${run})`, kind: 'thematic', startsAt, place: 'Hội trường UBND xã' } });
    expect(created.status()).toBe(201);
    meetingId = ((await created.json()) as { meeting: { id: string } }).meeting.id;
    expect((await secretary.request.post(`/api/meetings/${meetingId}/publish`, { data: {} })).status()).toBe(200);

    // The hall is drawn in the grid editor.
    await secretary.goto(`/councils/${councilId}/venues`);
    await secretary.getByRole('button', { name: 'Vẽ hội trường mới' }).click();
    await secretary.getByLabel('Tên hội trường').fill(`Hội trường ${run}`);
    await secretary.getByLabel('Số hàng ghế').fill('4');
    await secretary.getByLabel('Số ghế mỗi hàng').fill('8');
    await secretary.getByLabel('Số ghế hàng Đoàn Chủ tịch').fill('3');
    await secretary.getByRole('button', { name: 'Ô A-4: ghế' }).click();
    await secretary.getByRole('button', { name: 'Lưu sơ đồ' }).click();
    await secretary.getByText('Đã lưu sơ đồ hội trường.').waitFor();

    // The meeting is seated there, everyone at once.
    await secretary.goto(`/meetings/${meetingId}`);
    await secretary.getByRole('link', { name: 'Sơ đồ chỗ ngồi' }).click();
    await secretary.getByLabel('Hội trường', { exact: true }).selectOption({ label: `Hội trường ${run}` });
    await secretary.getByRole('button', { name: 'Xếp tự động các người chưa có chỗ' }).click();
    await secretary.getByText(/^Đã xếp thêm \d+ người\./).waitFor();
    await expect.poll(() => secretary.locator('[data-seat="CT-1"]').getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/Nguyễn Văn Thành/);
    // The aisle is no seat.
    expect(await secretary.locator('[data-seat="A-4"]').count()).toBe(0);

    const tablet = await newTabletPage(browser, server.url);
    const tg = await guard(tablet);
    await signIn(tablet, DEMO.delegate(3));
    await tablet.goto(`/meetings/${meetingId}/live`);
    const mySeat = tablet.getByTestId('my-seat');
    await mySeat.waitFor();
    seat = (await mySeat.textContent())!.match(/Ghế của bạn: ([A-Z]+-\d+)/)![1]!;
    const qr = tablet.getByRole('img', { name: /^Mã QR điểm danh của / });
    code = (await qr.getAttribute('data-code'))!;
    delegateName = (await qr.getAttribute('alt'))!.replace('Mã QR điểm danh của ', '');
    expect(code).toMatch(/^HS1\./);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await screenshot(tablet, 'qr-checkin-tablet');
    tg.assertClean();
    g.assertClean();
  });

  it('scanning the code with the camera checks the delegate in, the quorum counts them and the plan marks the seat present; the replay is refused', async () => {
    const video = join(dir, 'qr.y4m');
    qrVideo(code, video);
    cameraBrowser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    const scanner = await newTabletPage(cameraBrowser, server.url, { orientation: 'landscape' });
    await scanner.context().grantPermissions(['camera'], { origin: server.url });
    const g = await guard(scanner);
    await signIn(scanner, DEMO.secretary);
    await scanner.goto(`/meetings/${meetingId}`);
    await scanner.getByRole('link', { name: 'Điểm danh QR' }).click();
    const quorum = scanner.locator('.quorum').first();
    await expect.poll(() => quorum.textContent(), { timeout: 15_000 }).toMatch(/\b0\/\d+ đại biểu có mặt/);
    await expect.poll(() => scanner.locator(`[data-seat="${seat}"]`).getAttribute('data-state'), { timeout: 15_000 }).toBe('unknown');

    await scanner.getByRole('button', { name: 'Bật camera' }).click();
    const log = scanner.getByTestId('scan-log');
    await log.locator('[data-ok="true"]', { hasText: `${delegateName} — đã điểm danh có mặt lúc` }).waitFor({ timeout: 30_000 });
    await expect.poll(() => quorum.textContent(), { timeout: 15_000 }).toMatch(/\b1\/\d+ đại biểu có mặt/);
    await expect.poll(() => scanner.locator(`[data-seat="${seat}"]`).getAttribute('data-state'), { timeout: 15_000 }).toBe('present');
    expect(await scanner.locator(`[data-seat="${seat}"]`).getAttribute('aria-label')).toContain('Có mặt');

    // Still in front of the camera: the same code read again is a replay.
    const replay = log.locator('[data-ok="false"]', { hasText: /Đã điểm danh lúc \d\d:\d\d\./ });
    await replay.first().waitFor({ timeout: 30_000 });
    await scanner.getByRole('button', { name: 'Tắt camera' }).click();
    await expect.poll(() => quorum.textContent(), { timeout: 15_000 }).toMatch(/\b1\/\d+ đại biểu có mặt/);

    // A forged code (another signature) typed into the field is refused.
    const [v, payload] = code.split('.');
    await scanner.getByLabel('Nhập mã (máy quét cầm tay hoặc gõ tay)').fill(`${v}.${payload}.AAAAAAAAAAAAAAAAAAAAAA`);
    await scanner.getByRole('button', { name: 'Điểm danh', exact: true }).click();
    await log.locator('[data-ok="false"]', { hasText: 'Mã QR không hợp lệ' }).waitFor();
    await screenshot(scanner, 'qr-checkin-scanner');

    // The console shows the same plan, the delegate's seat present.
    await secretary.goto(`/meetings/${meetingId}/console`);
    await secretary.getByRole('heading', { name: 'Sơ đồ chỗ ngồi' }).waitFor();
    await expect.poll(() => secretary.locator(`[data-seat="${seat}"]`).getAttribute('data-state'), { timeout: 15_000 }).toBe('present');
    g.assertClean();
  });

  it('a guest code opens the meeting\'s public page without an account', async () => {
    const created = await secretary.request.post(`/api/meetings/${meetingId}/guest-passes`, { data: { label: 'Đại diện UBMTTQ xã', singleUse: true } });
    expect(created.status()).toBe(201);
    const pass = ((await created.json()) as { pass: { code: string } }).pass;
    const guest = await newTabletPage(browser, server.url);
    const g = await guard(guest);
    await guest.goto(`/khach/${pass.code}`);
    await guest.getByRole('heading', { name: `Kỳ họp chuyên đề điểm danh QR (${run})` }).waitFor();
    await guest.getByText('Kính chào Đại diện UBMTTQ xã').waitFor();
    await guest.goto(`/khach/${pass.code.slice(0, -4)}AAAA`);
    await guest.getByText('Mã khách mời không hợp lệ, đã hết hạn hoặc đã bị thu hồi.').waitFor();
    g.assertClean();
  });
});
