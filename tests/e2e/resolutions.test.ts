// Resolutions on a tablet (issue 6): an adopted draft becomes a numbered resolution; the chair selects a .p12,
// a wrong passphrase and an untrusted certificate each give a clear error, then the demo certificate signs;
// the server verifies and seals; the chair sees it sealed and verified. Every request the page sends is
// recorded: none carries the .p12 file, its passphrase or the private key. The public verify page (no login)
// gives the verdict on the downloaded file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntermediateCa, createPersonCertificate, createRootCa, toPkcs12 } from '@hopso/signature/pki';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { adoptByHands, apiAs } from './sitting.ts';

const regularSession = /^Kỳ họp thường lệ cuối năm/;
const demoPassphrase = 'HopSo@2026';

/**
 * What the live session leaves behind, done quickly: a draft PDF on a new agenda item, the quorum marked,
 * a show-of-hands poll adopted 20 of 24 — then the secretary numbers the resolution.
 */
async function adoptedResolution(server: Server, run: string): Promise<{ councilId: string; resolutionId: string }> {
  const secretary = await apiAs(server, DEMO.secretary);
  const meetings = (await (await secretary('/api/meetings')).json()) as { meetings: { id: string; title: string; councilId: string }[] };
  const meeting = meetings.meetings.find((m) => regularSession.test(m.title))!;
  const title = `Nghị quyết về kế hoạch đầu tư công ${run}`;
  const { item } = await (await secretary(`/api/meetings/${meeting.id}/agenda`, { method: 'POST', body: { title } })).json();
  const clerk = await apiAs(server, DEMO.clerk);
  const draft = await makePdf({ pages: 1, title, textPerPage: () => [`Nghi quyet ${run}`] });
  const upload = await clerk(`/api/meetings/${meeting.id}/documents?${new URLSearchParams({ title, agendaItemId: item.id, confidentiality: 'public' })}`, { method: 'POST', body: draft, type: 'application/pdf' });
  expect(upload.status).toBe(201);

  const pollId = await adoptByHands(server, meeting.id, item.id, title);
  const res = await secretary(`/api/polls/${pollId}/resolution`, { method: 'POST', body: {} });
  expect(res.status, await res.clone().text()).toBe(201);
  return { councilId: meeting.councilId, resolutionId: (await res.json()).resolution.id };
}

/** The private key inside a .p12 as PKCS#8 DER, to prove it never travels. */
function privateKeyDer(p12: Uint8Array, passphrase: string): Buffer {
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(p12)), passphrase);
  const bag = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!;
  return Buffer.from(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))).getBytes(), 'binary');
}

