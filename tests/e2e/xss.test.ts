// XSS in the tablet web app (docs/security.md): text people type — here an agenda item's title written by the
// secretariat — is shown as text by Svelte's escaping, never parsed as markup. A title full of markup appears
// literally on a delegate's meeting page, adds no element, runs no script (no dialog) and breaks no
// Content-Security-Policy rule. apps/web/src/no-raw-html.test.ts keeps raw-HTML sinks out of the code.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { DEMO, guard, launchBrowser, login, newTabletPage, startServer, type Browser, type Server } from './harness.ts';
import { apiAs } from './sitting.ts';

const markup = `<img src=x id="xss-img" onerror="window.__xss=1"><script>window.__xss=2</script><b id="xss-b">đậm</b>`;

describe('user text with markup', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'xss' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows an agenda item titled with markup as text on the delegate tablet', async () => {
    const secretary = await apiAs(server, DEMO.secretary);
    const { meetings } = await (await secretary('/api/meetings')).json() as { meetings: MeetingSummary[] };
    const session = meetings.find((m) => m.kind === 'regular')!;
    const title = `Tờ trình ${markup} ${Date.now()}`;
    const res = await secretary(`/api/meetings/${session.id}/agenda`, { method: 'POST', body: { title } });
    expect(res.status).toBeLessThan(300);
    const { item } = await res.json() as { item: { id: string } };
    // On PostgreSQL the e2e servers share the demo data: the item goes again once checked.
    onTestFinished(async () => { expect((await secretary(`/api/agenda-items/${item.id}`, { method: 'DELETE' })).status).toBe(200); });

    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await login(page, DEMO.delegate(1));
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`/meetings/${session.id}`);
    await page.getByText(title, { exact: false }).first().waitFor();
    expect(await page.locator('#xss-img, #xss-b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    g.assertClean();
    await page.context().close();
  });
});
