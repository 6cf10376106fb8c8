// Notifications (issue 10): a delegate's tablet is open when the secretariat publishes a meeting; the
// invitation appears live in the header's bell (unread count over Socket.IO), the delegate opens it from the
// notification centre, lands on the meeting, and the count goes down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { apiAs } from './sitting.ts';

describe('notification centre', () => {
  let server: Server;
  let browser: Browser;
  const title = `Kỳ họp chuyên đề — thông báo ${process.pid}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'notifications', env: { NOTIFY_POLL_MS: '300' } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a new notification live with the unread count, opens it, and counts down', async () => {
    const delegate = await apiAs(server, DEMO.delegate(3));
    const before = ((await (await delegate('/api/notifications/unread')).json()) as { unread: number }).unread;
    const bellLabel = (n: number) => (n ? `Thông báo: ${n} chưa đọc` : 'Thông báo');

    const tablet = await newTabletPage(browser, server.url);
    const g = await guard(tablet);
    await login(tablet, DEMO.delegate(3));
    await tablet.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    const bell = tablet.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 20_000 }).toBe(bellLabel(before));

    // The secretariat publishes a meeting: every member is invited through notify(), the worker pushes after commit.
    const secretary = await apiAs(server, DEMO.secretary);
    const councilId = ((await (await secretary('/api/councils')).json()) as { councils: { id: string }[] }).councils[0]!.id;
    const startsAt = new Date(Date.now() + 6 * 24 * 3600_000).toISOString();
    const created = await secretary(`/api/councils/${councilId}/meetings`, { method: 'POST', body: { title, kind: 'thematic', startsAt, place: 'Hội trường UBND xã Tân Phú', closedSitting: false } });
    expect(created.status).toBe(201);
    const meetingId = ((await created.json()) as { meeting: { id: string } }).meeting.id;
    expect((await secretary(`/api/meetings/${meetingId}/agenda`, { method: 'POST', body: { title: 'Khai mạc', parentId: null } })).status).toBe(201);
    expect((await secretary(`/api/meetings/${meetingId}/publish`, { method: 'POST', body: {} })).status).toBe(200);

    // Live: no reload of the tablet.
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 30_000 }).toBe(bellLabel(before + 1));
    expect(await tablet.getByTestId('notification-unread').textContent()).toBe(String(before + 1));
    await screenshot(tablet, 'notifications-bell');

    await bell.click();
    await tablet.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
    await tablet.getByTestId('centre-unread').getByText(`${before + 1} thông báo chưa đọc`).waitFor();
    const item = tablet.getByTestId('notification-item').filter({ hasText: `Giấy mời: ${title}` });
    await item.getByText('Chưa đọc').waitFor();
    expect(await tablet.getByRole('alert').count()).toBe(0);
    await screenshot(tablet, 'notifications-centre');
    await item.getByRole('button', { name: 'Mở' }).click();
    await tablet.waitForURL(`**/meetings/${meetingId}`);
    await tablet.getByRole('heading', { name: title }).waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe(bellLabel(before));

    // Back in the centre it reads as read.
    await bell.click();
    await tablet.getByTestId('notification-item').filter({ hasText: `Giấy mời: ${title}` }).waitFor();
    expect(await tablet.getByTestId('notification-item').filter({ hasText: `Giấy mời: ${title}` }).getByText('Chưa đọc').count()).toBe(0);
    g.assertClean();
  });

  it('saves the channels on the account page, and shows the secretariat the outgoing queue', async () => {
    const tablet = await newTabletPage(browser, server.url);
    const g = await guard(tablet);
    await login(tablet, DEMO.delegate(4));
    await tablet.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await tablet.goto('/account');
    const section = tablet.getByRole('region', { name: 'Kênh nhận thông báo' });
    await section.getByLabel('Số điện thoại').waitFor();
    // No SMS gateway on this server: the channel can be chosen but says it is off.
    await section.getByText('(chưa bật trên máy chủ)').first().waitFor();
    await section.getByTestId('channel-sms').check();
    await section.getByLabel('Số điện thoại').fill('');
    await section.getByRole('button', { name: 'Lưu' }).click();
    await section.getByRole('alert').waitFor();
    await section.getByLabel('Số điện thoại').fill('0912 000 444');
    await section.getByRole('button', { name: 'Lưu' }).click();
    await section.getByText('Đã lưu kênh nhận thông báo.').waitFor();
    const api = await apiAs(server, DEMO.delegate(4));
    const { settings } = (await (await api('/api/notifications/settings')).json()) as { settings: { sms: boolean; phone: string } };
    expect(settings).toMatchObject({ sms: true, phone: '0912 000 444' });
    g.assertClean();

    const console = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const gc = await guard(console);
    await login(console, DEMO.secretary);
    await console.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    const secretary = await apiAs(server, DEMO.secretary);
    const councilId = ((await (await secretary('/api/councils')).json()) as { councils: { id: string }[] }).councils[0]!.id;
    await console.goto(`/councils/${councilId}`);
    await console.getByRole('link', { name: 'Gửi thông báo' }).click();
    await console.getByRole('heading', { name: 'Hàng đợi gửi thông báo' }).waitFor();
    await console.getByTestId('total-failed').waitFor();
    await console.getByText('Không có tin nào.').waitFor();
    await screenshot(console, 'notifications-queue');
    gc.assertClean();
  });
});
