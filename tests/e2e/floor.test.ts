// The floor of a live sitting (DESIGN.md "Live session flow": speakers and questions) across the
// secretary's console, a delegate's tablet and the projector. A delegate asks to speak on the live item,
// the secretary gives the floor and the projector shows the speaker with the countdown; then the delegate
// sends a question (chất vấn), the secretary approves it and records the answer, and the delegate sees it
// answered and asks a follow-up. On PostgreSQL the database is shared with other e2e files: nothing here
// assumes an empty queue, and questions carry this run's id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, guard, launchBrowser, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { desktop, markQuorum, openConsole, signIn, type Device } from './sitting.ts';

describe('the floor: speakers and questions', () => {
  let server: Server;
  let browser: Browser;
  const run = Date.now().toString(36);
  const questionText = `Đề nghị cho biết tiến độ giải ngân vốn đầu tư công năm nay (${run})?`;
  const answerText = `Đã giải ngân 78% kế hoạch, phấn đấu đạt 95% cuối năm (${run}).`;
  const followUpText = `Nguyên nhân chậm giải ngân ở các dự án giao thông là gì (${run})?`;
  let meetingId = '';
  let secretary: Device;
  let projector: Device;
  let delegate: Device;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'floor', timeoutMs: 180_000 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the console with an item live, the projector and a delegate tablet', async () => {
    ({ secretary, meetingId } = await openConsole(browser, server));

    projector = await desktop(browser, server, DEMO.chair, { width: 1920, height: 1080 });
    await projector.page.goto(`/projector/${meetingId}`);
    await projector.page.getByText('Nội dung đang họp').waitFor();

    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    delegate = { page, guard: g, fullName: await signIn(page, DEMO.delegate(5)) };
    await page.goto(`/meetings/${meetingId}/live`);
    await page.getByRole('heading', { name: 'Đăng ký phát biểu' }).waitFor();
  });

  it('a delegate asks to speak, the secretary gives the floor and the projector shows the speaker', async () => {
    const d = delegate.page;
    const c = secretary.page;
    // A request left over from an earlier run is withdrawn first.
    const withdraw = d.getByRole('button', { name: 'Rút đăng ký' });
    if (await withdraw.isVisible()) {
      await withdraw.click();
    }
    await d.getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    await d.getByText(/^Bạn đang ở vị trí \d+\/\d+ trong danh sách phát biểu$/).waitFor();
    await screenshot(d, 'floor-01-delegate-queued');

    const row = c.locator('.queue li', { hasText: delegate.fullName });
    await row.waitFor();
    await screenshot(c, 'floor-02-console-queue');
    await row.getByRole('button', { name: 'Mời phát biểu' }).click();

    await d.getByText('Mời bạn phát biểu').waitFor();
    await d.locator('.speak [role="timer"]').waitFor();
    const onScreen = projector.page.getByRole('region', { name: 'Đang phát biểu' });
    await onScreen.getByText(delegate.fullName, { exact: true }).waitFor();
    await onScreen.getByText(/^[0-5]:\d\d$/).waitFor();
    await screenshot(d, 'floor-03-delegate-speaking');
    await screenshot(c, 'floor-04-console-speaking');
    await screenshot(projector.page, 'floor-05-projector-speaker');

    await c.getByRole('button', { name: 'Kết thúc', exact: true }).click();
    await d.getByRole('button', { name: 'Đăng ký phát biểu' }).waitFor();
    await onScreen.waitFor({ state: 'detached' });
    await c.getByRole('button', { name: /^Đã phát biểu \(\d+\)$/ }).click();
    await c.locator('.done li', { hasText: delegate.fullName }).first().waitFor();
  });

  it('a delegate sends a question, the secretary approves it and records the answer, the delegate sees it answered', async () => {
    const d = delegate.page;
    const c = secretary.page;
    await d.getByLabel('Người bị chất vấn').fill('Chủ tịch UBND xã');
    await d.getByLabel('Nội dung chất vấn').fill(questionText);
    await d.getByRole('button', { name: 'Gửi câu hỏi', exact: true }).click();
    const mine = d.getByRole('listitem', { name: questionText });
    await mine.getByText('Chờ duyệt').waitFor();
    await screenshot(d, 'floor-06-delegate-question-sent');

    const q = c.getByRole('listitem', { name: questionText });
    await q.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await mine.getByText('Đã duyệt').waitFor();
    await q.getByRole('button', { name: 'Ghi nhận trả lời' }).click();
    await q.getByLabel('Nội dung trả lời (tóm tắt)').fill(answerText);
    await screenshot(c, 'floor-07-console-answer');
    await q.getByRole('button', { name: 'Lưu trả lời' }).click();

    await mine.getByText('Đã trả lời', { exact: true }).waitFor();
    await mine.getByText(answerText).waitFor();
    await mine.getByText('Đã trả lời trực tiếp tại kỳ họp.').waitFor();
    await screenshot(d, 'floor-08-delegate-answered');

    // A follow-up to the answered question, linked to it on the console.
    await mine.getByRole('button', { name: 'Chất vấn lại' }).click();
    await d.getByLabel('Nội dung chất vấn').fill(followUpText);
    await d.getByRole('button', { name: 'Gửi câu hỏi chất vấn lại' }).click();
    await d.getByRole('listitem', { name: followUpText }).getByText('Chờ duyệt').waitFor();
    const follow = c.getByRole('listitem', { name: followUpText });
    await follow.getByText(`Chất vấn lại câu hỏi: “${questionText}”`).waitFor();
    await screenshot(c, 'floor-09-console-follow-up');

  });

  /** Creates a poll on the console and opens it; returns its card. */
  async function openPoll(title: string, setup: () => Promise<void>) {
    const c = secretary.page;
    await c.getByLabel('Nội dung biểu quyết', { exact: true }).fill(title);
    await setup();
    await c.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    const card = c.getByRole('article', { name: title });
    await card.getByRole('button', { name: 'Mở biểu quyết' }).click();
    await card.getByText('Đang biểu quyết').waitFor();
    await delegate.page.getByRole('heading', { name: title }).waitFor();
    return card;
  }

  it('runs an election, a confidence poll, a confidence vote and a show of hands', async () => {
    // The quorum: the delegate checks in, the rest is marked over a second console connection.
    const d = delegate.page;
    const c = secretary.page;
    const checkIn = d.getByRole('button', { name: 'Điểm danh', exact: true });
    if (await checkIn.isVisible()) await checkIn.click();
    await d.getByText(/^Đã điểm danh lúc \d\d:\d\d$/).waitFor();
    await markQuorum(server, meetingId);
    await c.getByText(/^đủ điều kiện biểu quyết/).waitFor();
    const kind = c.getByLabel('Loại', { exact: true });

    // Election: one seat, two candidates; one ballot of 25 elects nobody.
    const electionTitle = `Bầu Phó Chủ tịch HĐND xã (${run})`;
    let card = await openPoll(electionTitle, async () => {
      await kind.selectOption('election');
      await c.getByLabel(/Danh sách ứng cử viên/).fill('Nguyễn Văn An\nTrần Thị Bình');
    });
    await d.getByRole('checkbox', { name: 'Nguyễn Văn An' }).check();
    await screenshot(d, 'floor-10-delegate-election');
    await d.getByRole('button', { name: 'Tiếp tục' }).click();
    await d.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await d.getByText('Bạn đã bỏ phiếu', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    let shown = projector.page.getByRole('region', { name: electionTitle });
    await shown.getByText('Nguyễn Văn An').waitFor();
    await shown.getByText(/^Trúng cử khi được quá nửa/).waitFor();
    await screenshot(projector.page, 'floor-11-projector-election');

    // Confidence poll: two officials, rated on the tablet.
    const ratingTitle = `Lấy phiếu tín nhiệm (${run})`;
    card = await openPoll(ratingTitle, async () => {
      await kind.selectOption('confidencePoll');
      await c.getByLabel(/Danh sách người được lấy phiếu/).fill('Lê Văn Chủ tịch\nPhạm Thị Phó');
    });
    await d.getByRole('group', { name: 'Lê Văn Chủ tịch' }).getByText('Tín nhiệm cao').click();
    await d.getByRole('group', { name: 'Phạm Thị Phó' }).getByText('Tín nhiệm thấp').click();
    await screenshot(d, 'floor-12-delegate-confidence-poll');
    await d.getByRole('button', { name: 'Tiếp tục' }).click();
    await d.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await d.getByText('Bạn đã bỏ phiếu', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    shown = projector.page.getByRole('region', { name: ratingTitle });
    await shown.getByText('Phạm Thị Phó').waitFor();
    await screenshot(projector.page, 'floor-13-projector-confidence-poll');
    await screenshot(c, 'floor-14-console-confidence-poll');

    // Confidence vote: tín nhiệm / không tín nhiệm.
    const voteTitle = `Bỏ phiếu tín nhiệm (${run})`;
    card = await openPoll(voteTitle, async () => { await kind.selectOption('confidenceVote'); });
    await d.getByRole('button', { name: 'Không tín nhiệm', exact: true }).click();
    await d.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await d.getByText('Bạn đã bỏ phiếu', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    shown = projector.page.getByRole('region', { name: voteTitle });
    await shown.getByText('Được tín nhiệm').waitFor();
    await screenshot(projector.page, 'floor-15-projector-confidence-vote');

    // Show of hands: the tablet has no buttons, the secretary records the counts.
    const handsTitle = `Thông qua tờ trình – giơ tay (${run})`;
    card = await openPoll(handsTitle, async () => {
      await kind.selectOption('motion');
      await c.getByRole('radio', { name: 'Giơ tay' }).check();
    });
    await d.getByText('Biểu quyết bằng hình thức giơ tay').waitFor();
    expect(await d.getByRole('button', { name: 'Tán thành', exact: true }).count()).toBe(0);
    await screenshot(d, 'floor-16-delegate-hands');
    await card.getByLabel('Tán thành', { exact: true }).fill('15');
    await card.getByLabel('Không tán thành', { exact: true }).fill('2');
    await card.getByLabel('Không biểu quyết').fill('1');
    await card.getByRole('button', { name: 'Ghi nhận' }).click();
    await card.getByText(/^Đã ghi nhận/).waitFor();
    await screenshot(c, 'floor-17-console-hands');
    await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    shown = projector.page.getByRole('region', { name: handsTitle });
    await shown.getByText('Thông qua', { exact: true }).waitFor();
    expect(await shown.locator('.row.yes .count').textContent()).toBe('15');
    await screenshot(projector.page, 'floor-18-projector-hands');

    for (const x of [secretary, projector, delegate]) x.guard.assertClean();
  });
});
