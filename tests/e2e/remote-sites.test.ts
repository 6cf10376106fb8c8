// Remote sites (điểm cầu, issue 11): a meeting held in the main hall and at one remote site. Delegates check
// in on their tablets at each place, the site secretary marks one present at the site, and the quorum counts
// both places (16 → 17 of 25); the main projector and the site's projector (?site=) show it with the
// per-site breakdown. A named vote taken by delegates at both places ends with its result on both projectors.
// The meeting is this file's own: on PostgreSQL every e2e file shares the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollView } from '@hopso/shared/live';
import { DEMO, launchBrowser, newTabletPage, screenshot, socketAs, startServer, type Browser, type Page, type Server } from './harness.ts';
import { apiAs, desktop, signIn, type Device } from './sitting.ts';

type Socket = Awaited<ReturnType<typeof socketAs>>;
const siteName = 'Điểm cầu thôn Đông';

describe('a meeting at two sites', () => {
  let server: Server;
  let browser: Browser;
  const run = Date.now().toString(36);
  const title = `Kỳ họp chuyên đề hai điểm cầu (${run})`;
  const pollTitle = `Thông qua Nghị quyết đầu tư trường học (${run})`;
  let meetingId = '';
  let siteId = '';
  const ids = new Map<string, string>();
  const sockets = new Map<string, Socket>();
  const tablets = new Map<string, Page>();
  let mainProjector: Device;
  let siteProjector: Device;

  const socket = async (username: string) => {
    let s = sockets.get(username);
    if (!s) sockets.set(username, (s = await socketAs(server, username)));
    return s;
  };
  const ok = async (p: Promise<{ ok: boolean; message?: string }>) => {
    const ack = await p;
    if (!ack.ok) throw new Error(ack.message);
    return ack;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'remote-sites', timeoutMs: 180_000 }), launchBrowser()]);
    const api = await apiAs(server, DEMO.secretary);
    const list = (await (await api('/api/meetings')).json()) as { meetings: { councilId: string }[] };
    const created = await api(`/api/councils/${list.meetings[0]!.councilId}/meetings`, { method: 'POST', body: { title, kind: 'thematic', startsAt: new Date().toISOString(), place: 'Hội trường UBND xã', closedSitting: false, inviteAllMembers: true } });
    expect(created.status).toBe(201);
    meetingId = ((await created.json()) as { meeting: { id: string } }).meeting.id;
    expect((await api(`/api/meetings/${meetingId}/publish`, { method: 'POST' })).status).toBe(200);
    for (const u of [DEMO.chair, ...Array.from({ length: 20 }, (_, i) => DEMO.delegate(i + 1))]) {
      const me = (await (await (await apiAs(server, u))('/api/auth/me')).json()) as { user: { id: string } };
      ids.set(u, me.user.id);
    }
    const site = await api(`/api/meetings/${meetingId}/sites`, { method: 'POST', body: { name: siteName, secretaryId: ids.get(DEMO.delegate(20)) } });
    expect(site.status).toBe(201);
    siteId = ((await site.json()) as { site: { id: string } }).site.id;
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await browser?.close();
    await server?.stop();
  });

  it('checks delegates in at the main hall and at the site, and counts one quorum over both on both projectors', async () => {
    mainProjector = await desktop(browser, server, DEMO.chair, { width: 1920, height: 1080 });
    await mainProjector.page.goto(`/projector/${meetingId}`);
    siteProjector = await desktop(browser, server, DEMO.secretary, { width: 1280, height: 720 });
    await siteProjector.page.goto(`/projector/${meetingId}?site=${siteId}`);
    await siteProjector.page.getByText(`Điểm cầu: ${siteName} — 0 đại biểu có mặt`).waitFor();

    // Three tablets: a delegate in the main hall, one at the site, and the site secretary (a delegate) at the site.
    for (const [n, where] of [[1, null], [2, siteName], [20, siteName]] as const) {
      const page = await newTabletPage(browser, server.url);
      await signIn(page, DEMO.delegate(n));
      await page.goto(`/meetings/${meetingId}/live`);
      const button = page.getByRole('button', { name: 'Điểm danh', exact: true });
      await button.waitFor();
      if (where) await page.getByLabel('Nơi tham dự').selectOption({ label: where });
      await button.click();
      await page.getByText(/^Đã điểm danh lúc \d\d:\d\d$/).waitFor();
      tablets.set(DEMO.delegate(n), page);
    }
    await screenshot(tablets.get(DEMO.delegate(2))!, 'remote-sites-01-tablet-at-site');

    // The site secretary marks a delegate who came to the site without a tablet.
    const secretaryTablet = tablets.get(DEMO.delegate(20))!;
    const marking = secretaryTablet.getByRole('region', { name: `Điểm danh tại điểm cầu ${siteName}` });
    const d3 = await socket(DEMO.delegate(3));
    const d3Name = (await ok(d3.emitWithAck('meeting.sync', { meetingId })) as unknown as { snapshot: { attendance: { userId: string; fullName: string }[] } })
      .snapshot.attendance.find((a) => a.userId === ids.get(DEMO.delegate(3)))!.fullName;
    await marking.getByRole('button', { name: `Có mặt tại điểm cầu: ${d3Name}` }).click();
    await marking.getByText(`Đang có mặt tại: ${siteName}`).first().waitFor();
    // Not over the main hall: the server refuses a site secretary marking there.
    const refused = await (await socket(DEMO.delegate(20))).emitWithAck('attendance.mark', { meetingId, userId: ids.get(DEMO.delegate(4))!, status: 'present', siteId: null });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });

    // The rest over sockets: the chair and d4…d10 in the main hall (9 there with d1), d11…d14 at the site
    // (7 there): 16 of 25, one short of the quorum.
    const secretary = await socket(DEMO.secretary);
    for (const u of [DEMO.chair, ...[4, 5, 6, 7, 8, 9, 10].map(DEMO.delegate)]) await ok(secretary.emitWithAck('attendance.mark', { meetingId, userId: ids.get(u)!, status: 'present' }));
    for (const n of [11, 12, 13, 14]) await ok((await socket(DEMO.delegate(n))).emitWithAck('attendance.checkIn', { meetingId, siteId }));
    await mainProjector.page.getByText('Có mặt: 16/25 đại biểu').waitFor();
    await mainProjector.page.getByText('Chưa đủ điều kiện biểu quyết (cần 17)').waitFor();

    // The 17th delegate checks in at the site: the quorum is reached over both places.
    await ok((await socket(DEMO.delegate(15))).emitWithAck('attendance.checkIn', { meetingId, siteId }));
    for (const p of [mainProjector.page, siteProjector.page]) {
      await p.getByText('Có mặt: 17/25 đại biểu').waitFor();
      await p.getByText('Đủ điều kiện biểu quyết (cần 17)').waitFor();
      const breakdown = p.getByRole('list', { name: 'Đại biểu có mặt theo điểm cầu' });
      await breakdown.getByRole('listitem').filter({ hasText: 'Hội trường chính' }).getByText('9 đại biểu có mặt').waitFor();
      await breakdown.getByRole('listitem').filter({ hasText: siteName }).getByText('8 đại biểu có mặt').waitFor();
    }
    await siteProjector.page.getByText(`Điểm cầu: ${siteName} — 8 đại biểu có mặt`).waitFor();
    await screenshot(siteProjector.page, 'remote-sites-02-site-projector-quorum');
  });

  it('takes a named vote from delegates at both places and shows the result on both projectors', async () => {
    const secretary = await socket(DEMO.secretary);
    const { poll } = (await ok(secretary.emitWithAck('poll.create', { meetingId, title: pollTitle, method: 'named' }))) as unknown as { poll: PollView };
    await ok(secretary.emitWithAck('poll.open', { pollId: poll.id }));
    // On the tablets: one in the main hall, two at the site.
    for (const u of [DEMO.delegate(1), DEMO.delegate(2), DEMO.delegate(20)]) {
      const page = tablets.get(u)!;
      await page.getByRole('heading', { name: pollTitle }).waitFor();
      await page.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.getByText('Đã ghi nhận biểu quyết của bạn').waitFor();
    }
    // The others present: 11 more in favour (14), three against.
    for (const [u, choice] of [
      [DEMO.chair, 'yes'], ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => [DEMO.delegate(n), 'yes'] as const),
      ...[13, 14, 15].map((n) => [DEMO.delegate(n), 'no'] as const),
    ] as const) await ok((await socket(u)).emitWithAck('poll.cast', { pollId: poll.id, choice }));
    await ok(secretary.emitWithAck('poll.close', { pollId: poll.id }));
    for (const p of [mainProjector.page, siteProjector.page]) {
      const result = p.getByRole('region', { name: pollTitle });
      await result.getByText('Kết quả biểu quyết').waitFor();
      // 14 of 25 in favour: more than half of all delegates (13).
      await result.getByText('Thông qua', { exact: true }).waitFor();
      expect(await result.locator('.row.yes .count').textContent()).toBe('14');
      expect(await result.locator('.row.no .count').textContent()).toBe('3');
    }
    await siteProjector.page.getByText(`Điểm cầu: ${siteName} — 8 đại biểu có mặt`).waitFor();
    await screenshot(siteProjector.page, 'remote-sites-03-site-projector-result');
    for (const d of [mainProjector, siteProjector]) d.guard.assertClean();
  });
});
