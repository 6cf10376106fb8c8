// The foundation of the product on real tablets: the secretary prepares a session (meeting, nested agenda,
// delegate import that rejects a bad file as a whole, publication) and a delegate reads it in Vietnamese,
// then in English; the secretary edits a meeting's details and a delegate's open tablet shows them live —
// with no CSP violation and no request leaving the machine on any screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDateParts } from '@hopso/shared/time';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';

/** "2027-01-05T08:00" in Vietnam time, `days` from now: a meeting that is certainly upcoming. */
function vietnamLocal(days: number, hour: number): string {
  const p = vietnamDateParts(new Date(Date.now() + days * 86_400_000).toISOString());
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(hour)}:00`;
}

/** The number shown in the member count badge ("28 người"). */
async function memberCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('member-count').textContent()) ?? '';
  return Number(text.match(/\d+/)?.[0]);
}

describe('foundation: prepare a session, a delegate reads it', () => {
  let server: Server;
  let browser: Browser;
  const run = Date.now().toString(36);
  const meetingTitle = `Kỳ họp chuyên đề thử nghiệm ${run}`;
  const agenda = {
    part: 'Phần I. Báo cáo kinh tế – xã hội',
    item: 'Báo cáo của UBND xã',
    subItem: 'Thuyết trình số liệu quý IV',
  };
  const csvHeader = 'name,email,phone,role,committee,group';
  const goodRow = `Nguyễn Thị Thử,thu.${run}@tanphu.example.vn,0912000001,delegate,Ban Pháp chế,Tổ đại biểu số 1`;
  const badRow = `Trần Văn Lỗi,loi.${run}@tanphu.example.vn,0912000002,president,,Tổ đại biểu số 2`;
  const fixedRow = badRow.replace(',president,', ',delegate,');

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'foundation' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the secretary build and publish a meeting and import delegates all-or-nothing', async () => {
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);

    await login(page, DEMO.secretary);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.getByRole('link', { name: 'Văn phòng: HĐND xã Tân Phú' }).click();
    await page.getByRole('tab', { name: 'Cuộc họp', exact: true }).waitFor();

    // Create the meeting; the app goes straight to its page to build the agenda.
    await page.getByRole('button', { name: 'Tạo cuộc họp' }).click();
    await page.getByLabel('Tên cuộc họp').fill(meetingTitle);
    await page.getByLabel('Loại cuộc họp').selectOption({ label: 'Kỳ họp chuyên đề' });
    await page.getByLabel('Bắt đầu (giờ Việt Nam)').fill(vietnamLocal(30, 8));
    await page.getByLabel(/^Kết thúc \(giờ Việt Nam\)/).fill(vietnamLocal(30, 11));
    await page.getByLabel('Địa điểm').fill('Hội trường UBND xã Tân Phú');
    expect(await page.getByLabel('Mời tất cả đại biểu').isChecked()).toBe(true);
    await screenshot(page, 'foundation-01-create-meeting');
    await page.getByRole('button', { name: 'Tạo cuộc họp' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: meetingTitle }).waitFor();

    // Three nested items: 1 → 1.1 → 1.1.1.
    await page.getByLabel('Tên nội dung').fill(agenda.part);
    await page.getByLabel('Người trình bày').fill('Thường trực HĐND');
    await page.getByRole('button', { name: 'Thêm nội dung' }).click();
    await page.getByText(agenda.part).waitFor();

    await page.getByRole('group', { name: 'Thao tác cho mục 1' }).getByRole('button', { name: 'Thêm mục con' }).click();
    const child = page.getByRole('region', { name: 'Thêm mục con vào 1' });
    await child.getByLabel('Tên nội dung').fill(agenda.item);
    await child.getByLabel('Thời lượng (phút)').fill('30');
    await child.getByRole('button', { name: 'Thêm mục con' }).click();
    await page.getByText(agenda.item).waitFor();

    await page.getByRole('group', { name: 'Thao tác cho mục 1.1' }).getByRole('button', { name: 'Thêm mục con' }).click();
    const grandchild = page.getByRole('region', { name: 'Thêm mục con vào 1.1' });
    await grandchild.getByLabel('Tên nội dung').fill(agenda.subItem);
    await grandchild.getByRole('button', { name: 'Thêm mục con' }).click();
    await page.getByText(agenda.subItem).waitFor();
    await page.getByRole('group', { name: 'Thao tác cho mục 1.1.1' }).waitFor();
    await screenshot(page, 'foundation-02-agenda-nested');

    // Import delegates: one bad row rejects the whole file, nothing changes.
    await page.getByRole('link', { name: /Về trang Văn phòng/ }).click();
    await page.getByRole('tab', { name: 'Đại biểu', exact: true }).click();
    await page.getByTestId('member-count').waitFor();
    const before = await memberCount(page);

    await page.getByLabel('Nội dung CSV').fill([csvHeader, goodRow, badRow].join('\n'));
    await page.getByRole('button', { name: 'Nhập danh sách' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'Chưa nhập dòng nào' });
    await failure.waitFor();
    const errorRows = failure.locator('tbody tr');
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('role');
    await screenshot(page, 'foundation-03-import-rejected');
    await page.reload();
    await page.getByRole('tab', { name: 'Đại biểu', exact: true }).click();
    await page.getByTestId('member-count').waitFor();
    expect(await memberCount(page)).toBe(before);

    // Fixed file, picked from the device this time: both rows go in, with initial passwords to hand out.
    await page.getByLabel('Chọn tệp CSV').setInputFiles({
      name: 'dai-bieu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([csvHeader, goodRow, fixedRow].join('\n'), 'utf8'),
    });
    await page.getByText('Đã đọc tệp dai-bieu.csv.').waitFor();
    await page.getByRole('button', { name: 'Nhập danh sách' }).click();
    await page.getByText('Đã nhập 2 đại biểu.').waitFor();
    await page.getByRole('heading', { name: 'Tài khoản mới cấp' }).waitFor();
    await page.getByRole('cell', { name: 'Trần Văn Lỗi' }).first().waitFor();
    await expect.poll(() => memberCount(page)).toBe(before + 2);
    await screenshot(page, 'foundation-04-import-done');

    // Publish the meeting.
    await page.getByRole('tab', { name: 'Cuộc họp', exact: true }).click();
    await page.getByRole('link', { name: meetingTitle }).click();
    await page.getByRole('heading', { name: meetingTitle }).waitFor();
    await page.getByRole('button', { name: 'Công bố cuộc họp' }).click();
    await page.getByRole('alertdialog', { name: 'Công bố cuộc họp' }).getByRole('button', { name: 'Công bố cuộc họp' }).click();
    await page.getByText('Đã công bố cuộc họp.').waitFor();
    await page.locator('.badge', { hasText: 'Đã công bố' }).first().waitFor();
    await screenshot(page, 'foundation-05-published');

    g.assertClean();
    await page.context().close();
  });

  it('shows the published meeting and its agenda to a delegate on a tablet, in Vietnamese then English', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'portrait' });
    expect(page.viewportSize()).toEqual({ width: 820, height: 1180 });
    const g = await guard(page);

    await login(page, DEMO.delegate(1));
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.getByRole('link', { name: meetingTitle }).waitFor();
    await screenshot(page, 'foundation-06-delegate-meetings');
    await page.getByRole('link', { name: meetingTitle }).click();

    await page.getByRole('heading', { name: 'Chương trình' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByText('Kỳ họp chuyên đề', { exact: true }).waitFor();
    for (const title of Object.values(agenda)) await page.getByText(title).waitFor();
    const numbers = await page.locator('ol.tree .num').allTextContents();
    expect(numbers.map((n) => n.trim())).toEqual(['1', '1.1', '1.1.1']);
    // Delegates read; they get no editing controls.
    expect(await page.getByRole('button', { name: 'Thêm mục con' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Công bố cuộc họp' }).count()).toBe(0);
    await screenshot(page, 'foundation-07-delegate-agenda-vi');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('Thematic session', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'My meetings' }).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    expect(await page.getByText('Pending', { exact: true }).count()).toBe(3);
    await screenshot(page, 'foundation-08-delegate-agenda-en');

    // The choice is remembered on the device.
    await page.reload();
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();

    g.assertClean();
    await page.context().close();
  });

  it("pushes the secretary's change of place to a delegate's open meeting page without a reload", async () => {
    const delegate = await newTabletPage(browser, server.url);
    const gd = await guard(delegate);
    // The page has joined the meeting's room once the server acknowledges `meeting.join` (Socket.IO ack frame "43…").
    const joined = new Promise<void>((resolve) => {
      delegate.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
        if (/^43\d*\[\{"ok":true/.test(String(payload))) resolve();
      }));
    });
    await login(delegate, DEMO.delegate(2));
    await delegate.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await delegate.getByRole('link', { name: /^Kỳ họp thường lệ cuối năm/ }).first().click();
    await delegate.getByRole('heading', { name: 'Chương trình', exact: true }).waitFor();
    await joined;
    const meetingPath = new URL(delegate.url()).pathname;
    let navigations = 0;
    delegate.on('framenavigated', (frame) => { if (frame === delegate.mainFrame()) navigations += 1; });

    const secretary = await newTabletPage(browser, server.url);
    const gs = await guard(secretary);
    await login(secretary, DEMO.secretary);
    await secretary.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await secretary.goto(meetingPath);
    await secretary.getByRole('button', { name: 'Sửa thông tin' }).click();
    const form = secretary.getByRole('region', { name: 'Sửa thông tin cuộc họp' });
    const newPlace = `Phòng họp trực tuyến số 2 – ${run}`;
    expect(await form.getByRole('button', { name: 'Lưu thay đổi' }).isDisabled()).toBe(true);
    await form.getByLabel('Địa điểm').fill(newPlace);
    await screenshot(secretary, 'foundation-09-edit-meeting');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await secretary.getByText('Đã lưu thông tin cuộc họp.').waitFor();
    await secretary.getByText(newPlace).waitFor();

    await delegate.getByText(newPlace).waitFor({ timeout: 10_000 });
    expect(navigations).toBe(0);
    await screenshot(delegate, 'foundation-10-delegate-live-place');

    gd.assertClean();
    gs.assertClean();
    await secretary.context().close();
    await delegate.context().close();
  });
});
