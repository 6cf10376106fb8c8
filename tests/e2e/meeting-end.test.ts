// Ending a meeting (issue: "Kết thúc phiên họp"): the secretary's console cannot end it while a poll is open
// and says why; once the poll closes, the end takes a confirmation, then the console, the delegate's tablet and
// the projector all say the meeting has ended, and the tablet's kept internal document is gone from its cache
// (apps/web/src/lib/offline forgets a meeting it reads as closed). The meeting is one of this file's own: on
// PostgreSQL every e2e file shares the database, and the demo sessions must stay open for the others.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import { apiLogin } from '../bench/lib/api.ts';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, launchBrowser, screenshot, socketAs, startServer, type Browser, type Page, type Server } from './harness.ts';
import { apiAs, desktop, markQuorum, type Device } from './sitting.ts';
import { delegateTablet, regularSessionId, uploadInternal } from './viewer-setup.ts';
import { cached, until } from './offline-setup.ts';

describe('ending a meeting', () => {
  let server: Server;
  let browser: Browser;
  let dir: string;
  let meetingId = '';
  let doc: MeetingDocument;
  let tablet: { page: Page; g: Awaited<ReturnType<typeof delegateTablet>>['g'] };
  let console_: Device;
  const run = Date.now().toString(36);
  const title = `Phiên họp chuyên đề kết thúc thử (${run})`;
  const cacheName = () => `hopso-meeting-${meetingId}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-end-'));
    [server, browser] = await Promise.all([startServer({ name: 'meeting-end', timeoutMs: 180_000 }), launchBrowser()]);
    // The secretary sets up a meeting of the demo council with everyone invited, one agenda item, published.
    const clerk = await apiLogin(server.url, DEMO.clerk, DEMO_PASSWORD);
    const regular = (await clerk.get<{ meeting: { councilId: string } }>(`/api/meetings/${await regularSessionId(clerk)}`)).meeting;
    const api = await apiAs(server, DEMO.secretary);
    const created = await api(`/api/councils/${regular.councilId}/meetings`, { method: 'POST', body: { title, kind: 'thematic', startsAt: new Date().toISOString(), place: 'Hội trường UBND xã', closedSitting: false, inviteAllMembers: true } });
    expect(created.status).toBe(201);
    meetingId = ((await created.json()) as { meeting: { id: string } }).meeting.id;
    expect((await api(`/api/meetings/${meetingId}/agenda`, { method: 'POST', body: { title: 'Báo cáo kết quả giám sát chuyên đề' } })).status).toBe(201);
    expect((await api(`/api/meetings/${meetingId}/publish`, { method: 'POST' })).status).toBe(200);
    writeFileSync(join(dir, 'doc.pdf'), await makePdf({ pages: 2, title: 'Báo cáo giám sát' }));
    doc = await uploadInternal(clerk, meetingId, `Báo cáo giám sát ${run}`, join(dir, 'doc.pdf'));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the internal document on the delegate\'s tablet while the meeting runs', async () => {
    tablet = await delegateTablet(browser, server.url);
    await until('the service worker to control the page', () => tablet.page.evaluate(() => navigator.serviceWorker.controller !== null));
    await tablet.page.goto(`/meetings/${meetingId}`);
    await until('the document to be kept', async () => (await cached(tablet.page))[cacheName()]?.includes(`/api/documents/${doc.id}/file`) ?? false);
    await tablet.page.goto(`/meetings/${meetingId}/live`);
    await tablet.page.getByRole('heading', { name: title }).waitFor();
  });

  it('cannot be ended from the console while a poll is open, and says why', async () => {
    console_ = await desktop(browser, server, DEMO.secretary, { width: 1280, height: 800 });
    const c = console_.page;
    await c.goto(`/meetings/${meetingId}/console`);
    await c.getByRole('button', { name: 'Bắt đầu nội dung 1', exact: true }).click();
    await c.locator('.item.live').waitFor();
    await markQuorum(server, meetingId);
    const s = await socketAs(server, DEMO.secretary);
    const poll = await s.emitWithAck('poll.create', { meetingId, title: `Thông qua báo cáo (${run})`, method: 'hands' });
    if (!poll.ok) throw new Error(poll.message);
    expect(await s.emitWithAck('poll.open', { pollId: poll.poll.id })).toMatchObject({ ok: true });

    const end = c.getByRole('button', { name: 'Kết thúc phiên họp', exact: true });
    await c.getByText('Đang có biểu quyết mở: hãy đóng hoặc hủy biểu quyết trước khi kết thúc phiên họp.').waitFor();
    expect(await end.isDisabled()).toBe(true);
    // The server refuses it too, whatever a screen shows.
    expect(await s.emitWithAck('meeting.end', { meetingId })).toMatchObject({ ok: false, code: 'poll_still_open' });
    await screenshot(c, 'meeting-end-01-poll-open');

    expect(await s.emitWithAck('poll.recordHands', { pollId: poll.poll.id, yes: 18, no: 0, abstain: 0 })).toMatchObject({ ok: true });
    expect(await s.emitWithAck('poll.close', { pollId: poll.poll.id })).toMatchObject({ ok: true });
    s.disconnect();
    await until('the end button to be enabled', async () => !(await end.isDisabled()));
  });

  it('ends after a confirmation: console, tablet and projector say so, and the tablet forgets the kept document', async () => {
    const c = console_.page;
    const projector = await c.context().newPage();
    await projector.goto(`/projector/${meetingId}`);
    await projector.getByText('Báo cáo kết quả giám sát chuyên đề').waitFor();

    await c.getByRole('button', { name: 'Kết thúc phiên họp', exact: true }).click();
    await c.getByText(/^Kết thúc phiên họp\? Nội dung đang họp được đánh dấu đã xong/).waitFor();
    await screenshot(c, 'meeting-end-02-confirm');
    await c.getByRole('button', { name: 'Xác nhận kết thúc', exact: true }).click();

    await c.getByRole('heading', { name: 'Phiên họp đã kết thúc' }).waitFor();
    await c.getByRole('button', { name: 'Kết thúc phiên họp', exact: true }).waitFor({ state: 'detached' });
    await c.locator('.item.live').waitFor({ state: 'detached' });
    await screenshot(c, 'meeting-end-03-console');

    await tablet.page.getByRole('heading', { name: 'Phiên họp đã kết thúc' }).waitFor();
    await until('the kept meeting to be deleted', async () => !(cacheName() in (await cached(tablet.page))));
    expect(Object.values(await cached(tablet.page)).flat()).not.toContain(`/api/documents/${doc.id}/file`);
    // The result of the sitting's last poll stays on the tablet's screen.
    await tablet.page.getByText('Kết quả biểu quyết', { exact: true }).waitFor();
    await tablet.page.getByText('Chưa bắt đầu nội dung nào').waitFor({ state: 'detached' });
    await screenshot(tablet.page, 'meeting-end-04-tablet');

    await projector.getByRole('heading', { name: 'Phiên họp đã kết thúc' }).waitFor();
    await screenshot(projector, 'meeting-end-05-projector');

    const meeting = (await (await tablet.page.request.get(`/api/meetings/${meetingId}`)).json()) as { meeting: { status: string; agenda: { status: string }[] } };
    expect(meeting.meeting.status).toBe('closed');
    expect(meeting.meeting.agenda.map((i) => i.status)).toEqual(['done']);
    tablet.g.assertClean();
    console_.guard.assertClean();
  });
});
