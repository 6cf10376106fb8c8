// A live sitting across separate devices (DESIGN.md "Live session flow"): the secretary on the console,
// three delegates on tablets and the projector in the hall. The delegates check in, the quorum is reached,
// the secretary sets the first item live and every tablet follows; a named poll is opened, voted through
// the ballot cards (two in favour, one against), watched on the console and projector, closed, and its
// result shown; then a secret poll the same way, where the console never learns who chose what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '@hopso/shared/live';
import { DEMO, DEMO_PASSWORD, guard, launchBrowser, login, newTabletPage, screenshot, socketAs, startServer, type Browser, type Guard, type Page, type Server } from './harness.ts';

/** The demo regular session (on PostgreSQL every e2e file shares the database, so it is found by title). */
const regularSession = /^Kỳ họp thường lệ cuối năm/;

interface Device { page: Page; guard: Guard; userId: string; fullName: string }

async function signIn(page: Page, username: string): Promise<{ userId: string; fullName: string }> {
  await login(page, username);
  await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
  const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { id: string; fullName: string } };
  return { userId: me.user.id, fullName: me.user.fullName };
}

async function device(browser: Browser, server: Server, username: string, path: (meetingId: string) => string, meetingId: string, orientation: 'portrait' | 'landscape' = 'portrait'): Promise<Device> {
  const page = await newTabletPage(browser, server.url, { orientation });
  const g = await guard(page);
  const me = await signIn(page, username);
  await page.goto(path(meetingId));
  return { page, guard: g, ...me };
}


