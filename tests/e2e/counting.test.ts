// Timed questioning and counted ballots across the console, a delegate's tablet and two projectors (full HD and
// 1280×720): the secretary times a question and its answer (countdown on every screen, times kept for the
// minutes); a show of hands whose counts survive a console reload; a secret ballot held on paper, entered from
// the counting committee's record (a record that does not add up is refused), with its result and the record on
// the projectors. On PostgreSQL the database is shared with other e2e files: titles carry this run's id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, guard, launchBrowser, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';
import { desktop, markQuorum, openConsole, signIn, type Device } from './sitting.ts';

/** Every result label on a projector is fully visible: nothing cut, nothing spilling past its column or the screen. */
async function labelsFit(page: Page, region: string): Promise<void> {
  const height = page.viewportSize()!.height;
  for (const part of await page.getByRole('region', { name: region }).locator('.row, .verdict, .paper-record').all()) {
    const box = (await part.boundingBox())!;
    expect(box.y + box.height, `${await part.textContent()} on screen`).toBeLessThanOrEqual(height);
  }
  const names = page.getByRole('region', { name: region }).locator('.row .name');
  expect(await names.count()).toBeGreaterThan(0);
  for (const name of await names.all()) {
    const fits = await name.evaluate((el) => {
      const row = el.closest('.row')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const bar = el.nextElementSibling!.getBoundingClientRect();
      return el.scrollWidth <= el.clientWidth + 1 && box.left >= row.left && box.right <= bar.left + 1;
    });
    expect(fits, `${await name.textContent()} fits`).toBe(true);
  }
}

