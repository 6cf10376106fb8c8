// Accessibility checks for the e2e tests (issue 10): axe-core run inside the page, its full results kept as
// test-results/a11y/<name>.json, and the check failing on any serious or critical violation.
//
// axe's source is injected with page.evaluate (a DevTools-protocol call the page's CSP cannot block), so no
// wrapper package is needed on top of playwright-core. When the page is in high-contrast mode (class on
// <html>, or the portal under `prefers-contrast: more`) the AAA contrast rule (7:1) is checked as well.
//
//   await checkA11y(page, 'meeting-page');           // throws listing the serious/critical violations
//
// The tours (accessibility.test.ts, accessibility-more.test.ts) share the display modes and the screen
// walk below: `pageIn` opens a tablet in a mode, `tour` visits and checks a list of addresses.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import { expect } from 'vitest';
import { newTabletPage, resultsDir, type Browser, type Page, type Server } from './harness.ts';

/** Where the full axe results of each checked screen are written. */
export const a11yDir = join(resultsDir, 'a11y');

/** Impacts that fail a check; moderate and minor ones are kept in the JSON for a person to look at. */
const failing = new Set(['serious', 'critical']);

export interface A11yOptions {
  /** CSS selectors left out (e.g. a third-party canvas); keep this rare and say why at the call. */
  exclude?: string[];
  /** Check WCAG AAA contrast (7:1). Default: when the page is in high-contrast mode. */
  enhancedContrast?: boolean;
}

export interface A11ySummary {
  name: string;
  url: string;
  highContrast: boolean;
  largeText: boolean;
  /** Violations per impact (every impact, not only the failing ones). */
  counts: Record<string, number>;
  failing: { id: string; impact: string; help: string; targets: string[] }[];
}

/** Every screen checked in this test process, in order (the tour writes them as one summary artifact). */
export const checkedScreens: A11ySummary[] = [];

function describeViolation(v: Result): string {
  const targets = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join('; ').trim()}` : ''}`);
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s))\n${targets.join('\n')}`;
}

/**
 * Runs axe on the page as it is now and writes test-results/a11y/<name>.json. Throws when a serious or
 * critical violation is found, listing each with the elements concerned. Call it once the screen has
 * settled (its heading, data and live state shown), since axe checks what is in the DOM at that moment.
 */
export async function checkA11y(page: Page, name: string, opts: A11yOptions = {}): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const mode = await page.evaluate(() => ({
    highContrast: document.documentElement.classList.contains('high-contrast') || matchMedia('(prefers-contrast: more)').matches,
    largeText: document.documentElement.classList.contains('large-text'),
  }));
  const enhanced = opts.enhancedContrast ?? mode.highContrast;
  const options: RunOptions = { resultTypes: ['violations', 'incomplete'], rules: enhanced ? { 'color-contrast-enhanced': { enabled: true } } : {} };
  const context = opts.exclude?.length ? { exclude: opts.exclude.map((s) => [s]) } : undefined;
  const results = await page.evaluate(
    ([ctx, o]) => (window as unknown as { axe: typeof axe }).axe.run((ctx ?? document) as Parameters<typeof axe.run>[0], o as RunOptions),
    [context, options] as const,
  );

  mkdirSync(a11yDir, { recursive: true });
  const file = join(a11yDir, `${name.replace(/[^\w.-]+/g, '_')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));

  const bad = results.violations.filter((v) => failing.has(v.impact ?? ''));
  const counts: Record<string, number> = {};
  for (const v of results.violations) counts[v.impact ?? 'unknown'] = (counts[v.impact ?? 'unknown'] ?? 0) + 1;
  checkedScreens.push({
    name, url: results.url, ...mode, counts,
    failing: bad.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
  });
  if (bad.length) throw new Error(`axe found ${bad.length} serious/critical violation(s) on ${name} (${results.url}); full results in ${file}:\n${bad.map(describeViolation).join('\n')}`);
  return results;
}

/** How a tour shows each screen: as delivered, or with large text and high contrast on. */
export type Mode = 'normal' | 'contrast';
export const modes: Mode[] = ['normal', 'contrast'];

/** A page in the given display mode: the stored device setting for the app, `prefers-contrast` for the portal. */
export async function pageIn(browser: Browser, server: Server, mode: Mode, orientation: 'portrait' | 'landscape' = 'landscape'): Promise<Page> {
  const page = await newTabletPage(browser, server.url, { orientation });
  if (mode === 'contrast') {
    await page.emulateMedia({ contrast: 'more' });
    await page.addInitScript(() => localStorage.setItem('hopso.display', JSON.stringify({ largeText: true, highContrast: true })));
  }
  return page;
}

/** Waits until the screen shows its heading and nothing is loading any more. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await expect.poll(() => page.getByText(/^(Đang tải…|Loading…)$/).count(), { timeout: 20_000 }).toBe(0);
}

/** A screen of a tour: its name in the results, its address, and what to do there before the check. */
export type Screen = [name: string, path: string, ready?: (page: Page) => Promise<void>];

/**
 * Visits each path and checks it, collecting every screen's failure so one run reports all of them
 * (the test still fails if any screen has a serious or critical violation). `ready` brings the screen to
 * the state worth checking (a panel opened, a filter chosen) once its heading is shown.
 */
export async function tour(page: Page, mode: Mode, screens: Screen[]): Promise<void> {
  const failures: string[] = [];
  for (const [name, path, ready] of screens) {
    await page.goto(path);
    await settled(page);
    await ready?.(page);
    try {
      await checkA11y(page, `${name}-${mode}`);
    } catch (err) {
      failures.push((err as Error).message);
    }
  }
  expect(failures, failures.join('\n\n')).toEqual([]);
}

/** Writes the screens this test file checked as test-results/artifacts/<file> (one per tour file). */
export function writeA11ySummary(file: string): void {
  mkdirSync(join(resultsDir, 'artifacts'), { recursive: true });
  // The next tour in this process (e2e files share one) starts its own list.
  writeFileSync(join(resultsDir, 'artifacts', file), JSON.stringify(checkedScreens.splice(0), null, 2));
}
