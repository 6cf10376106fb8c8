// The audit log screen (issue 7): the secretary opens "Nhật ký kiểm tra" from the council page, sees the
// entries and checks the chain (intact); then two rows are edited directly in the database, behind the
// server's back, and the admin's check points at the first of them. A delegate has no link and no access.
// The server runs on a database of its own (a PGlite data dir, or a database created beside E2E_DATABASE_URL)
// so the tampered chain never reaches another test file's server; it is stopped while the rows are edited
// (PGlite is a single process) and restarted on the same data and port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { openDatabase } from '@hopso/db/client';
import { throwawayDatabase } from '@hopso/db/testing';
import { auditLog } from '@hopso/db/schema/index';
import { DEMO, DEMO_PASSWORD, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Page, type Server } from './harness.ts';
import { delegateDenied } from './sitting.ts';

async function openAudit(page: Page, username: string): Promise<string> {
  await login(page, username);
  await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
  const { councils } = await (await page.request.get('/api/councils')).json() as { councils: { id: string; name: string }[] };
  const councilId = councils.find((c) => c.name === 'HĐND xã Tân Phú')!.id;
  await page.goto(`/councils/${councilId}`);
  await page.getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
  await page.waitForURL(`**/councils/${councilId}/audit`);
  await page.getByRole('heading', { level: 1, name: 'Nhật ký kiểm tra' }).waitFor();
  return councilId;
}

describe('audit log screen: entries, chain check, tampering found', () => {
  let target: Awaited<ReturnType<typeof throwawayDatabase>>;
  let dataDir: string;
  let server: Server;
  let browser: Browser;
  let secretarySignIn = 0;
  const start = (port?: number) => startServer({ name: 'audit', dataDir, ...(port ? { port } : {}), ...(target.url ? { databaseUrl: target.url } : {}) });

  beforeAll(async () => {
    target = await throwawayDatabase(process.env.E2E_DATABASE_URL);
    dataDir = mkdtempSync(join(tmpdir(), 'hopso-e2e-audit-'));
    [server, browser] = await Promise.all([start(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await target?.drop();
    if (target?.url && server) rmSync(server.blobDir, { recursive: true, force: true }); // this database's own files
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the secretary the entries and an intact chain', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await openAudit(page, DEMO.secretary);
    // Her own sign-in is the newest entry of the council.
    const newest = page.locator('tbody tr').first();
    await newest.waitFor();
    expect(await newest.locator('td').nth(2).textContent()).toBe('auth.login');
    expect(await newest.locator('td').nth(3).textContent()).toBe('Lê Thị Thu Trang');
    secretarySignIn = Number(await newest.locator('td').first().textContent());

    await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
    const ok = page.getByRole('status').filter({ hasText: 'Chuỗi nguyên vẹn' });
    await ok.waitFor();
    const [, count, head] = /Chuỗi nguyên vẹn: (\d+) mục, đầu chuỗi #(\d+)\./.exec((await ok.textContent())!)!;
    expect(Number(count)).toBe(Number(head));
    expect(Number(head)).toBeGreaterThanOrEqual(secretarySignIn);
    expect(await page.getByRole('alert').filter({ hasText: 'Chuỗi bị phá vỡ' }).count()).toBe(0);
    await screenshot(page, 'audit-intact');
    g.assertClean();
  }, 60_000);

  it('points at the first edited entry after two rows are changed in the database', async () => {
    // A later entry: the chair signs in too. Then the secretary's sign-in (seen above) and the chair's are edited.
    const chair = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: DEMO.chair, password: DEMO_PASSWORD }) });
    expect(chair.status).toBe(200);
    const port = server.port;
    await server.stop();
    const database = await openDatabase({ url: target.url, dataDir: join(dataDir, 'pglite') });
    let first: { id: number; seq: number };
    try {
      const logins = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login'), gte(auditLog.seq, secretarySignIn))).orderBy(asc(auditLog.seq));
      expect(logins.map((l) => l.seq)).toEqual([secretarySignIn, expect.any(Number)]);
      first = logins[0]!;
      await database.db.update(auditLog).set({ details: { tampered: true } }).where(inArray(auditLog.id, logins.map((l) => l.id)));
    } finally {
      await database.close();
    }
    server = await start(port);

    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await openAudit(page, DEMO.admin);
    await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
    const broken = page.getByRole('alert').filter({ hasText: 'Chuỗi bị phá vỡ' });
    await broken.waitFor();
    expect(await broken.locator('strong').textContent()).toBe(`Chuỗi bị phá vỡ tại mục #${first.seq}`);
    expect(await broken.textContent()).toContain(`(mã dòng ${first.id})`);
    expect(await broken.textContent()).toContain('Mã băm của mục không khớp với nội dung: mục đã bị sửa.');
    expect(await page.getByRole('status').filter({ hasText: 'Chuỗi nguyên vẹn' }).count()).toBe(0);
    await screenshot(page, 'audit-broken');
    g.assertClean();
  }, 90_000);

  it('gives a delegate no link and no entries', async () => {
    const { page, guard: g, councilId } = await delegateDenied(browser, server, { link: 'Nhật ký kiểm tra', path: (id) => `/councils/${id}/audit` });
    expect(await page.locator('tbody tr').count()).toBe(0);
    expect((await page.request.get(`/api/councils/${councilId}/audit/verify`)).status()).toBe(403);
    g.assertClean();
  }, 60_000);
});