describe('timed questions, show of hands and paper ballots', () => {
  let server: Server;
  let browser: Browser;
  const run = Date.now().toString(36);
  const questionText = `Đề nghị cho biết kế hoạch nạo vét kênh mương nội đồng năm tới (${run})?`;
  let meetingId = '';
  let secretary: Device;
  let projector: Device;
  let small: Device;
  let delegate: Device;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'counting', timeoutMs: 180_000 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the console with an item live and the quorum, two projectors and a delegate tablet', async () => {
    ({ secretary, meetingId } = await openConsole(browser, server));
    const c = secretary.page;
    await c.getByRole('heading', { name: 'Chất vấn', exact: true }).waitFor();
    await markQuorum(server, meetingId);
    await c.getByText(/^đủ điều kiện biểu quyết/).waitFor();

    projector = await desktop(browser, server, DEMO.chair, { width: 1920, height: 1080 });
    small = await desktop(browser, server, DEMO.chair, { width: 1280, height: 720 });
    for (const p of [projector, small]) {
      await p.page.goto(`/projector/${meetingId}`);
      await p.page.getByText('Nội dung đang họp').waitFor();
    }
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    delegate = { page, guard: g, fullName: await signIn(page, DEMO.delegate(7)) };
    await page.goto(`/meetings/${meetingId}/live`);
    await page.getByRole('heading', { name: 'Gửi câu hỏi chất vấn' }).waitFor();
  });

  it('times a question and its answer on every screen and keeps the times', async () => {
    const d = delegate.page;
    const c = secretary.page;
    await d.getByLabel('Người bị chất vấn').fill('Chủ tịch UBND xã');
    await d.getByLabel('Nội dung chất vấn').fill(questionText);
    await d.getByRole('button', { name: 'Gửi câu hỏi', exact: true }).click();
    const q = c.getByRole('listitem', { name: questionText });
    await q.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await q.getByRole('button', { name: 'Bắt đầu hỏi' }).click();

    // The council's 1 minute per question, counting down everywhere.
    const asking = (p: Page) => p.getByRole('region', { name: 'Đang chất vấn' });
    for (const p of [d, projector.page, small.page]) {
      await asking(p).getByText(questionText).waitFor();
      await asking(p).getByText(/^(0:[0-5]\d|1:00)$/).waitFor();
    }
    await q.getByRole('timer').waitFor();
    await screenshot(d, 'counting-01-delegate-question-timer');
    await screenshot(projector.page, 'counting-02-projector-question-timer');
    await screenshot(c, 'counting-03-console-question-timer');

    // The answer: 3 minutes, and the asking ends.
    await q.getByRole('button', { name: 'Bắt đầu trả lời' }).click();
    const answering = (p: Page) => p.getByRole('region', { name: 'Đang trả lời chất vấn' });
    for (const p of [d, projector.page, small.page]) await answering(p).getByText(/^[23]:\d\d$/).waitFor();
    await asking(projector.page).waitFor({ state: 'detached' });
    await screenshot(small.page, 'counting-04-projector-720-answer-timer');
    await q.getByRole('button', { name: 'Dừng thời gian' }).click();
    for (const p of [d, projector.page]) await answering(p).waitFor({ state: 'detached' });
    // For the minutes: when the question and the answer started and ended.
    await q.getByText(/^Hỏi: \d\d:\d\d–\d\d:\d\d$/).waitFor();
    await q.getByText(/^Trả lời: \d\d:\d\d–\d\d:\d\d$/).waitFor();
    await expect(q.getByRole('button', { name: 'Bắt đầu trả lời' }).count()).resolves.toBe(0);
    await screenshot(c, 'counting-05-console-question-times');
  });

  /** Creates a poll on the console; returns its card. */
  async function createPoll(title: string, setup: () => Promise<void>) {
    const c = secretary.page;
    await c.getByLabel('Nội dung biểu quyết', { exact: true }).fill(title);
    await setup();
    await c.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    return c.getByRole('article', { name: title });
  }

  it('keeps the show-of-hands counts when the console reloads; the long label fits both projectors', async () => {
    const c = secretary.page;
    const title = `Thông qua biên bản phiên trước – giơ tay (${run})`;
    let card = await createPoll(title, async () => {
      await c.getByLabel('Loại', { exact: true }).selectOption('motion');
      await c.getByRole('radio', { name: 'Giơ tay' }).check();
    });
    await card.getByRole('button', { name: 'Mở biểu quyết' }).click();
    await card.getByText('Đang biểu quyết').waitFor();
    await card.getByLabel('Tán thành', { exact: true }).fill('14');
    await card.getByLabel('Không tán thành', { exact: true }).fill('3');
    await card.getByLabel('Không biểu quyết').fill('1');
    await card.getByRole('button', { name: 'Ghi nhận' }).click();
    await card.getByText(/^Đã ghi nhận 18 /).waitFor();
    // A count typed but not yet recorded, then the console reloads: both survive.
    await card.getByLabel('Tán thành', { exact: true }).fill('15');
    await c.reload();
    card = c.getByRole('article', { name: title });
    await expect(card.getByLabel('Tán thành', { exact: true }).inputValue()).resolves.toBe('15');
    await expect(card.getByLabel('Không tán thành', { exact: true }).inputValue()).resolves.toBe('3');
    await expect(card.getByLabel('Không biểu quyết').inputValue()).resolves.toBe('1');
    // Another console (no draft in that tab) starts from the recorded counts.
    const other = await desktop(browser, server, DEMO.secretary, { width: 1280, height: 800 });
    await other.page.goto(`/meetings/${meetingId}/console`);
    const otherCard = other.page.getByRole('article', { name: title });
    await otherCard.getByLabel('Không tán thành', { exact: true }).waitFor();
    await expect(otherCard.getByLabel('Tán thành', { exact: true }).inputValue()).resolves.toBe('14');
    await screenshot(c, 'counting-06-console-hands-after-reload');
    await other.page.context().close();

    await card.getByRole('button', { name: 'Ghi nhận' }).click();
    await card.getByText(/^Đã ghi nhận 19 /).waitFor();
    await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    for (const p of [projector, small]) {
      const shown = p.page.getByRole('region', { name: title });
      await shown.getByText('Không tham gia biểu quyết').waitFor();
      expect(await shown.locator('.row.yes .count').textContent()).toBe('15');
      await labelsFit(p.page, title);
    }
    await screenshot(projector.page, 'counting-07-projector-1080-hands-result');
    await screenshot(small.page, 'counting-08-projector-720-hands-result');
  });

  it('decides a paper ballot from the counting committee’s record, refusing one that does not add up', async () => {
    const c = secretary.page;
    const title = `Bãi nhiệm đại biểu – phiếu giấy (${run})`;
    const card = await createPoll(title, async () => {
      await c.getByLabel('Loại', { exact: true }).selectOption('dismissal');
      await c.getByRole('radio', { name: 'Bỏ phiếu kín' }).check();
    });
    await card.getByRole('button', { name: 'Nhập biên bản kiểm phiếu (phiếu giấy)' }).click();
    const form = card.getByRole('form', { name: 'Biên bản kiểm phiếu — bỏ phiếu kín bằng phiếu giấy' });
    const present = Number((await form.getByText(/Đại biểu có mặt: \d+/).textContent())!.match(/Đại biểu có mặt: (\d+)/)![1]);
    await form.getByLabel('Ban kiểm phiếu (mỗi dòng một người)').fill('Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường');
    await form.getByLabel('Phiếu phát ra').fill(String(present + 1));
    await form.getByLabel('Phiếu thu vào').fill(String(present));
    await form.getByLabel('Phiếu hợp lệ', { exact: true }).fill(String(present - 1));
    await form.getByLabel('Phiếu không hợp lệ').fill('1');
    await form.getByLabel('Tán thành', { exact: true }).fill(String(present - 3));
    await form.getByLabel('Không tán thành', { exact: true }).fill('1');
    await form.getByLabel('Không biểu quyết').fill('1');
    await form.getByRole('button', { name: 'Lưu biên bản và công bố kết quả' }).click();
    await form.getByText(`Số phiếu phát ra (${present + 1}) nhiều hơn số đại biểu có mặt (${present}).`).waitFor();
    await screenshot(c, 'counting-09-console-paper-refused');
    await card.getByText('Chưa mở', { exact: true }).waitFor();

    await form.getByLabel('Phiếu phát ra').fill(String(present));
    await form.getByRole('button', { name: 'Lưu biên bản và công bố kết quả' }).click();
    await card.getByText('Phiếu giấy', { exact: true }).waitFor();
    await card.getByText(`Phát ra ${present} · Thu vào ${present} · Hợp lệ ${present - 1} · Không hợp lệ 1`).waitFor();
    await screenshot(c, 'counting-10-console-paper-result');
    for (const p of [projector, small]) {
      const shown = p.page.getByRole('region', { name: title });
      await shown.getByText('Ban kiểm phiếu: Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường').waitFor();
      expect(await shown.locator('.row.yes .count').textContent()).toBe(String(present - 3));
      // Dismissal needs two thirds of the total (17 of 25), whatever the turnout.
      await shown.getByText(present - 3 >= 17 ? 'Thông qua' : 'Không thông qua', { exact: true }).waitFor();
      await labelsFit(p.page, title);
    }
    await screenshot(projector.page, 'counting-11-projector-1080-paper-result');
    await screenshot(small.page, 'counting-12-projector-720-paper-result');
    for (const x of [secretary, projector, small, delegate]) x.guard.assertClean();
  });
});
