// Voter petitions end to end (issue 8 item 2): a citizen on a phone sends a petition with a PDF through the
// portal form and gets a tracking code; the clerk finds it in the secretariat's list on a tablet, classifies it
// with a keyword-rule suggestion chip (a rule the secretary adds on the settings screen), sends it to an agency with a deadline, records the answer and publishes it with a summary; the
// citizen looks the code up and reads the answer, which is also on the portal's answered list; the month's
// Resolution 57 KPI counts one more petition received and answered on time. A delegate has no way in.
// Counts are read before and after, and the petition carries a token, since PostgreSQL runs share a database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf, type KpiReport } from '@hopso/shared/kpi';
import type { PetitionConfig } from '@hopso/shared/petitions';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';
import { apiAs, delegateDenied } from './sitting.ts';

const portal = '/cong-khai/hdnd-xa-tan-phu/kien-nghi';

/** A phone like the portal test's (390×844), no login, scripts off: the portal's pages work without them. */
async function phone(browser: Browser, server: Server): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', javaScriptEnabled: false });
  return context.newPage();
}

describe('voter petitions', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'petitions' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes from the portal form to a published answer the citizen finds by code, and counts in the KPI', async () => {
    const token = `KT${Date.now().toString(36).toUpperCase()}`;
    const content = `Đề nghị sửa chữa đường liên ấp đoạn qua Ấp Bình An, mặt đường hư hỏng nặng, mùa mưa ngập sâu (${token}).`;
    const summary = `Cử tri đề nghị sửa chữa đường liên ấp qua Ấp Bình An (${token}).`;
    const answer = `UBND xã đã bố trí vốn sửa chữa đoạn đường trong quý I năm 2027 (${token}).`;

    const clerkApi = await apiAs(server, DEMO.clerk);
    const { councils } = await (await clerkApi('/api/councils')).json() as { councils: { id: string; name: string }[] };
    const councilId = councils.find((c) => c.name === 'HĐND xã Tân Phú')!.id;
    const month = monthOf(new Date());
    const kpi = async () => (await (await clerkApi(`/api/councils/${councilId}/kpi?from=${month}&to=${month}`)).json() as KpiReport).months[0]!;
    const before = await kpi();

    // The chip comes from a keyword rule the secretary adds on the settings screen (its keyword is this run's
    // token, so no other petition matches it). The clerk may read the settings, not change them.
    const config = await (await clerkApi(`/api/councils/${councilId}/petition-settings`)).json() as PetitionConfig & { canConfigure: boolean };
    expect(config.canConfigure).toBe(false);
    const ruleField = `Giao thông nông thôn ${token}`;
    const sec = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const gs = await guard(sec);
    await login(sec, DEMO.secretary);
    await sec.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await sec.goto(`/councils/${councilId}/petitions/settings`);
    await sec.getByRole('heading', { name: 'Cài đặt tiếp nhận kiến nghị' }).waitFor();
    await sec.getByRole('button', { name: 'Thêm quy tắc' }).click();
    const n = config.rules.length;
    await sec.locator(`#rule-${n}-kind`).selectOption('field');
    await sec.locator(`#rule-${n}-value`).fill(ruleField);
    await sec.locator(`#rule-${n}-keywords`).fill(`${token.toLowerCase()}, cầu cống`);
    await sec.getByRole('button', { name: 'Lưu', exact: true }).click();
    await sec.getByText('Đã lưu cài đặt.').waitFor();
    const saved = await (await clerkApi(`/api/councils/${councilId}/petition-settings`)).json() as PetitionConfig;
    expect(saved.rules).toHaveLength(n + 1);
    expect(saved.rules.at(-1)).toEqual({ kind: 'field', value: ruleField, keywords: [token.toLowerCase(), 'cầu cống'] });
    gs.assertClean();
    await sec.context().close();

    // The citizen's phone: the form, a small PDF, the tracking code.
    const citizen = await phone(browser, server);
    const requests: string[] = [];
    citizen.on('request', (req) => requests.push(req.url()));
    await citizen.goto(`${portal}/gui`);
    await citizen.getByRole('heading', { level: 1, name: 'Gửi kiến nghị tới Hội đồng nhân dân' }).waitFor();
    await citizen.getByLabel(/^Thôn, ấp, tổ dân phố hoặc địa bàn/).fill('Ấp Bình An');
    await citizen.getByLabel(/^Nội dung kiến nghị/).fill(content);
    const pdf = await makePdf({ pages: 1, title: 'Anh hien truong', textPerPage: () => ['Duong lien ap bi hu hong'] });
    await citizen.getByLabel('Tệp đính kèm (không bắt buộc)').setInputFiles({ name: 'hien-truong.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await screenshot(citizen, 'petitions-02-portal-form');
    await citizen.getByRole('button', { name: 'Gửi kiến nghị' }).click();
    await citizen.getByText('Đã nhận kiến nghị của bạn. Xin cảm ơn!').waitFor();
    const code = (await citizen.locator('.notice-ok .code').textContent())!.trim();
    expect(code).toMatch(/^KN-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await screenshot(citizen, 'petitions-03-portal-code');

    // The clerk on a portrait tablet (768×1024): the council page's link, the list searched by the token.
    const page = await newTabletPage(browser, server.url);
    await page.setViewportSize({ width: 768, height: 1024 });
    const g = await guard(page);
    await login(page, DEMO.clerk);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/councils/${councilId}`);
    await page.getByRole('link', { name: 'Kiến nghị cử tri' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiến nghị cử tri' }).waitFor();
    await page.getByLabel('Tìm theo mã, nội dung').fill(token);
    await page.getByLabel('Kênh tiếp nhận').selectOption('web');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByText('1 kiến nghị', { exact: true }).waitFor();
    expect(page.url()).toContain(`q=${token}`);
    await screenshot(page, 'petitions-04-list-portrait');
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: code }).waitFor();

    // What came in: the text, no name given (the citizen left it blank), the PDF as a download.
    expect(await page.getByRole('main').textContent()).toContain(content);
    await page.getByText('Không ghi tên').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /hien-truong\.pdf/ }).click()]);
    expect(download.suggestedFilename()).toBe('hien-truong.pdf');

    // Classify with the suggestion chip, the locality as the citizen wrote it.
    const actions = page.getByRole('region', { name: 'Xử lý kiến nghị' });
    expect(await actions.getByRole('tab', { name: 'Phân loại' }).getAttribute('aria-selected')).toBe('true');
    await actions.getByLabel(/^Lĩnh vực/).fill('');
    await actions.getByRole('button', { name: new RegExp(`^Chọn gợi ý ${ruleField} `) }).click();
    expect(await actions.getByLabel(/^Lĩnh vực/).inputValue()).toBe(ruleField);
    expect(await actions.getByLabel(/^Địa bàn/).inputValue()).toBe('Ấp Bình An');
    await screenshot(page, 'petitions-05-classify');
    await actions.getByRole('button', { name: 'Phân loại', exact: true }).click();

    // Assign: the assign form opens next, with the council's proposed deadline; the clerk sets ten days.
    await actions.getByRole('tab', { name: 'Chuyển cơ quan trả lời', selected: true }).waitFor();
    await page.getByText('Đã phân loại', { exact: true }).first().waitFor();
    const deadline = new Date(Date.now() + 7 * 3600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
    await actions.getByRole('textbox', { name: 'Cơ quan trả lời', exact: true }).fill('UBND xã Tân Phú');
    await actions.getByLabel('Hạn trả lời', { exact: true }).fill(deadline);
    await actions.getByRole('button', { name: 'Chuyển cơ quan trả lời', exact: true }).click();

    // The agency's answer, then the published summary (publishing asks first).
    await actions.getByRole('tab', { name: 'Ghi nhận trả lời', selected: true }).waitFor();
    await actions.getByLabel('Nội dung trả lời của cơ quan').fill(answer);
    await actions.getByRole('button', { name: 'Ghi nhận trả lời', exact: true }).click();
    await actions.getByRole('tab', { name: 'Công bố trả lời', selected: true }).waitFor();
    await actions.getByLabel('Nội dung kiến nghị công khai').fill(summary);
    page.once('dialog', (d) => void d.accept());
    await actions.getByRole('button', { name: 'Công bố trả lời', exact: true }).click();
    await actions.getByText('Kiến nghị đã xử lý xong; không còn thao tác nào.').waitFor();
    expect(await page.getByRole('main').textContent()).toContain(answer);
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'petitions-06-published-landscape');

    // Back on the list (landscape), the statistics count it answered on time.
    await page.goto(`/councils/${councilId}/petitions`);
    await page.getByRole('tab', { name: 'Thống kê' }).click();
    await page.getByTestId('petition-stats').waitFor();
    await screenshot(page, 'petitions-07-stats');
    await page.getByRole('tab', { name: 'Gợi ý gộp' }).click();
    await page.getByRole('tabpanel').waitFor();
    await screenshot(page, 'petitions-08-duplicates');
    await page.getByRole('link', { name: 'Cài đặt tiếp nhận' }).click();
    await page.getByText('Bạn chỉ xem được cài đặt', { exact: false }).waitFor();
    expect(await page.getByLabel('Số ngày để cơ quan trả lời').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Lưu', exact: true }).count()).toBe(0);
    await screenshot(page, 'petitions-09-settings-read-only');
    g.assertClean();

    // The citizen looks the code up and reads the answer; the answered list shows the summary.
    await citizen.goto(`${portal}/tra-cuu`);
    await citizen.getByLabel('Mã tra cứu').fill(code.toLowerCase());
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    await citizen.getByText('Đã công bố trả lời').waitFor();
    const found = await citizen.getByRole('main').textContent();
    expect(found).toContain(answer);
    expect(found).toContain(summary);
    await screenshot(citizen, 'petitions-10-portal-lookup');
    await citizen.goto(`${portal}?q=${encodeURIComponent(token)}`);
    await citizen.getByRole('link', { name: summary }).waitFor();
    for (const url of requests) expect(url.startsWith(server.url), url).toBe(true);

    const after = await kpi();
    expect(after.petitionsReceived).toBe(before.petitionsReceived + 1);
    expect(after.petitionsAnswered).toBe(before.petitionsAnswered + 1);
    expect(after.petitionsAnsweredOnTime).toBe(before.petitionsAnsweredOnTime + 1);
  }, 180_000);

  it('takes the petitions of a voter-contact meeting as one list, with the errors on their row', async () => {
    const token = `TX${Date.now().toString(36).toUpperCase()}`;
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    await page.setViewportSize({ width: 1024, height: 768 });
    const g = await guard(page);
    await login(page, DEMO.clerk);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    const { councils } = await (await page.request.get('/api/councils')).json() as { councils: { id: string; name: string }[] };
    const councilId = councils.find((c) => c.name === 'HĐND xã Tân Phú')!.id;
    await page.goto(`/councils/${councilId}/petitions`);
    await page.getByRole('link', { name: 'Nhập từ tiếp xúc cử tri' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập kiến nghị từ tiếp xúc cử tri' }).waitFor();
    await page.getByLabel('Ngày tiếp xúc').fill('2026-11-20');
    await page.locator('#bk-0-locality').fill('Ấp Tân Lợi');
    await page.locator('#bk-0-content').fill(`Đề nghị lắp đèn chiếu sáng tuyến đường ven kênh (${token}).`);
    await page.locator('#bk-0-name').fill('Trần Thị Mai');
    // The third row is the second one sent: its error comes back as items.1.content and lands on row 3.
    await page.locator('#bk-2-locality').fill('Ấp Tân Hòa');
    await page.locator('#bk-2-content').fill('Ngắn');
    await page.getByRole('button', { name: 'Tiếp nhận 2 kiến nghị' }).click();
    await page.locator('#bk-2-content-error').waitFor();
    expect(await page.locator('#bk-2-content-error').textContent()).toContain('ít nhất 10 ký tự');
    expect(await page.locator('#bk-0-content-error').count()).toBe(0);
    await screenshot(page, 'petitions-11-bulk-row-error');
    await page.locator('#bk-2-content').fill(`Đề nghị nạo vét mương thoát nước khu dân cư (${token}).`);
    await page.getByRole('button', { name: 'Tiếp nhận 2 kiến nghị' }).click();
    await page.getByText('Đã tiếp nhận 2 kiến nghị.').waitFor();
    expect(await page.getByRole('status').locator('code').count()).toBe(2);

    const list = await (await page.request.get(`/api/councils/${councilId}/petitions?q=${token}`)).json() as { petitions: { channel: string; receivedAt: string; submitterName: string | null }[] };
    expect(list.petitions.map((p) => p.channel)).toEqual(['meeting', 'meeting']);
    expect(list.petitions.map((p) => p.receivedAt.slice(0, 10))).toEqual(['2026-11-20', '2026-11-20']);
    expect(list.petitions.map((p) => p.submitterName)).toEqual(expect.arrayContaining([null, 'Trần Thị Mai']));
    g.assertClean();
  }, 60_000);

  it('shows a delegate no link and an error on the petitions address', async () => {
    const { page, guard: g } = await delegateDenied(browser, server, { link: 'Kiến nghị cử tri', path: (id) => `/councils/${id}/petitions` });
    expect(await page.getByTestId('petition-list').count()).toBe(0);
    g.assertClean();
  }, 60_000);
});
