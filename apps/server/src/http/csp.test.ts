import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createTestApp, type TestApp } from '../testing.ts';
import { createHttpServer, loadWebHandler } from './server.ts';

/**
 * The Content-Security-Policy promise of docs/security.md: no page of ours may run a script it did not ship —
 * no 'unsafe-inline' (nor 'unsafe-eval') in the effective script policy of the tablet web app, the public
 * portal or the API. The web app's policy comes from SvelteKit (`csp` in apps/web/vite.config.ts, a fresh
 * nonce per response for its one bootstrap script); the portal's and the API's from apps/server.
 */

/** The sources that govern scripts: script-src, or default-src when there is none. */
function scriptSources(csp: string | null): string[] {
  const directives = new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!.toLowerCase(), values]));
  return directives.get('script-src') ?? directives.get('default-src') ?? ['*'];
}

function expectNoInlineScripts(csp: string | null, where: string) {
  expect(csp, `${where}: no Content-Security-Policy`).toBeTruthy();
  const sources = scriptSources(csp);
  expect(sources, `${where}: ${csp}`).not.toContain("'unsafe-inline'");
  expect(sources, `${where}: ${csp}`).not.toContain("'unsafe-eval'");
  expect(sources, `${where}: ${csp}`).not.toContain('*');
  for (const s of sources) expect(s, `${where}: script source ${s}`).toMatch(/^('self'|'none'|'nonce-[A-Za-z0-9+/=]+'|'sha256-[A-Za-z0-9+/=]+')$/);
}

describe('scriptSources', () => {
  it.each([
    ["default-src 'self'; script-src 'self' 'nonce-abc'", ["'self'", "'nonce-abc'"]],
    ["default-src 'none'; style-src 'self'", ["'none'"]],
    ["style-src 'self'", ['*']],
    [null, ['*']],
  ])('reads %s', (csp, expected) => {
    expect(scriptSources(csp)).toEqual(expected);
  });
  it.each(["script-src 'self' 'unsafe-inline'", "default-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-eval'", "style-src 'self'", "script-src https://cdn.example"])('refuses %s', (csp) => {
    expect(() => expectNoInlineScripts(csp, 'table')).toThrow();
  });
});

describe('Content-Security-Policy without inline scripts', () => {
  let t: TestApp;
  let url: string;
  let server: ReturnType<typeof createHttpServer>;

  beforeAll(async () => {
    t = await createTestApp();
    const buildDir = loadConfig({}).WEB_BUILD_DIR;
    const web = await loadWebHandler(buildDir, createLogger('silent'));
    if (!web) throw new Error(`the web app is not built (${buildDir}/handler.js missing): run npm run build first`);
    server = createHttpServer(t.app.fetch, web);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  it.each(['/', '/login', '/meetings', '/verify', '/a-page-that-does-not-exist'])('web app %s: scripts only from us or with this response\'s nonce', async (path) => {
    const res = await fetch(`${url}${path}`, { redirect: 'manual' });
    const csp = res.headers.get('content-security-policy');
    expectNoInlineScripts(csp, path);
    const html = await res.text();
    const nonce = scriptSources(csp).find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    // Every inline script of the page is the one SvelteKit signed with the nonce; no inline event handlers.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
      if (/\ssrc=/.test(tag)) continue;
      expect(tag, path).toBe(`<script nonce="${nonce}">`);
    }
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
  });

  it('gives every web page response a fresh nonce', async () => {
    const nonces = await Promise.all([1, 2, 3].map(async () => scriptSources((await fetch(`${url}/login`)).headers.get('content-security-policy')).find((s) => s.startsWith("'nonce-"))));
    expect(nonces.every(Boolean)).toBe(true);
    expect(new Set(nonces).size).toBe(3);
  });

  it('allows no script at all on the public portal and the API', async () => {
    const slug = 'hdnd-xa-tan-phu';
    const pages: [string, number][] = [['/cong-khai', 200], [`/cong-khai/${slug}`, 200], [`/cong-khai/${slug}/nghi-quyet`, 200], [`/cong-khai/${slug}/kien-nghi`, 200],
      ['/cong-khai/khong-co', 404], ['/api/health', 200], ['/api/auth/me', 401]];
    for (const [path, status] of pages) {
      const res = await fetch(`${url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(status);
      const csp = res.headers.get('content-security-policy');
      expectNoInlineScripts(csp, path);
      expect(scriptSources(csp), `${path}: ${csp}`).toEqual(["'none'"]);
      expect(await res.text(), path).not.toMatch(/<script\b/i);
    }
  });
});
