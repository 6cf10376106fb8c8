// Guidance (issue 10): the secretary starts a rehearsal (diễn tập) from the console of the demo session; a
// delegate who has never seen the quick tour opens the tablet of that practice sitting and is walked through
// every control (check in, documents, speaking, questions, the ballot, signing), which is not shown again
// after a reload; the handbook opens from the header in both languages; the practice poll runs, its result is
// marked DIỄN TẬP / REHEARSAL on the projector and tablet, and no resolution can come of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tourSteps } from '@hopso/shared/guidance';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, socketAs, startServer, type Browser, type Guard, type Page, type Server } from './harness.ts';
import { apiAs, desktop, markQuorum, type Device } from './sitting.ts';

const regularSession = /^Kỳ họp thường lệ cuối năm/;
/** A demo delegate no other e2e file signs in as: on PostgreSQL the demo data is shared. */
const newcomer = DEMO.delegate(20);

describe('guidance: first-run tour, handbook and rehearsal', () => {
  let server: Server;
  let browser: Browser;
  let rehearsalId = '';
  let councilId = '';
  let pollId = '';
  let tablet: { page: Page; guard: Guard };
  let secretary: Device;
  const pollTitle = `Biểu quyết tập (${Date.now().toString(36)})`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'guidance', timeoutMs: 180_000 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts a rehearsal from the console: a practice copy marked as such on every screen', async () => {
    secretary = await desktop(browser, server, DEMO.secretary, { width: 1280, height: 800 });
    const c = secretary.page;
    const { meetings } = (await (await c.request.get('/api/meetings')).json()) as { meetings: { id: string; title: string; councilId: string; rehearsal?: boolean }[] };
    const source = meetings.find((m) => regularSession.test(m.title) && !m.rehearsal)!;
    councilId = source.councilId;
    await c.goto(`/meetings/${source.id}/console`);
    await c.getByRole('button', { name: 'Bắt đầu diễn tập' }).click();
    await c.waitForURL((url) => /\/meetings\/[0-9a-f-]+\/console$/.test(url.pathname) && !url.pathname.includes(source.id));
    rehearsalId = c.url().split('/').at(-2)!;
    await c.getByRole('heading', { level: 1, name: /\[DIỄN TẬP\]/ }).waitFor();
    await expect.poll(() => c.getByRole('note', { name: 'DIỄN TẬP / REHEARSAL' }).isVisible()).toBe(true);
    // A rehearsal of a rehearsal is not offered.
    expect(await c.getByRole('button', { name: 'Bắt đầu diễn tập' }).count()).toBe(0);

    // The sitting gets going over a second console connection: quorum, the first item live, a named poll open.
    await markQuorum(server, rehearsalId);
    const s = await socketAs(server, DEMO.secretary);
    const sync = await s.emitWithAck('meeting.sync', { meetingId: rehearsalId });
    if (!sync.ok) throw new Error(sync.message);
    const { agenda } = (await (await c.request.get(`/api/meetings/${rehearsalId}`)).json()).meeting as { agenda: { id: string; parentId: string | null; position: number }[] };
    const first = agenda.filter((i) => i.parentId === null).sort((a, b) => a.position - b.position)[0]!;
    expect(await s.emitWithAck('agenda.setLive', { meetingId: rehearsalId, itemId: first.id })).toMatchObject({ ok: true });
    const created = await s.emitWithAck('poll.create', { meetingId: rehearsalId, title: pollTitle, kind: 'motion', method: 'named', agendaItemId: first.id, options: [], seats: 1 });
    if (!created.ok) throw new Error(created.message);
    pollId = created.poll.id;
    expect(await s.emitWithAck('poll.open', { pollId })).toMatchObject({ ok: true });
    s.disconnect();
    secretary.guard.assertClean();
  });

  it("shows a delegate's first visit to the tablet the tour, ringing each control in turn, and not again after a reload", async () => {
    // The newcomer's tour state as a new account has it (guidance.test.ts checks imported accounts start so).
    const api = await apiAs(server, newcomer);
    expect((await api('/api/guidance/tour', { method: 'DELETE' })).status).toBe(200);

    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    tablet = { page, guard: g };
    await login(page, newcomer);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/meetings/${rehearsalId}/live`);
    const dialog = page.getByRole('dialog', { name: 'Điểm danh' });
    await dialog.waitFor();
    await expect.poll(() => page.getByRole('note', { name: 'DIỄN TẬP / REHEARSAL' }).isVisible()).toBe(true);

    const ringed = () => page.locator('.tour-target').evaluateAll((els) => els.map((e) => e.getAttribute('data-tour')));
    const titles: Record<string, string> = { checkIn: 'Điểm danh', documents: 'Mở tài liệu', speak: 'Đăng ký phát biểu', question: 'Gửi câu hỏi chất vấn', vote: 'Biểu quyết', sign: 'Ký số nghị quyết' };
    for (const [index, step] of tourSteps.entries()) {
      const current = page.getByRole('dialog', { name: titles[step] });
      await current.getByText(`Bước ${index + 1}/${tourSteps.length}`).waitFor();
      if (step === 'sign') {
        // A delegate has no signing control: the step explains where the chair signs instead of pointing.
        expect(await ringed()).toEqual([]);
        await current.getByText('Nút này sẽ hiện ra trên màn hình khi đến lúc dùng.').waitFor();
      } else {
        expect(await ringed()).toEqual([step]);
        await expect.poll(() => page.locator(`[data-tour="${step}"]`).evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.top < window.innerHeight && box.bottom > 0;
        })).toBe(true);
      }
      if (step === 'speak') await current.getByText('Muốn phát biểu, chạm «Đăng ký phát biểu».', { exact: false }).waitFor();
      if (step === 'vote') {
        await current.getByText('rồi chạm «Xác nhận»', { exact: false }).waitFor();
        // The ballot itself is there under the ring.
        await page.locator('[data-tour="vote"]').getByRole('button', { name: 'Tán thành', exact: true }).waitFor();
      }
      // Keyboard: focus starts in the dialog and Tab keeps it there.
      for (let i = 0; i < 5; i++) {
        expect(await current.evaluate((el) => el.contains(document.activeElement))).toBe(true);
        await page.keyboard.press('Tab');
      }
      if (index === 1) {
        await current.getByRole('button', { name: 'Quay lại' }).click();
        await page.getByRole('dialog', { name: titles.checkIn }).waitFor();
        await page.getByRole('dialog', { name: titles.checkIn }).getByRole('button', { name: 'Tiếp theo' }).click();
        await page.getByRole('dialog', { name: titles.documents }).waitFor();
      }
      if (index === 0) await screenshot(page, 'guidance-01-tour-check-in');
      const next = index + 1 === tourSteps.length ? 'Đã hiểu, bắt đầu' : 'Tiếp theo';
      const seen = index + 1 === tourSteps.length ? page.waitForResponse((r) => r.url().endsWith('/api/guidance/tour') && r.request().method() === 'PUT') : null;
      await current.getByRole('button', { name: next }).click();
      if (seen) expect((await seen).status()).toBe(200);
    }
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await ringed()).toEqual([]);

    // After a reload the tablet asks the server again and the tour stays closed.
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/guidance/tour') && r.request().method() === 'GET');
    await page.reload();
    expect(((await (await asked).json()) as { tour: { seenAt: string | null } }).tour.seenAt).toEqual(expect.any(String));
    await page.locator('[data-tour="checkIn"]').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    // The help menu replays it; Escape closes it.
    await page.getByRole('button', { name: 'Trợ giúp' }).click();
    await page.getByRole('button', { name: 'Xem lại hướng dẫn nhanh' }).click();
    await page.getByRole('dialog', { name: titles.checkIn }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    g.assertClean();
  });

  it('opens the handbook on the delegate page from the header, in Vietnamese and in English', async () => {
    const { page, guard: g } = tablet;
    await page.getByRole('button', { name: 'Trợ giúp' }).click();
    await page.getByRole('link', { name: 'Sổ tay hướng dẫn' }).click();
    await page.waitForURL('**/help/delegate');
    await page.getByRole('heading', { level: 1, name: 'Sổ tay Đại biểu' }).waitFor();
    await page.locator('.ui-label', { hasText: 'Đăng ký phát biểu' }).first().waitFor();
    await screenshot(page, 'guidance-02-handbook-vi');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Delegate handbook' }).waitFor();
    await page.locator('.ui-label', { hasText: 'Request to speak' }).first().waitFor();
    // Every role's page is one tap away.
    await page.getByRole('link', { name: 'Chair', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Chair handbook' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ tay Chủ tọa' }).waitFor();
    g.assertClean();
  });

  it('runs the practice poll: its result is marked as a rehearsal on the projector and the tablet, and no resolution comes of it', async () => {
    const projector = await desktop(browser, server, DEMO.chair, { width: 1920, height: 1080 });
    await projector.page.goto(`/projector/${rehearsalId}`);
    await expect.poll(() => projector.page.getByRole('note', { name: 'DIỄN TẬP / REHEARSAL' }).isVisible()).toBe(true);

    const { page, guard: g } = tablet;
    await page.goto(`/meetings/${rehearsalId}/live`);
    const checkIn = page.getByRole('button', { name: 'Điểm danh', exact: true });
    const checkedIn = page.getByText(/^Đã điểm danh lúc \d\d:\d\d$/);
    await checkIn.or(checkedIn).first().waitFor();
    if (await checkIn.isVisible()) await checkIn.click();
    await checkedIn.waitFor();
    await page.getByRole('button', { name: 'Tán thành', exact: true }).click();
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByText('Đã ghi nhận biểu quyết của bạn').waitFor();

    // Enough of the council votes in favour over their own connections that the practice motion is adopted.
    const s = await socketAs(server, DEMO.secretary);
    for (let n = 4; n <= 17; n++) {
      const me = (await (await (await apiAs(server, DEMO.delegate(n)))('/api/auth/me')).json()) as { user: { id: string } };
      expect(await s.emitWithAck('attendance.mark', { meetingId: rehearsalId, userId: me.user.id, status: 'present' })).toEqual({ ok: true });
      const voter = await socketAs(server, DEMO.delegate(n));
      const cast = await voter.emitWithAck('poll.cast', { pollId, choice: 'yes' });
      voter.disconnect();
      if (!cast.ok && cast.code !== 'already_voted') throw new Error(cast.message);
    }
    const closed = await s.emitWithAck('poll.close', { pollId });
    s.disconnect();
    if (!closed.ok) throw new Error(closed.message);
    expect(closed.poll.result).toMatchObject({ adopted: true });

    const result = projector.page.getByRole('region', { name: pollTitle });
    await result.getByText('Kết quả diễn tập — không được tính').waitFor();
    await result.getByText('DIỄN TẬP / REHEARSAL').waitFor();
    await screenshot(projector.page, 'guidance-03-projector-rehearsal-result');
    await page.locator('section', { has: page.getByRole('heading', { name: pollTitle }) }).getByText('Kết quả diễn tập — không được tính').waitFor();

    // The secretariat cannot number it, and it is not among the drafts waiting for a number.
    const api = await apiAs(server, DEMO.secretary);
    const refused = await api(`/api/polls/${pollId}/resolution`, { method: 'POST', body: {} });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('rehearsal_meeting');
    const { polls } = (await (await api(`/api/councils/${councilId}/resolution-candidates`)).json()) as { polls: { pollId: string }[] };
    expect(polls.map((p) => p.pollId)).not.toContain(pollId);
    const { resolutions } = (await (await api(`/api/councils/${councilId}/resolutions`)).json()) as { resolutions: { pollId: string | null }[] };
    expect(resolutions.map((r) => r.pollId)).not.toContain(pollId);
    projector.guard.assertClean();
    g.assertClean();
  });
});
