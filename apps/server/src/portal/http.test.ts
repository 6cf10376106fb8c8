import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createHttpServer, isPortalPath } from '../http/server.ts';

// The one HTTP server sends the portal to Hono (server-rendered) and leaves every other page to the web app.

describe('portal routing in the HTTP server', () => {
  it.each([
    ['/cong-khai', true], ['/cong-khai/', true], ['/cong-khai?lang=en', true], ['/cong-khai/hdnd-xa-tan-phu/nghi-quyet', true],
    ['/cong-khaixyz', false], ['/', false], ['/verify', false], ['/councils/x', false], ['/x/cong-khai', false],
  ])('%s → portal: %s', (url, expected) => {
    expect(isPortalPath(url)).toBe(expected);
  });

  let server: ReturnType<typeof createHttpServer>;
  let base: string;
  beforeAll(async () => {
    server = createHttpServer(
      (req) => new Response(`hono ${new URL(req.url).pathname}`),
      (req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(`web ${req.url}`); },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

  it('portal and API go to Hono, the SPA keeps the rest', async () => {
    expect(await (await fetch(`${base}/cong-khai/hdnd-xa-tan-phu`)).text()).toBe('hono /cong-khai/hdnd-xa-tan-phu');
    expect(await (await fetch(`${base}/api/health`)).text()).toBe('hono /api/health');
    expect(await (await fetch(`${base}/verify`)).text()).toBe('web /verify');
    expect(await (await fetch(`${base}/meetings/1`)).text()).toBe('web /meetings/1');
  });
});
