// The viewer under real fingers on a touch tablet (a context with hasTouch): two fingers moving apart zoom in,
// moving together zoom out, around the point between them; one finger still scrolls through the pages. The
// touches go through Chromium's input pipeline (DevTools Input.dispatchTouchEvent), as a tablet's would, so
// the browser's own handling (touch-action, passive listeners, native scrolling) is part of what is tested.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import type { MeetingDocument } from '@hopso/shared/document';
import { apiLogin } from '../bench/lib/api.ts';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';
import { delegateTablet, regularSessionId, uploadInternal } from './viewer-setup.ts';

interface Point { x: number; y: number }
type TouchType = 'touchStart' | 'touchMove' | 'touchEnd';

/** Sends one touch event with the given fingers down (ids are stable per finger, as on a real screen). */
function touch(cdp: CDPSession, type: TouchType, fingers: Point[]) {
  return cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: fingers.map((p, id) => ({ x: Math.round(p.x), y: Math.round(p.y), id, radiusX: 8, radiusY: 8, force: 1 })),
  });
}

const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** Fingers from `from[i]` to `to[i]` in `steps` moves, a frame apart, held still a moment, then lifted. */
async function gesture(page: Page, cdp: CDPSession, from: Point[], to: Point[], steps = 8) {
  await touch(cdp, 'touchStart', from);
  for (let s = 1; s <= steps; s++) {
    await touch(cdp, 'touchMove', from.map((p, i) => lerp(p, to[i]!, s / steps)));
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(250);
  await touch(cdp, 'touchEnd', []);
}

/**
 * Two fingers on a horizontal line through `centre`, `startGap` apart, ending `endGap` apart, then a
 * one-finger tap beside the pages. Chromium 156 driven over DevTools does not deliver the touchend of a
 * two-finger sequence until the next touch starts (seen with listeners on window: the moves arrive, the end
 * never does), so the tap is that next touch; the viewer ends a pinch whose end was lost there (pinch.ts).
 */
async function pinch(page: Page, cdp: CDPSession, centre: Point, startGap: number, endGap: number, tapAt: Point) {
  const at = (gap: number) => [{ x: centre.x - gap / 2, y: centre.y }, { x: centre.x + gap / 2, y: centre.y }];
  await gesture(page, cdp, at(startGap), at(endGap));
  await touch(cdp, 'touchStart', [tapAt]);
  await touch(cdp, 'touchEnd', []);
}

const pageSlot = (page: Page, n: number) => page.locator(`[data-page="${n}"]`);
const slotWidth = async (page: Page) => (await pageSlot(page, 1).boundingBox())!.width;
const percent = async (page: Page) => Number((await page.locator('.percent').textContent())!.replace(/\D/g, ''));
const scrollTop = (page: Page) => page.locator('.scroller').evaluate((el) => el.scrollTop);
const pageInput = (page: Page) => page.getByLabel('Đến trang', { exact: true });

describe('document viewer on a touch tablet', () => {
  let server: Server;
  let browser: Browser;
  let dir: string;
  let meetingId = '';
  let doc: MeetingDocument;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-viewer-touch-'));
    [server, browser] = await Promise.all([startServer({ name: 'viewer-touch', timeoutMs: 180_000 }), launchBrowser()]);
    const clerk = await apiLogin(server.url, DEMO.clerk, DEMO_PASSWORD);
    meetingId = await regularSessionId(clerk);
    const file = join(dir, 'touch.pdf');
    writeFileSync(file, await makePdf({ pages: 8, title: 'Báo cáo thẩm tra' }));
    doc = await uploadInternal(clerk, meetingId, `Báo cáo thẩm tra ${Date.now().toString(36)}`, file);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('zooms in and out with a two-finger pinch and still pages with one finger', async () => {
    const { page, g } = await delegateTablet(browser, server.url);
    await page.goto(`/meetings/${meetingId}/documents/${doc.id}`);
    await pageSlot(page, 1).locator('canvas').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => navigator.maxTouchPoints)).toBeGreaterThan(0);
    const cdp = await page.context().newCDPSession(page);

    const box = (await page.locator('.scroller').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 3 };
    const tapAt = { x: box.x + 6, y: box.y + box.height - 40 };
    const fitWidth = await slotWidth(page);
    const fitPercent = await percent(page);
    expect(await page.getByRole('button', { name: 'Vừa chiều rộng' }).getAttribute('aria-pressed')).toBe('true');

    // Pinch out: the fingers end 2.5 times as far apart. Chromium may coalesce the last moves of a busy page
    // (what the page saw last is what counts), so the zoom is checked for a clear rise, not exactly 2.5×.
    await pinch(page, cdp, centre, 120, 300, tapAt);
    await expect.poll(() => percent(page), { timeout: 15_000 }).toBeGreaterThan(fitPercent * 1.6);
    expect(await percent(page)).toBeLessThan(fitPercent * 2.6);
    await expect.poll(() => slotWidth(page)).toBeGreaterThan(fitWidth * 1.6);
    // The preview transform is gone once the fingers lift: the zoom is real (pages redrawn at that size).
    expect(await page.locator('.column').evaluate((el) => el.style.transform)).toBe('');
    expect(await page.getByRole('button', { name: 'Vừa chiều rộng' }).getAttribute('aria-pressed')).toBe('false');
    // The point under the fingers stays in view: zooming around the centre scrolls sideways into the page.
    expect(await page.locator('.scroller').evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await pageSlot(page, 1).locator('canvas').waitFor();
    await screenshot(page, 'viewer-touch-01-pinched-out');

    // Pinch in: the fingers end at a fifth of their distance; the zoom drops below where it started.
    const zoomed = await slotWidth(page);
    await pinch(page, cdp, centre, 300, 60, tapAt);
    await expect.poll(() => slotWidth(page), { timeout: 15_000 }).toBeLessThan(zoomed / 2);
    expect(await slotWidth(page)).toBeLessThan(fitWidth);
    expect(await percent(page)).toBeLessThan(fitPercent);
    await screenshot(page, 'viewer-touch-02-pinched-in');

    // Back to fit width with the button, then one finger swipes up: the pages scroll natively and the page
    // number follows.
    await page.getByRole('button', { name: 'Vừa chiều rộng' }).click();
    await expect.poll(() => slotWidth(page)).toBeCloseTo(fitWidth, 0);
    const before = await scrollTop(page);
    expect(await pageInput(page).inputValue()).toBe('1');
    for (let i = 0; i < 4 && (await pageInput(page).inputValue()) === '1'; i++) {
      const x = box.x + box.width / 2;
      await gesture(page, cdp, [{ x, y: box.y + box.height - 120 }], [{ x, y: box.y + 120 }], 10);
      await page.waitForTimeout(300);
    }
    expect(await scrollTop(page)).toBeGreaterThan(before + 500);
    await expect.poll(() => pageInput(page).inputValue()).not.toBe('1');
    // A one-finger swipe is not a pinch: the zoom has not moved.
    expect(await slotWidth(page)).toBeCloseTo(fitWidth, 0);
    await screenshot(page, 'viewer-touch-03-swiped');

    await cdp.detach();
    g.assertClean();
    await page.context().close();
  });
});
