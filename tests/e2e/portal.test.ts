// The public portal on a phone (issue 8): a resolution adopted in the demo regular session is signed with the
// demo chair's certificate over the API (the tablet signing UI has its own e2e), sealed, published; the
// clerk adds a public and an internal document to the session. A citizen's phone (390×844, no login) finds
// the signed resolution with its verified badge and the session's public document, never the internal one;
// the pages load no script and nothing from outside.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCms } from '@hopso/signature/cms';
import { openPkcs12 } from '@hopso/signature/pkcs12';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { adoptByHands, apiAs, type Api } from './sitting.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The API as one user, each answer's JSON (a refusal throws with its text). */
async function jsonAs(server: Server, username: string) {
  const api = await apiAs(server, username);
  return async (path: string, init?: Parameters<Api>[1]) => {
    const r = await api(path, init);
    if (r.status >= 300) throw new Error(`${init?.method ?? 'GET'} ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

/** A show-of-hands poll adopted in the regular session, numbered, signed by the chair, sealed and published. */
async function publishedSignedResolution(server: Server, title: string) {
  const secretary = await jsonAs(server, DEMO.secretary);
  const clerk = await jsonAs(server, DEMO.clerk);
  const { meetings } = await secretary('/api/meetings');
  const meeting = (meetings as { id: string; title: string }[]).find((m) => m.title.startsWith('Kỳ họp thường lệ cuối năm'))!;
  const { item } = await secretary(`/api/meetings/${meeting.id}/agenda`, { method: 'POST', body: { title } });
  const draft = await makePdf({ pages: 1, title, textPerPage: () => ['Nghi quyet cong khai'] });
  const upload = (docTitle: string, confidentiality: string, agendaItemId?: string) => clerk(`/api/meetings/${meeting.id}/documents?${new URLSearchParams({ title: docTitle, confidentiality, ...(agendaItemId ? { agendaItemId } : {}) })}`, { method: 'POST', body: draft, type: 'application/pdf' });
  await upload(title, 'public', item.id);
  await upload('Tờ trình dự toán ngân sách năm 2027', 'public');
  await upload('Báo cáo nội bộ của Thường trực', 'internal');

  const pollId = await adoptByHands(server, meeting.id, item.id, title);
  const { resolution } = await secretary(`/api/polls/${pollId}/resolution`, { method: 'POST', body: {} });

  // The chair signs with the demo certificate, as the tablet would (same CMS code, run here in Node).
  const signer = await openPkcs12(new Uint8Array(readFileSync(join(server.dataDir, 'demo-pki', 'chutich.p12'))), DEMO_PASSWORD);
  const chair = await jsonAs(server, DEMO.chair);
  const { session } = await chair(`/api/resolutions/${resolution.id}/signing`, { method: 'POST', body: { certificates: (await signer.certificateChain()).map(b64) } });
  const cms = await createCms(signer, new Uint8Array(Buffer.from(session.digest, 'base64')));
  await chair(`/api/signing-sessions/${session.sessionId}/cms`, { method: 'POST', body: { cms: b64(cms) } });
  await secretary(`/api/resolutions/${resolution.id}/publish`, { method: 'POST', body: {} });
  return { meetingId: meeting.id, resolutionId: resolution.id as string, code: resolution.code as string };
}

describe('public portal on a phone', () => {
  let server: Server;
  let browser: Browser;
  const title = `Nghị quyết về kế hoạch đầu tư công năm 2027 (${Date.now().toString(36)})`;
  let r: Awaited<ReturnType<typeof publishedSignedResolution>>;

  beforeAll(async () => {
    server = await startServer({ name: 'portal', timeoutMs: 180_000 });
    browser = await launchBrowser();
    r = await publishedSignedResolution(server, title);
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a citizen finds the signed resolution with its badge and the public document, not the internal one', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', javaScriptEnabled: false });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));

    await page.goto('/cong-khai');
    await page.getByRole('heading', { level: 1, name: 'Hội đồng nhân dân' }).waitFor();
    await screenshot(page, 'portal-01-home');
    await page.getByRole('link', { name: 'HĐND xã Tân Phú' }).click();
    await page.getByRole('heading', { level: 2, name: 'Nghị quyết mới công bố' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain(r.code);
    await screenshot(page, 'portal-02-council');

    await page.getByRole('link', { name: r.code }).first().click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const badge = page.getByRole('link', { name: /Chữ ký số đã xác thực/ });
    expect(await badge.getAttribute('href')).toBe('/verify');
    expect(await page.locator('code.hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'portal-03-resolution');

    // The downloadable file is the sealed one whose hash the page shows.
    const hash = await page.locator('code.hash').textContent();
    const file = await fetch(`${server.url}/api/public/resolutions/${r.resolutionId}/file`);
    expect(file.headers.get('etag')).toBe(`"${hash}"`);

    await page.goto(`/cong-khai/hdnd-xa-tan-phu/ky-hop/${r.meetingId}`);
    const documents = page.getByRole('region', { name: 'Tài liệu công khai' });
    await documents.waitFor();
    expect(await documents.getByRole('link', { name: 'Tờ trình dự toán ngân sách năm 2027' }).count()).toBe(1);
    expect(await page.content()).not.toContain('Báo cáo nội bộ của Thường trực');
    await screenshot(page, 'portal-04-meeting');

    await page.goto('/cong-khai/hdnd-xa-tan-phu?lang=en');
    await page.getByRole('heading', { level: 2, name: 'Latest resolutions' }).waitFor();
    await screenshot(page, 'portal-05-english');

    for (const url of requests) expect(url.startsWith(server.url), url).toBe(true);
    expect(requests.some((u) => u.endsWith('.js'))).toBe(false);
    await context.close();
  }, 120_000);
});
