// Invitations (issue 10): the secretary publishes a meeting; a delegate opens the invitation from the
// notification centre and answers "absent" with a reason on the meeting page; another answers from the personal
// link of their invitation on a phone without signing in (opened twice: the second visit shows the same answer);
// an unknown link gets a clear page; the secretariat sees who attends, who is absent and why, who has not
// answered, and the quorum to expect. Then the reminder settings in the council's rules panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '@hopso/shared/notifications';
import type { Member } from '@hopso/shared/member';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { apiAs } from './sitting.ts';

describe('invitations and RSVP', () => {
  let server: Server;
  let browser: Browser;
  let meetingId = '';
  let delegates = 0;
  const title = `Kỳ họp thứ 14 — giấy mời ${process.pid}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'invitations' }), launchBrowser()]);
    const secretary = await apiAs(server, DEMO.secretary);
    const councilId = ((await (await secretary('/api/councils')).json()) as { councils: { id: string }[] }).councils[0]!.id;
    const startsAt = new Date(Date.now() + 5 * 24 * 3600_000).toISOString();
    const created = await secretary(`/api/councils/${councilId}/meetings`, { method: 'POST', body: { title, kind: 'regular', startsAt, place: 'Hội trường UBND xã Tân Phú', closedSitting: false } });
    expect(created.status).toBe(201);
    meetingId = ((await created.json()) as { meeting: { id: string } }).meeting.id;
    expect((await secretary(`/api/meetings/${meetingId}/agenda`, { method: 'POST', body: { title: 'Khai mạc kỳ họp', parentId: null } })).status).toBe(201);
    const { members } = (await (await secretary(`/api/councils/${councilId}/members`)).json()) as { members: Member[] };
    delegates = members.filter((m) => m.role === 'chair' || m.role === 'delegate').length;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('publishes, takes an absence with its reason on the tablet and an answer from the link, and shows the list with the expected quorum', async () => {
    const secretary = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const gs = await guard(secretary);
    await login(secretary, DEMO.secretary);
    await secretary.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await secretary.goto(`/meetings/${meetingId}`);
    await secretary.getByRole('button', { name: 'Công bố cuộc họp' }).click();
    await secretary.getByRole('alertdialog').getByRole('button', { name: 'Công bố cuộc họp' }).click();
    await secretary.getByText('Đã công bố cuộc họp.').waitFor();

    // A delegate finds the invitation in the notification centre, opens it and answers on the meeting page.
    const tablet = await newTabletPage(browser, server.url);
    const gt = await guard(tablet);
    await login(tablet, DEMO.delegate(1));
    await tablet.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await tablet.goto('/notifications');
    const item = tablet.getByTestId('notification-item').filter({ hasText: `Giấy mời: ${title}` });
    await item.getByText('Thời gian:', { exact: false }).waitFor();
    await item.getByRole('button', { name: 'Mở', exact: true }).click();
    await tablet.waitForURL(`**/meetings/${meetingId}`);
    const card = tablet.getByTestId('rsvp-card');
    await card.getByText('Đồng chí chưa xác nhận.').waitFor();
    expect(await card.getByLabel('Cử người dự thay').count()).toBe(0); // a plenary session: nobody in one's place
    await card.getByLabel('Vắng mặt (có lý do)').check();
    await card.getByLabel('Lý do vắng mặt').fill('Đi công tác tại tỉnh');
    await card.getByRole('button', { name: 'Gửi xác nhận' }).click();
    await card.getByText('Đã ghi nhận xác nhận của đồng chí.').waitFor();
    await card.getByText('Đồng chí đã xác nhận: Vắng mặt (có lý do)').waitFor();
    await screenshot(tablet, 'invitations-rsvp-card');

    // Another delegate opens the personal link of the invitation they received, on a phone, signed out.
    const api = await apiAs(server, DEMO.delegate(2));
    const { notifications } = (await (await api('/api/notifications?limit=100')).json()) as NotificationList;
    const invitation = notifications.find((n) => n.event === 'meeting.invitation' && n.meetingId === meetingId);
    expect(invitation?.vi.subject).toBe(`Giấy mời: ${title}`);
    const link = new URL(/https?:\/\/\S+\/rsvp\/[A-Za-z0-9_-]+/.exec(invitation!.vi.text)![0]);
    const phone = await (await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    const gp = await guard(phone);
    await phone.goto(link.pathname);
    await phone.getByRole('heading', { name: title }).waitFor();
    await phone.getByLabel('Tham dự', { exact: true }).check();
    await phone.getByRole('button', { name: 'Gửi xác nhận' }).click();
    await phone.getByText('Đã ghi nhận xác nhận của đồng chí.').waitFor();
    await screenshot(phone, 'invitations-rsvp-link');
    // The same link again: the answer is shown and can be changed, never duplicated.
    await phone.goto(link.pathname);
    await phone.getByText('Đồng chí đã xác nhận: Tham dự').waitFor();
    await phone.getByRole('button', { name: 'Cập nhật xác nhận' }).waitFor();
    await phone.goto('/rsvp/khong-phai-duong-dan-that');
    await phone.getByRole('heading', { name: 'Đường dẫn không hợp lệ' }).waitFor();

    // The secretariat's list, with the expected quorum under the council's rule (two thirds by default).
    await secretary.reload();
    const panel = secretary.getByTestId('rsvp-panel');
    await panel.getByTestId('rsvp-row').first().waitFor();
    expect(await panel.getByTestId('rsvp-count-attend').innerText()).toMatch(/^1\s/);
    expect(await panel.getByTestId('rsvp-count-absent').innerText()).toMatch(/^1\s/);
    const absentRow = panel.getByTestId('rsvp-row').filter({ hasText: 'Đi công tác tại tỉnh' });
    expect(await absentRow.count()).toBe(1);
    expect(await absentRow.innerText()).toContain('Vắng mặt');
    const required = Math.ceil((2 * delegates) / 3);
    await panel.getByTestId('rsvp-quorum').getByText(`Dự kiến có mặt: 1/${delegates} đại biểu (cần ít nhất ${required})`).waitFor();
    await panel.getByText('Dự kiến chưa đủ số đại biểu tham dự theo quy định.').waitFor();
    await screenshot(secretary, 'invitations-rsvp-panel');

    for (const g of [gs, gt, gp]) g.assertClean();
  });

  it('lets the secretary set the reminders and the substitute rule in the council settings, kept after a reload', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.secretary);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    const councilId = ((await (await page.request.get('/api/councils')).json()) as { councils: { id: string }[] }).councils[0]!.id;
    const before = (await (await page.request.get(`/api/councils/${councilId}/rules`)).json()) as { rules: Record<string, unknown> };
    await page.goto(`/councils/${councilId}`);
    await page.getByRole('tab', { name: 'Quy định / Cài đặt' }).click();
    const settings = page.getByRole('group', { name: 'Giấy mời và nhắc lịch' });
    await settings.getByTestId('reminder-amount-0').waitFor();
    expect(await settings.getByTestId('reminder-amount-0').inputValue()).toBe('3');
    await settings.getByTestId('reminder-amount-0').fill('2');
    await settings.getByTestId('reminder-amount-0').press('Tab');
    await settings.getByRole('group', { name: 'Nhắc trước 2' }).getByRole('button', { name: 'Bỏ mốc này' }).click();
    await settings.getByLabel('Nhắc người chưa mở tài liệu', { exact: false }).fill('12');
    await settings.getByLabel('Nhắc người chưa mở tài liệu', { exact: false }).press('Tab');
    await settings.getByLabel('Cử người dự thay').selectOption({ label: 'Luôn cho phép' });
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu quy định.').waitFor();
    const stored = (await (await page.request.get(`/api/councils/${councilId}/rules`)).json()) as { rules: Record<string, unknown> };
    expect(stored.rules).toMatchObject({ reminderMinutes: [2880], unreadDocumentsMinutes: 720, substitutes: 'always' });
    await page.reload();
    await page.getByRole('tab', { name: 'Quy định / Cài đặt' }).click();
    await expect.poll(() => page.getByTestId('reminder-amount-0').inputValue()).toBe('2');
    expect(await page.getByTestId('reminder-amount-1').count()).toBe(0);
    await screenshot(page, 'invitations-reminder-settings');
    // The demo council's rules as they were: servers of one PostgreSQL run share them.
    const csrf = { origin: server.url };
    expect((await page.request.put(`/api/councils/${councilId}/rules`, { data: before.rules, headers: csrf })).status()).toBe(200);
    g.assertClean();
  });
});
