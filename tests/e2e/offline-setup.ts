import type { Page } from './harness.ts';

// Helpers of the e2e files that look into the tablet's offline copy (offline.test.ts, meeting-end.test.ts).

/** What the tablet's Cache API holds: cache names and, per cache, the paths kept. */
export async function cached(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });
}

/** Waits until `check` holds (the service worker keeps and drops files in the background). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
