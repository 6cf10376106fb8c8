// Offline-tolerant tablets (issue 9): a delegate opens the meeting and an internal document, the Wi-Fi drops
// (context.setOffline) and a reload of the viewer still draws the document from the tablet's copy, with the
// watermark naming the reader; a note written offline waits, then reaches the server once online; a ballot
// attempted offline is refused with the offline message, and back online the live state resyncs (a poll closed
// meanwhile shows its result); after sign-out the tablet holds no internal document.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import { apiLogin } from '../bench/lib/api.ts';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, launchBrowser, screenshot, socketAs, startServer, type Browser, type Guard, type Page, type Server } from './harness.ts';
import { markQuorum } from './sitting.ts';
import { delegateTablet, drawn, regularSessionId, uploadInternal } from './viewer-setup.ts';
import { cached, until } from './offline-setup.ts';

const delegateName = 'Nguyễn Văn An';

describe('offline tablet', () => {
  let server: Server;
  let browser: Browser;
  let dir: string;
  let meetingId = '';
  let doc: MeetingDocument;
  let page: Page;
  let g: Guard;
  const run = Date.now().toString(36);
  const pollTitle = `Thông qua nghị quyết khi mất mạng (${run})`;
  let pollId = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-offline-'));
    [server, browser] = await Promise.all([startServer({ name: 'offline', timeoutMs: 180_000 }), launchBrowser()]);
    const clerk = await apiLogin(server.url, DEMO.clerk, DEMO_PASSWORD);
    meetingId = await regularSessionId(clerk);
    writeFileSync(join(dir, 'doc.pdf'), await makePdf({ pages: 3, title: 'Tờ trình ngân sách' }));
    doc = await uploadInternal(clerk, meetingId, `Tờ trình đọc khi mất mạng ${run}`, join(dir, 'doc.pdf'));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the meeting\'s internal document once the delegate opens the meeting, never a secret one', async () => {
    ({ page, g } = await delegateTablet(browser, server.url));
    // The service worker installs on the first page and takes control (clients.claim).
    await until('the service worker to control the page', () => page.evaluate(() => navigator.serviceWorker.controller !== null));
    // The app is installable: the manifest is linked and served from our origin.
    const manifest = (await (await page.request.get((await page.locator('link[rel="manifest"]').getAttribute('href'))!)).json()) as { name: string; icons: { src: string }[]; theme_color: string };
    expect(manifest.name).toBe('Họp Số');
    for (const icon of manifest.icons) expect((await page.request.get(icon.src)).status()).toBe(200);

    await page.goto(`/meetings/${meetingId}`);
    const file = `/api/documents/${doc.id}/file`;
    await until('the document to be kept', async () => (await cached(page))[`hopso-meeting-${meetingId}`]?.includes(file) ?? false);
    await until('the viewer\'s JSON to be kept', async () => (await cached(page))[`hopso-meeting-${meetingId}`]?.includes(`/api/documents/${doc.id}/annotations`) ?? false);
    const kept = Object.values(await cached(page)).flat();
    expect(kept.some((p) => p.startsWith('/api/auth'))).toBe(false);
    // Secret documents of the demo session have no bytes, so no file of theirs can be among those kept.
    const list = (await (await page.request.get(`/api/meetings/${meetingId}/documents`)).json()) as { documents: MeetingDocument[] };
    for (const d of list.documents.filter((x) => x.confidentiality === 'secret')) expect(kept).not.toContain(`/api/documents/${d.id}/file`);
  });

  it('reloads the viewer offline and still draws the kept document with the reader\'s watermark', async () => {
    await page.goto(`/meetings/${meetingId}/documents/${doc.id}`);
    await drawn(page, 1);

    const fromCopy: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes(`/api/documents/${doc.id}/file`)) fromCopy.push(`${r.status()} ${r.headers()['x-hopso-offline'] ?? 'network'}`);
    });
    await page.context().setOffline(true);
    await page.reload();
    await drawn(page, 1);
    expect(await page.locator('[data-page="1"] .watermark').textContent()).toContain(delegateName);
    // Every range pdf.js asked for was cut from the tablet's copy.
    expect(fromCopy.length).toBeGreaterThan(0);
    expect(fromCopy.every((s) => s === '206 cache')).toBe(true);
    await screenshot(page, 'offline-01-viewer-offline');
  });

  it('keeps a note written offline and sends it to the server once back online', async () => {
    const note = `Hỏi lại khoản chi khi có mạng (${run})`;
    await page.getByRole('button', { name: 'Ghi chú', exact: true }).click();
    await page.getByLabel(/^Ghi chú cho trang \d+$/).fill(note);
    await page.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await page.getByText(note).waitFor();
    const waiting = page.getByText('Chưa đồng bộ — sẽ tự gửi khi có mạng trở lại.');
    await waiting.waitFor();
    await screenshot(page, 'offline-02-note-waiting');

    await page.context().setOffline(false);
    await waiting.waitFor({ state: 'detached' });
    await page.getByText(note).waitFor();
    const res = await page.request.get(`/api/documents/${doc.id}/annotations`);
    const { annotations } = (await res.json()) as { annotations: { kind: string; text: string }[] };
    expect(annotations.filter((a) => a.kind === 'note' && a.text === note)).toHaveLength(1);
  });

  it('refuses a ballot offline with the offline message, and resyncs the live state once back online', async () => {
    // The secretary's console (a socket, not a browser) puts an item live and opens a named poll.
    await markQuorum(server, meetingId);
    const secretary = await socketAs(server, DEMO.secretary);
    const sync = await secretary.emitWithAck('meeting.sync', { meetingId });
    if (!sync.ok) throw new Error(sync.message);
    let itemId = sync.snapshot.liveItemId;
    if (!itemId) {
      const meeting = (await (await page.request.get(`/api/meetings/${meetingId}`)).json()) as { meeting: { agenda: { id: string }[] } };
      itemId = meeting.meeting.agenda[0]!.id;
      expect(await secretary.emitWithAck('agenda.setLive', { meetingId, itemId })).toMatchObject({ ok: true });
    }
    const created = await secretary.emitWithAck('poll.create', { meetingId, title: pollTitle, kind: 'motion', method: 'named', agendaItemId: itemId });
    if (!created.ok) throw new Error(created.message);
    pollId = created.poll.id;
    expect(await secretary.emitWithAck('poll.open', { pollId })).toMatchObject({ ok: true });

    await page.goto(`/meetings/${meetingId}/live`);
    await page.getByRole('heading', { name: pollTitle }).waitFor();

    await page.context().setOffline(true);
    await page.getByText('Đang kết nối lại').waitFor();
    await page.getByRole('button', { name: 'Tán thành', exact: true }).click();
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByText(/Máy tính bảng đang mất kết nối: phiếu biểu quyết, điểm danh và đăng ký phát biểu không gửi được khi ngoại tuyến/).waitFor();
    await screenshot(page, 'offline-03-ballot-refused');

    // Meanwhile, in the hall, the poll is closed; the tablet hears nothing of it while offline.
    expect(await secretary.emitWithAck('poll.close', { pollId })).toMatchObject({ ok: true });
    secretary.disconnect();
    const synced = await socketAs(server, DEMO.delegate(1));
    const mine = await synced.emitWithAck('meeting.sync', { meetingId });
    synced.disconnect();
    if (!mine.ok) throw new Error(mine.message);
    expect(mine.snapshot.myBallots.some((b) => b.pollId === pollId)).toBe(false); // the refused ballot never reached the server

    await page.context().setOffline(false);
    await page.getByText('Đang kết nối lại').waitFor({ state: 'detached' });
    await page.getByText('Kết quả biểu quyết').waitFor();
    await page.getByRole('heading', { name: pollTitle }).waitFor();
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).waitFor({ state: 'detached' });
    await screenshot(page, 'offline-04-resynced');
  });

  it('holds no internal document after sign-out', async () => {
    expect(Object.keys(await cached(page)).some((n) => n.startsWith('hopso-meeting-'))).toBe(true);
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL('**/login');
    // The login page shows as soon as the session is cleared; the kept meetings are deleted right after.
    await until('the kept meetings to be deleted', async () => !Object.keys(await cached(page)).some((n) => n.startsWith('hopso-meeting-')), 10_000);
    const after = await cached(page);
    expect(Object.keys(after).filter((n) => n.startsWith('hopso-meeting-'))).toEqual([]);
    expect(Object.values(after).flat().filter((p) => p.startsWith('/api/'))).toEqual([]);
    // The app shell stays: the sign-in page still works.
    expect(Object.keys(after).some((n) => n.startsWith('hopso-shell-'))).toBe(true);
    g.assertClean();
  });
});