describe('live sitting: tablets, console and projector', () => {
  let server: Server;
  let browser: Browser;
  const run = Date.now().toString(36);
  const namedTitle = `Thông qua chương trình kỳ họp (${run})`;
  const secretTitle = `Bãi nhiệm đại biểu – bỏ phiếu kín (${run})`;
  let meetingId = '';
  let console_: Device;
  let projector: Device;
  const delegates: Device[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'live', timeoutMs: 180_000 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the console, the projector and three tablets; the delegates check in and the quorum is reached', async () => {
    // The secretary finds the session and opens the console on a landscape tablet.
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    const me = await signIn(page, DEMO.secretary);
    const list = (await (await page.request.get('/api/meetings')).json()) as { meetings: { id: string; title: string }[] };
    meetingId = list.meetings.find((m) => regularSession.test(m.title))!.id;
    // The meeting page links to the live screens.
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Điều hành phiên họp' }).click();
    await page.waitForURL(`**/meetings/${meetingId}/console`);
    await page.getByRole('heading', { name: 'Điểm danh' }).waitFor();
    console_ = { page, guard: g, ...me };

    // The projector: a laptop at full HD, signed in as the chair.
    const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const pp = await ctx.newPage();
    const pg = await guard(pp);
    const chair = await signIn(pp, DEMO.chair);
    await pp.goto(`/projector/${meetingId}`);
    projector = { page: pp, guard: pg, ...chair };
    await pp.getByText(/^Có mặt: \d+\/\d+ đại biểu$/).waitFor();

    for (const n of [1, 2, 3]) delegates.push(await device(browser, server, DEMO.delegate(n), (id) => `/meetings/${id}/live`, meetingId, n === 2 ? 'landscape' : 'portrait'));
    await screenshot(delegates[0]!.page, 'live-01-delegate-before-checkin');

    for (const d of delegates) {
      const button = d.page.getByRole('button', { name: 'Điểm danh', exact: true });
      const done = d.page.getByText(/^Đã điểm danh lúc \d\d:\d\d$/);
      await button.or(done).first().waitFor();
      if (await button.isVisible()) await button.click();
      await done.waitFor();
    }
    await screenshot(delegates[0]!.page, 'live-02-delegate-checked-in');

    // The console follows the check-ins live.
    for (const d of delegates) {
      await console_.page.getByRole('row', { name: new RegExp(d.fullName) }).getByText('Có mặt', { exact: true }).first().waitFor();
    }

    // One more delegate is marked present from the console by tap…
    // Delegates' rows carry no role label (only the chair, secretary, clerk… do).
    const delegateRows = () => console_.page.getByRole('row').filter({ hasText: 'Chưa điểm danh' }).filter({ hasNot: console_.page.locator('.role') });
    const notYet = delegateRows();
    if (await notYet.count()) {
      const row = notYet.first();
      const name = (await row.locator('.fullname').textContent())!.trim();
      await row.getByRole('button', { name: 'Có mặt' }).click();
      await console_.page.getByRole('row', { name: new RegExp(name) }).locator('.badge', { hasText: 'Có mặt' }).waitFor();
    }
    // …and one is recorded absent with a reason.
    const absentRow = delegateRows().last();
    if (await absentRow.count()) {
      await absentRow.getByRole('button', { name: 'Vắng…' }).click();
      await absentRow.getByLabel('Lý do').fill('Đi công tác');
      await absentRow.getByRole('button', { name: 'Ghi vắng' }).click();
      await console_.page.getByText('Đi công tác').first().waitFor();
    }

    // The rest of the quorum (17 of 25) is marked through a second console connection to keep the test fast.
    const s = await socketAs(server, DEMO.secretary);
    const ack = await s.emitWithAck('meeting.sync', { meetingId });
    if (!ack.ok) throw new Error(ack.message);
    const snap: LiveSnapshot = ack.snapshot;
    const ours = new Set(delegates.map((d) => d.userId));
    let present = snap.quorum.present;
    for (const a of snap.attendance) {
      if (present >= snap.quorum.required + 1) break;
      if (!a.isDelegate || ours.has(a.userId) || a.status !== null) continue;
      expect(await s.emitWithAck('attendance.mark', { meetingId, userId: a.userId, status: 'present' })).toEqual({ ok: true });
      present++;
    }
    s.disconnect();

    await console_.page.getByText(/^đủ điều kiện biểu quyết \(cần 17\)$/).waitFor();
    expect(await console_.page.getByText(/chưa đủ điều kiện/).count()).toBe(0);
    await projector.page.getByText(/^Đủ điều kiện biểu quyết \(cần 17\)$/).waitFor();
    await delegates[0]!.page.getByText(/^đủ điều kiện biểu quyết/).waitFor();
    await screenshot(console_.page, 'live-03-console-quorum');
  });

  it('sets the first agenda item live and every tablet follows it, with a way back after browsing', async () => {
    const c = console_.page;
    const start = c.getByRole('button', { name: 'Bắt đầu nội dung 1', exact: true });
    if (!(await start.isVisible())) await c.getByRole('button', { name: 'Kết thúc nội dung đang họp' }).click();
    await start.click();
    await c.locator('.item.live', { hasText: 'Khai mạc kỳ họp' }).waitFor();

    for (const d of delegates) await d.page.getByRole('heading', { name: /^1\.\s*Khai mạc kỳ họp/ }).waitFor();
    await projector.page.getByRole('heading', { name: /^1\.\s*Khai mạc kỳ họp/ }).waitFor();

    // A delegate browses item 2, then returns to the live item with one tap.
    const d = delegates[0]!.page;
    await d.getByRole('button', { name: /^2\s*Báo cáo tình hình kinh tế/ }).click();
    await d.getByRole('heading', { name: /^2\.\s*Báo cáo tình hình kinh tế/ }).waitFor();
    await d.getByRole('button', { name: 'Về nội dung đang họp' }).click();
    await d.getByRole('heading', { name: /^1\.\s*Khai mạc kỳ họp/ }).waitFor();
    await screenshot(d, 'live-04-delegate-live-item');
    await screenshot(delegates[1]!.page, 'live-05-delegate-landscape');
  });

  it('gives the floor to a delegate and takes a timed question and its answer on the live item', async () => {
    const c = console_.page;
    const [speaker, , asker] = delegates as [Device, Device, Device];
    // Speaker request (đăng ký phát biểu): the secretary gives the floor, the projector counts down.
    const withdraw = speaker.page.getByRole('button', { name: 'Rút đăng ký' });
    if (await withdraw.isVisible()) await withdraw.click();
    await speaker.page.getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    await c.locator('.queue li', { hasText: speaker.fullName }).getByRole('button', { name: 'Mời phát biểu' }).click();
    await speaker.page.getByText('Mời bạn phát biểu').waitFor();
    const onScreen = projector.page.getByRole('region', { name: 'Đang phát biểu' });
    await onScreen.getByText(speaker.fullName, { exact: true }).waitFor();
    await onScreen.getByRole('timer').waitFor();
    await c.getByRole('button', { name: 'Kết thúc', exact: true }).click();
    await onScreen.waitFor({ state: 'detached' });

    // Question (chất vấn) and answer, each timed with the council's limit, the answer recorded.
    const question = `Đề nghị cho biết tiến độ xây dựng trường mầm non xã (${run})?`;
    await asker.page.getByLabel('Người bị chất vấn').fill('Chủ tịch UBND xã');
    await asker.page.getByLabel('Nội dung chất vấn').fill(question);
    await asker.page.getByRole('button', { name: 'Gửi câu hỏi', exact: true }).click();
    const q = c.getByRole('listitem', { name: question });
    await q.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await q.getByRole('button', { name: 'Bắt đầu hỏi' }).click();
    await projector.page.getByRole('region', { name: 'Đang chất vấn' }).getByText(question).waitFor();
    await q.getByRole('button', { name: 'Bắt đầu trả lời' }).click();
    const answering = projector.page.getByRole('region', { name: 'Đang trả lời chất vấn' });
    await answering.getByRole('timer').waitFor();
    await screenshot(projector.page, 'live-05b-projector-answer');
    await q.getByRole('button', { name: 'Ghi nhận trả lời' }).click();
    await q.getByLabel('Nội dung trả lời (tóm tắt)').fill('Khởi công quý II năm tới.');
    await q.getByRole('button', { name: 'Lưu trả lời' }).click();
    await answering.waitFor({ state: 'detached' });
    const mine = asker.page.getByRole('listitem', { name: question });
    await mine.getByText('Khởi công quý II năm tới.').waitFor();
  });

  /** Picks a choice on a delegate's ballot card and confirms it. */
  async function vote(d: Device, label: 'Tán thành' | 'Không tán thành') {
    await d.page.getByRole('button', { name: label, exact: true }).click();
    await d.page.getByText(`Xác nhận biểu quyết: ${label}?`).waitFor();
    await d.page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
  }

  it('runs a named poll: ballots on the tablets, progress with names on the console, result on the projector', async () => {
    const c = console_.page;
    await c.getByLabel('Nội dung biểu quyết', { exact: true }).fill(namedTitle);
    await c.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    const card = c.getByRole('article', { name: namedTitle });
    await card.getByRole('button', { name: 'Mở biểu quyết' }).click();
    await card.getByText('Đang biểu quyết').waitFor();

    for (const d of delegates) await d.page.getByRole('heading', { name: namedTitle }).waitFor();
    await screenshot(delegates[0]!.page, 'live-06-delegate-ballot');
    await delegates[0]!.page.getByRole('button', { name: 'Tán thành', exact: true }).click();
    await screenshot(delegates[0]!.page, 'live-07-delegate-confirm');
    await delegates[0]!.page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await vote(delegates[1]!, 'Tán thành');
    await vote(delegates[2]!, 'Không tán thành');
    for (const d of delegates) await d.page.getByText('Đã ghi nhận biểu quyết của bạn').waitFor();
    await delegates[2]!.page.getByText('Lựa chọn của bạn: Không tán thành').waitFor();
    await screenshot(delegates[0]!.page, 'live-08-delegate-voted');

    // A tablet that reloads gets its recorded choice back from the snapshot.
    await delegates[0]!.page.reload();
    await delegates[0]!.page.getByText('Lựa chọn của bạn: Tán thành').waitFor();

    await card.getByText(/^3\/\d+ đại biểu đã biểu quyết$/).waitFor();
    await card.getByRole('heading', { name: 'Đã biểu quyết (3)' }).waitFor();
    for (const d of delegates) await card.getByText(d.fullName, { exact: true }).waitFor();
    await projector.page.getByText('Đang biểu quyết', { exact: true }).waitFor();
    await expect.poll(() => projector.page.locator('.cast').textContent()).toMatch(/^3\/\d+$/);
    await screenshot(c, 'live-09-console-named-progress');
    await screenshot(projector.page, 'live-10-projector-progress');

    await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await card.getByText('Đã kết thúc').waitFor();
    const result = projector.page.getByRole('region', { name: namedTitle });
    await result.getByText('Kết quả biểu quyết').waitFor();
    // 2 of 25 in favour: far from more than half of all delegates.
    await result.getByText('Không thông qua').waitFor();
    expect(await result.locator('.row.yes .count').textContent()).toBe('2');
    expect(await result.locator('.row.no .count').textContent()).toBe('1');
    expect(await result.locator('.row.yes .pct').textContent()).toMatch(/^\d+,\d\d%$/);
    await delegates[1]!.page.getByText('Kết quả biểu quyết').waitFor();
    await screenshot(projector.page, 'live-11-projector-result');
    await projector.page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(projector.page, 'live-12-projector-result-720p');
    await projector.page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(c, 'live-13-console-named-result');
    await screenshot(delegates[2]!.page, 'live-14-delegate-result');
  });

  it('runs a secret poll: the tablets only say that they voted and the console never shows who voted', async () => {
    const c = console_.page;
    await c.getByLabel('Nội dung biểu quyết', { exact: true }).fill(secretTitle);
    await c.getByRole('radio', { name: 'Bỏ phiếu kín' }).check();
    await c.getByLabel('Loại', { exact: true }).selectOption('dismissal');
    await c.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    const card = c.getByRole('article', { name: secretTitle });
    await card.getByRole('button', { name: 'Mở biểu quyết' }).click();
    await card.getByText('Bỏ phiếu kín: chỉ hiển thị số phiếu, không hiển thị ai đã bỏ phiếu.').waitFor();

    for (const d of delegates) {
      await d.page.getByRole('heading', { name: secretTitle }).waitFor();
      await d.page.getByText('Bỏ phiếu kín — không ai biết lựa chọn của bạn').waitFor();
    }
    await screenshot(delegates[0]!.page, 'live-15-delegate-secret-ballot');
    await vote(delegates[0]!, 'Tán thành');
    await vote(delegates[1]!, 'Tán thành');
    await vote(delegates[2]!, 'Không tán thành');
    for (const d of delegates) {
      await d.page.getByText('Bạn đã bỏ phiếu', { exact: true }).waitFor();
      expect(await d.page.getByText(/Lựa chọn của bạn/).count()).toBe(0);
    }
    await screenshot(delegates[0]!.page, 'live-16-delegate-secret-voted');

    await card.getByText(/^3\/\d+ đại biểu đã biểu quyết$/).waitFor();
    const text = (await card.textContent())!;
    for (const d of delegates) expect(text).not.toContain(d.fullName);
    expect(text).not.toMatch(/Đã biểu quyết \(/);
    await screenshot(c, 'live-17-console-secret-progress');
    await screenshot(projector.page, 'live-18-projector-secret-progress');

    await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await card.getByText('Đã kết thúc').waitFor();
    for (const d of delegates) expect((await card.textContent())!).not.toContain(d.fullName);
    const result = projector.page.getByRole('region', { name: secretTitle });
    await result.getByText('Không thông qua').waitFor();
    expect(await result.locator('.row.yes .count').textContent()).toBe('2');
    await screenshot(projector.page, 'live-19-projector-secret-result');
    await screenshot(c, 'live-20-console-secret-result');

    for (const d of [console_, projector, ...delegates]) d.guard.assertClean();
  });
});
