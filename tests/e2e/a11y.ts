// Accessibility checks for the e2e tests (issue 10): axe-core run inside the page, its full results kept as
// test-results/a11y/<name>.json, and the check failing on any serious or critical violation.
//
// axe's source is injected with page.evaluate (a DevTools-protocol call the page's CSP cannot block), so no
// wrapper package is needed on top of playwright-core. When the page is in high-contrast mode (class on
// <html>, or the portal under `prefers-contrast: more`) the AAA contrast rule (7:1) is checked as well.
//
//   await checkA11y(page, 'meeting-page');           // throws listing the serious/critical violations
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import { resultsDir, type Page } from './harness.ts';

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
