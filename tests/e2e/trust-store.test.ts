// The trust-store admin screen (issue 6): the administrator adds a root certificate (PEM) and sees it listed,
// removes it, and gets a clear error for a file that is not a certificate and for a certificate that is no
// CA's; every change is checked against the API. A non-admin (the chair) has no link to the screen and,
// going there by address, gets the reason and no form.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntermediateCa, createPersonCertificate, createRootCa, toPem } from '@hopso/signature/pki';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { apiAs } from './sitting.ts';

interface Anchor { id: string; kind: string; subject: string; fingerprint: string }

describe('trust store: the administrator manages the council\'s roots', () => {
  let server: Server;
  let browser: Browser;
  let councilId: string;
  const run = Date.now().toString(36);
  const rootName = `Họp Số E2E Root ${run}`;
  const dir = mkdtempSync(join(tmpdir(), 'hopso-e2e-trust-'));
  const files = { root: join(dir, 'root.pem'), notACertificate: join(dir, 'ghi-chu.pem'), person: join(dir, 'nguoi-ky.pem') };

  const anchors = async (): Promise<Anchor[]> => {
    const admin = await apiAs(server, DEMO.admin);
    const res = await admin(`/api/councils/${councilId}/trust-anchors`);
    expect(res.status).toBe(200);
    return (await res.json()).anchors;
  };

  beforeAll(async () => {
    server = await startServer({ name: 'trust-store', timeoutMs: 180_000 });
    browser = await launchBrowser();
    const secretary = await apiAs(server, DEMO.secretary);
    const { meetings } = (await (await secretary('/api/meetings')).json()) as { meetings: { councilId: string }[] };
    councilId = meetings[0]!.councilId;
    const root = await createRootCa(rootName);
    writeFileSync(files.root, toPem(root.certificate));
    writeFileSync(files.notACertificate, 'Đây là ghi chú, không phải chứng thư số.\n');
    writeFileSync(files.person, toPem((await createPersonCertificate(await createIntermediateCa(root), { commonName: 'Nguyễn Văn Thành' })).certificate));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a PEM root that is then listed, removes it, and explains a file that is not a CA certificate', async () => {
    const before = await anchors();
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.admin);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`/councils/${councilId}/resolutions`);
    await page.getByRole('link', { name: 'Chứng thư tin cậy' }).click();
    await page.getByRole('heading', { name: 'Chứng thư tin cậy' }).waitFor();
    // The demo root and intermediate the server put in the store at start-up are listed.
    await expect.poll(() => page.locator('tbody tr').count()).toBe(before.length);

    const rowOf = (text: string) => page.locator('tbody tr', { hasText: text });
    await page.getByLabel('Loại').selectOption('root');
    await page.getByLabel('Tệp PEM hoặc DER').setInputFiles(files.root);
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await rowOf(rootName).waitFor();
    const added = (await anchors()).find((a) => a.subject.includes(rootName));
    expect(added?.kind).toBe('root');
    expect(await rowOf(rootName).textContent()).toContain(added!.fingerprint);
    expect(await rowOf(rootName).textContent()).toContain('Chứng thư gốc');
    await screenshot(page, 'trust-store-01-added');

    await page.getByLabel('Tệp PEM hoặc DER').setInputFiles(files.notACertificate);
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Không đọc được chứng thư số hoặc danh sách thu hồi (PEM/DER).');
    await screenshot(page, 'trust-store-02-not-a-certificate');
    await page.getByLabel('Tệp PEM hoặc DER').setInputFiles(files.person);
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Đây không phải chứng thư của tổ chức cấp chứng thư (CA).');
    expect((await anchors()).length).toBe(before.length + 1);

    await rowOf(rootName).getByRole('button', { name: 'Xóa' }).click();
    await expect.poll(() => rowOf(rootName).count()).toBe(0);
    expect((await anchors()).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    await expect.poll(() => page.locator('tbody tr').count()).toBe(before.length);
    await screenshot(page, 'trust-store-03-removed');
    g.assertClean();
  }, 180_000);

  it('gives a non-admin no link and, by address, the reason instead of the store', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.chair);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`/councils/${councilId}/resolutions`);
    await page.getByRole('heading', { name: 'Nghị quyết' }).first().waitFor();
    // The page's own links are there (the verify page), the trust store's is not.
    await page.getByRole('main').getByRole('link', { name: 'Kiểm tra chữ ký số' }).waitFor();
    expect(await page.getByRole('link', { name: 'Chứng thư tin cậy' }).count()).toBe(0);

    await page.goto(`/councils/${councilId}/trust-store`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Bạn không có quyền thực hiện thao tác này.');
    expect(await page.getByLabel('Tệp PEM hoặc DER').count()).toBe(0);
    expect(await page.locator('tbody tr').count()).toBe(0);
    await screenshot(page, 'trust-store-04-not-admin');
    const chair = await apiAs(server, DEMO.chair);
    expect((await chair(`/api/councils/${councilId}/trust-anchors`)).status).toBe(403);
    g.assertClean();
  }, 120_000);
});
