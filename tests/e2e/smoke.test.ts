// The shortest path through the product on a tablet: the server starts on an empty database, seeds the demo
// council, sends a delegate to the Vietnamese login page, refuses a wrong password and lets the right one in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog } from '@hopso/shared/errors';
import { DEMO, DEMO_PASSWORD, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';

describe('smoke', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'smoke' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers the health check with the database engine', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('sends security headers on HTML pages and API responses', async () => {
    const html = await fetch(`${server.url}/login`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toBeTruthy();
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');

    const api = await fetch(`${server.url}/api/health`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toBeTruthy();
  });

  it('redirects the home page to a Vietnamese login page', async () => {
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await screenshot(page, 'smoke-login-portrait');
    g.assertClean();
    await page.context().close();
  });

  it('shows an error for a wrong password, then lets the delegate in to see their meetings', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);

    await login(page, DEMO.delegate(1), 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(errorCatalog.invalid_credentials.vi);
    expect(page.url()).toContain('/login');
    await screenshot(page, 'smoke-login-wrong-password');

    await login(page, DEMO.delegate(1), DEMO_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await screenshot(page, 'smoke-my-meetings-landscape');
    g.assertClean();
    await page.context().close();
  });
});