describe('resolutions: sign on a tablet, seal, verify', () => {
  let server: Server;
  let browser: Browser;
  const run = Date.now().toString(36);
  const dir = mkdtempSync(join(tmpdir(), 'hopso-e2e-p12-'));
  const untrusted = { path: join(dir, 'nguoi-la.p12'), passphrase: 'Khong-tin-cay 1', bytes: new Uint8Array(), key: Buffer.alloc(0) };
  let ids: { councilId: string; resolutionId: string };

  beforeAll(async () => {
    server = await startServer({ name: 'resolutions', timeoutMs: 180_000 });
    browser = await launchBrowser();
    ids = await adoptedResolution(server, run);
    const root = await createRootCa('Untrusted Root');
    const person = await createPersonCertificate(await createIntermediateCa(root), { commonName: 'Nguyễn Văn Thành' });
    untrusted.bytes = await toPkcs12(person.privateKey, [person.certificate], untrusted.passphrase);
    untrusted.key = Buffer.from(await crypto.subtle.exportKey('pkcs8', person.privateKey));
    writeFileSync(untrusted.path, untrusted.bytes);
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the chair signs an adopted resolution; wrong passphrase and untrusted certificate are refused clearly; no secret leaves the tablet', async () => {
    const demoP12Path = join(server.dataDir, 'demo-pki', 'chutich.p12');
    const demoP12 = new Uint8Array(readFileSync(demoP12Path));
    const demoKey = privateKeyDer(demoP12, demoPassphrase);

    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await login(page, DEMO.chair);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    // Recorded from here on: the sign-in itself carries the account password, which the demo .p12 shares.
    const bodies: Buffer[] = [];
    page.on('request', (req) => { const body = req.postDataBuffer(); if (body) bodies.push(body); });
    await page.goto(`/councils/${ids.councilId}/resolutions/${ids.resolutionId}`);
    await page.getByRole('heading', { name: 'Ký số nghị quyết' }).waitFor();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Chờ ký');

    const sign = async (file: string, passphrase: string) => {
      await page.getByLabel('Tệp chứng thư số (.p12, .pfx)').setInputFiles(file);
      await page.getByLabel('Mật khẩu của tệp').fill(passphrase);
      await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    };
    await sign(demoP12Path, 'sai-mat-khau');
    await expect.poll(() => page.getByTestId('sign-error').textContent(), { timeout: 30_000 }).toContain('Sai mật khẩu của tệp chứng thư số.');
    await screenshot(page, 'resolutions-01-wrong-passphrase');

    await sign(untrusted.path, untrusted.passphrase);
    await expect.poll(() => page.getByTestId('sign-error').textContent(), { timeout: 60_000 }).toContain('không thuộc chuỗi tin cậy');
    await screenshot(page, 'resolutions-02-untrusted');
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Chờ ký');

    await sign(demoP12Path, demoPassphrase);
    await page.getByTestId('sealed').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Đã ký số và đóng dấu');
    expect(await page.getByTestId('verdict').textContent()).toContain('Hợp lệ');
    expect(await page.getByTestId('signature').count()).toBe(2);
    await screenshot(page, 'resolutions-03-sealed');

    // Nothing the page sent carries the file, the passphrase or the key, in any encoding.
    expect(bodies.length).toBeGreaterThan(3);
    const secrets: [string, Buffer][] = [];
    for (const [name, bytes] of [['demo p12', Buffer.from(demoP12)], ['demo key', demoKey], ['untrusted p12', Buffer.from(untrusted.bytes)], ['untrusted key', untrusted.key]] as const) {
      secrets.push([`${name} raw`, bytes.subarray(0, 64)], [`${name} base64`, Buffer.from(bytes.toString('base64').slice(0, 64))], [`${name} hex`, Buffer.from(bytes.toString('hex').slice(0, 64))]);
    }
    for (const p of [demoPassphrase, 'sai-mat-khau', untrusted.passphrase]) secrets.push([`passphrase ${p}`, Buffer.from(p)], [`passphrase ${p} json`, Buffer.from(JSON.stringify(p))]);
    for (const body of bodies) for (const [name, needle] of secrets) expect(body.includes(needle), `a request body carried the ${name}`).toBe(false);
    g.assertClean();
  }, 240_000);

  it('anyone verifies the sealed file on the public verify page, without signing in', async () => {
    const chair = await apiAs(server, DEMO.chair);
    const file = new Uint8Array(await (await chair(`/api/resolutions/${ids.resolutionId}/file`)).arrayBuffer());
    const page = await newTabletPage(browser, server.url);
    const g = await guard(page);
    await page.goto('/verify');
    await page.getByRole('heading', { name: 'Kiểm tra chữ ký số' }).waitFor();
    await page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles({ name: 'nghi-quyet.pdf', mimeType: 'application/pdf', buffer: Buffer.from(file) });
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('verdict').textContent()).toContain('Hợp lệ');
    expect(await page.getByTestId('signature').first().textContent()).toContain('Nguyễn Văn Thành');
    await screenshot(page, 'resolutions-04-verify-page');

    // Tampered: one byte changed inside the signed range is refused with the reason.
    const tampered = Buffer.from(file);
    tampered[200] = tampered[200] === 0x41 ? 0x42 : 0x41;
    await page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles({ name: 'sua.pdf', mimeType: 'application/pdf', buffer: tampered });
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 60_000 }).toContain('Không hợp lệ');
    await screenshot(page, 'resolutions-05-verify-tampered');
    g.assertClean();
  }, 180_000);
});
