// Council rules (quy định): the secretary changes the send-ahead period and the speaking time on the
// "Quy định / Cài đặt" tab, reloads and finds them kept, and corrects the council's locality; a delegate reads the same rules, read-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';

async function councilId(page: Page): Promise<string> {
  const res = await page.request.get('/api/councils');
  return ((await res.json()) as { councils: { id: string }[] }).councils[0]!.id;
}

describe('council rules screen', () => {
  let server: Server;
  let browser: Browser;
  let id = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'council-rules' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the secretary change the send-ahead days and the speaker time, kept after a reload', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.secretary);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    id = await councilId(page);
    await page.goto(`/councils/${id}`);
    await page.getByRole('tab', { name: 'Quy định / Cài đặt' }).click();
    await page.getByText('ít nhất hai phần ba tổng số đại biểu HĐND.', { exact: false }).first().waitFor();
    await page.getByLabel('Gửi tài liệu trước kỳ họp thường lệ (ngày)').fill('10');
    await page.getByLabel('Mỗi lượt phát biểu (phút:giây)').fill('4:30');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu quy định.').waitFor();

    await page.reload();
    await page.getByRole('tab', { name: 'Quy định / Cài đặt' }).click();
    await expect.poll(() => page.getByLabel('Mỗi lượt phát biểu (phút:giây)').inputValue()).toBe('4:30');
    expect(await page.getByLabel('Gửi tài liệu trước kỳ họp thường lệ (ngày)').inputValue()).toBe('10');
    const stored = await (await page.request.get(`/api/councils/${id}/rules`)).json();
    expect(stored.rules).toMatchObject({ sendAheadDays: 10, speakerSeconds: 270 });
    await screenshot(page, 'council-rules-secretary');

    // The council's details are edited on the info tab.
    await page.getByRole('tab', { name: 'Thông tin & nhiệm kỳ' }).click();
    await page.getByRole('button', { name: 'Sửa', exact: true }).click();
    await page.getByLabel('Địa bàn').fill('Xã Tân Phú, tỉnh Đồng Nai');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Xã Tân Phú, tỉnh Đồng Nai').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Thông tin & nhiệm kỳ' }).click();
    await page.getByText('Xã Tân Phú, tỉnh Đồng Nai').waitFor();
    g.assertClean();
  });

  it('shows a delegate the same rules, read-only', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'portrait' });
    const g = await guard(page);
    await login(page, DEMO.delegate(1));
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/councils/${id}`);
    await page.getByText('Bạn đang xem quy định').waitFor();
    const speaker = page.getByLabel('Mỗi lượt phát biểu (phút:giây)');
    expect(await speaker.inputValue()).toBe('4:30');
    expect(await speaker.isDisabled()).toBe(true);
    expect(await page.getByLabel('Gửi tài liệu trước kỳ họp thường lệ (ngày)').inputValue()).toBe('10');
    expect(await page.getByRole('button', { name: 'Lưu', exact: true }).count()).toBe(0);
    await screenshot(page, 'council-rules-delegate');
    g.assertClean();
  });
});
