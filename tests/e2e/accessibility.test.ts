// Accessibility tour (issue 10): every main screen checked with axe-core (tests/e2e/a11y.ts) for serious and
// critical violations, once as delivered and once with large text and high contrast switched on (where AAA
// contrast, 7:1, is checked too). The live tablet is checked with a ballot open, and its screen-reader
// announcements of the poll opening and the ballot being recorded are read from the live region. The
// display switches in the header are used by keyboard and remembered across a reload.
// The screens added since (issue 11's) are toured in accessibility-more.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/pdf.ts';
import { checkA11y, modes, pageIn, settled, tour, writeA11ySummary } from './a11y.ts';
import { DEMO, guard, launchBrowser, newTabletPage, screenshot, socketAs, startServer, type Browser, type Page, type Server } from './harness.ts';
import { apiAs, markQuorum, signIn } from './sitting.ts';

const council = 'hdnd-xa-tan-phu';

/** The first link on the list at `path` whose address matches `pattern` (a seeded record's detail page). */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  await settled(page);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${path}`);
  return href;
}

describe('accessibility of every main screen', () => {
  let server: Server;
  let browser: Browser;
  let meetingId = '';
  let councilId = '';
  let documentId = '';
  let firstItemId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'a11y', timeoutMs: 180_000 }), launchBrowser()]);
    const clerk = await apiAs(server, DEMO.clerk);
    const { meetings } = await (await clerk('/api/meetings')).json() as { meetings: { id: string; title: string; councilId: string }[] };
    const meeting = meetings.find((m) => /^Kỳ họp thường lệ cuối năm/.test(m.title))!;
    meetingId = meeting.id;
    councilId = meeting.councilId;
    const { meeting: full } = await (await clerk(`/api/meetings/${meetingId}`)).json() as { meeting: { agenda: { id: string }[] } };
    firstItemId = full.agenda[0]!.id;
    const pdf = await makePdf({ pages: 2, title: 'Tờ trình', textPerPage: (n) => [`Trang ${n}`] });
    const query = new URLSearchParams({ title: 'Tờ trình kiểm tra khả năng tiếp cận', confidentiality: 'public', agendaItemId: firstItemId });
    const res = await clerk(`/api/meetings/${meetingId}/documents?${query}`, { method: 'POST', body: pdf, type: 'application/pdf' });
    expect(res.status).toBe(201);
    documentId = ((await res.json()) as { document: { id: string } }).document.id;
  }, 300_000);
  afterAll(async () => {
    writeA11ySummary('a11y-summary.json');
    await browser?.close();
    await server?.stop();
  });

  for (const mode of modes) {
    it(`signed out: login, signature check and the public portal (${mode})`, async () => {
      const page = await pageIn(browser, server, mode, 'portrait');
      const g = await guard(page);
      await tour(page, mode, [
        ['login', '/login'],
        ['verify', '/verify'],
        ['portal-home', '/cong-khai'],
        ['portal-council', `/cong-khai/${council}`],
        ['portal-calendar', `/cong-khai/${council}/lich`],
        ['portal-meeting', `/cong-khai/${council}/ky-hop/${meetingId}`],
        ['portal-resolutions', `/cong-khai/${council}/nghi-quyet`],
        ['portal-search', `/cong-khai/${council}/tim-kiem?q=ng%C3%A2n+s%C3%A1ch`],
        ['portal-petitions', `/cong-khai/${council}/kien-nghi`],
        ['portal-petition-form', `/cong-khai/${council}/kien-nghi/gui`],
        ['portal-petition-lookup', `/cong-khai/${council}/kien-nghi/tra-cuu`],
        ['portal-supervision', `/cong-khai/${council}/giam-sat`],
      ]);
      g.assertClean();
      await page.context().close();
    }, 300_000);

    it(`the secretariat's screens, the meeting, its documents and the record (${mode})`, async () => {
      const page = await pageIn(browser, server, mode);
      const g = await guard(page);
      await signIn(page, DEMO.secretary);
      await tour(page, mode, [
        ['home', '/'],
        ['account', '/account'],
        ['council', `/councils/${councilId}`],
        ['petitions', `/councils/${councilId}/petitions`],
        ['petitions-bulk', `/councils/${councilId}/petitions/bulk`],
        ['resolutions', `/councils/${councilId}/resolutions`],
        ['kpi', `/councils/${councilId}/kpi`],
        ['audit', `/councils/${councilId}/audit`],
        ['supervision', `/councils/${councilId}/supervision`],
        ['trust-store', `/councils/${councilId}/trust-store`],
        ['meeting', `/meetings/${meetingId}`],
        ['record', `/meetings/${meetingId}/record`],
        ['petitions-settings', `/councils/${councilId}/petitions/settings`],
        ['petitions-email', `/councils/${councilId}/petitions/email`],
        ['supervision-follow-up', `/councils/${councilId}/supervision/follow-up`],
      ]);
      // Detail screens of seeded records, reached from their lists.
      await tour(page, mode, [
        ['petition', await firstLink(page, `/councils/${councilId}/petitions`, /\/petitions\/[0-9a-f-]{36}$/)],
        ['supervision-topic', await firstLink(page, `/councils/${councilId}/supervision`, /\/supervision\/[0-9a-f-]{36}$/)],
      ]);
      await page.goto(`/meetings/${meetingId}/documents/${documentId}`);
      await page.locator('[data-page="1"] canvas').waitFor({ timeout: 30_000 });
      await checkA11y(page, `viewer-${mode}`);
      g.assertClean();
      await page.context().close();
    }, 300_000);

    it(`the system administrator's screen (${mode})`, async () => {
      const page = await pageIn(browser, server, mode);
      await signIn(page, DEMO.admin);
      await tour(page, mode, [['admin', '/admin']]);
      await page.context().close();
    }, 120_000);
  }

  it('the live sitting with an open ballot: tablet, console and projector, announced to screen readers', async () => {
    await markQuorum(server, meetingId);
    const s = await socketAs(server, DEMO.secretary);
    const sync = await s.emitWithAck('meeting.sync', { meetingId });
    if (!sync.ok) throw new Error(sync.message);
    if (!sync.snapshot.liveItemId) expect(await s.emitWithAck('agenda.setLive', { meetingId, itemId: firstItemId })).toEqual({ ok: true });

    const tablets = await Promise.all(modes.map(async (mode) => {
      const page = await pageIn(browser, server, mode, 'portrait');
      await signIn(page, DEMO.delegate(mode === 'normal' ? 1 : 2));
      await page.goto(`/meetings/${meetingId}/live`);
      await settled(page);
      // Only a delegate who checked in may vote.
      const checkIn = page.getByRole('button', { name: 'Điểm danh', exact: true });
      const done = page.getByText(/^Đã điểm danh lúc \d\d:\d\d$/);
      await checkIn.or(done).first().waitFor();
      if (await checkIn.isVisible()) await checkIn.click();
      await done.waitFor();
      return { mode, page };
    }));

    const created = await s.emitWithAck('poll.create', { meetingId, title: `Thông qua chương trình (a11y ${Date.now().toString(36)})`, kind: 'motion', method: 'named', agendaItemId: null });
    if (!created.ok) throw new Error(created.message);
    const opened = await s.emitWithAck('poll.open', { pollId: created.poll.id });
    if (!opened.ok) throw new Error(opened.message);
    const title = opened.poll.title;

    for (const { mode, page } of tablets) {
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      await expect.poll(() => page.getByTestId('live-announcer').textContent()).toContain(`Bắt đầu biểu quyết: ${title}`);
      await checkA11y(page, `live-ballot-${mode}`);
    }

    // Large text enlarges the ballot and the agenda item too (their sizes are in rem), by the root's 125 %.
    const sizeOf = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    for (const selector of ['button.choice', '#item-title', '#ballot-title', 'nav a']) {
      const [normal, large] = [await sizeOf(tablets[0]!.page, selector), await sizeOf(tablets[1]!.page, selector)];
      expect(large / normal, selector).toBeCloseTo(1.25, 2);
    }
    await screenshot(tablets[1]!.page, 'a11y-live-ballot-large-contrast');

    // The ballot by keyboard alone: Tab to the choice, Enter, then confirm; the live region says it is recorded.
    const tablet = tablets[0]!.page;
    const yes = tablet.getByRole('button', { name: 'Tán thành', exact: true });
    await yes.focus();
    await tablet.keyboard.press('Enter');
    // Focus moves to the confirmation question that replaced the choices (not back to the page's top).
    await expect.poll(() => tablet.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Xác nhận biểu quyết: Tán thành?');
    await tablet.keyboard.press('Tab');
    expect(await tablet.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Xác nhận');
    await tablet.keyboard.press('Enter');
    await expect.poll(() => tablet.getByTestId('live-announcer').textContent()).toContain(`Phiếu của bạn đã được ghi nhận: ${title}`);
    await checkA11y(tablet, 'live-ballot-recorded-normal');

    for (const mode of modes) {
      const console_ = await pageIn(browser, server, mode);
      await signIn(console_, DEMO.secretary);
      await console_.goto(`/meetings/${meetingId}/console`);
      await console_.getByRole('heading', { name: 'Điểm danh' }).waitFor();
      await checkA11y(console_, `console-${mode}`);
      await console_.goto(`/projector/${meetingId}`);
      await console_.getByText(/^Có mặt: \d+\/\d+ đại biểu$/).waitFor();
      await checkA11y(console_, `projector-${mode}`);
      await console_.context().close();
    }

    s.disconnect();
    for (const { page } of tablets) await page.context().close();
  }, 300_000);

  it('the display switches work by keyboard, enlarge the text and are remembered on the device', async () => {
    const page = await newTabletPage(browser, server.url);
    await signIn(page, DEMO.delegate(3));
    const html = page.locator('html');
    const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await rootSize();
    const large = page.getByRole('button', { name: 'Chữ lớn' });
    expect(await large.getAttribute('aria-pressed')).toBe('false');
    await large.focus();
    await page.keyboard.press('Enter');
    expect(await large.getAttribute('aria-pressed')).toBe('true');
    expect(await html.getAttribute('class')).toContain('large-text');
    expect(await rootSize()).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Tương phản cao' }).focus();
    await page.keyboard.press('Space');
    expect(await html.getAttribute('class')).toContain('high-contrast');
    await page.reload();
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    expect((await html.getAttribute('class'))?.split(' ').sort()).toEqual(['high-contrast', 'large-text']);
    expect(await page.getByRole('button', { name: 'Tương phản cao' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Chữ lớn' }).click();
    expect(await rootSize()).toBe(before);
    await page.context().close();
  });

  it('stops the blinking of the connection banner on a device set to reduce motion', async () => {
    const page = await newTabletPage(browser, server.url);
    await signIn(page, DEMO.delegate(4));
    await page.goto(`/meetings/${meetingId}/live`);
    await settled(page);
    await page.context().setOffline(true);
    const dot = page.locator('.banner .dot');
    await dot.waitFor();
    const blinks = () => dot.evaluate((el) => getComputedStyle(el).animationIterationCount);
    expect(await blinks()).toBe('infinite');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await blinks()).toBe('1');
    await page.context().setOffline(false);
    await page.context().close();
  });
});
