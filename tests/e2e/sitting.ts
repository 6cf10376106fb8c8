// Steps shared by the e2e files of a live sitting (floor, counting): signing in a device, opening the
// console on the demo regular session with an item live, and marking the quorum. On PostgreSQL the database
// is shared with other e2e files, so each step accepts what another file may have left (an item live,
// delegates already present).
import { expect } from 'vitest';
import { DEMO, DEMO_PASSWORD, guard, login, newTabletPage, socketAs, type Browser, type Guard, type Page, type Server } from './harness.ts';

export interface Device { page: Page; guard: Guard; fullName: string }

const regularSession = /^Kỳ họp thường lệ cuối năm/;

/** Signs in and returns the user's full name (as the screens show it). */
export async function signIn(page: Page, username: string): Promise<string> {
  await login(page, username);
  await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
  return ((await (await page.request.get('/api/auth/me')).json()) as { user: { fullName: string } }).user.fullName;
}

/** A signed-in laptop or projector screen of the given size. */
export async function desktop(browser: Browser, server: Server, username: string, viewport: { width: number; height: number }): Promise<Device> {
  const ctx = await browser.newContext({ baseURL: server.url, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await ctx.newPage();
  const g = await guard(page);
  return { page, guard: g, fullName: await signIn(page, username) };
}

/** The secretary's console (1280×800) on the regular session, with an item live; returns it and the meeting id. */
export async function openConsole(browser: Browser, server: Server): Promise<{ secretary: Device; meetingId: string }> {
  const secretary = await desktop(browser, server, DEMO.secretary, { width: 1280, height: 800 });
  const list = (await (await secretary.page.request.get('/api/meetings')).json()) as { meetings: { id: string; title: string }[] };
  const meetingId = list.meetings.find((m) => regularSession.test(m.title))!.id;
  const c = secretary.page;
  await c.goto(`/meetings/${meetingId}/console`);
  await c.getByRole('heading', { name: 'Phát biểu', exact: true }).waitFor();
  // Another file may have left an item live; otherwise start the first one.
  const end = c.getByRole('button', { name: 'Kết thúc nội dung đang họp' });
  const start = c.getByRole('button', { name: 'Bắt đầu nội dung 1', exact: true });
  await end.or(start).first().waitFor();
  if (!(await end.isVisible())) await start.click();
  await c.locator('.item.live').waitFor();
  return { secretary, meetingId };
}

/** Marks delegates present over a second console connection until the quorum is reached with one to spare. */
export async function markQuorum(server: Server, meetingId: string): Promise<void> {
  const s = await socketAs(server, DEMO.secretary);
  const ack = await s.emitWithAck('meeting.sync', { meetingId });
  if (!ack.ok) throw new Error(ack.message);
  let present = ack.snapshot.quorum.present;
  for (const a of ack.snapshot.attendance) {
    if (present > ack.snapshot.quorum.required) break;
    if (!a.isDelegate || a.status !== null) continue;
    expect(await s.emitWithAck('attendance.mark', { meetingId, userId: a.userId, status: 'present' })).toEqual({ ok: true });
    present++;
  }
  s.disconnect();
}

export type Api = (path: string, init?: { method?: string; body?: unknown; type?: string }) => Promise<Response>;

/** Signs in over HTTP (no browser) and returns a fetch bound to that session. */
export async function apiAs(server: Server, username: string): Promise<Api> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return (path, init = {}) => fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie, origin: server.url, ...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: init.body instanceof Uint8Array ? new Uint8Array(init.body) : JSON.stringify(init.body) } : {}),
  });
}

/**
 * What the live session leaves behind, done quickly over a console connection: the quorum marked, the item
 * live, a show-of-hands poll on it adopted 20 of 24. Returns the poll id (the secretary numbers its resolution).
 */
export async function adoptByHands(server: Server, meetingId: string, itemId: string, title: string): Promise<string> {
  await markQuorum(server, meetingId);
  const s = await socketAs(server, DEMO.secretary);
  const emit = s.emitWithAck.bind(s) as (e: string, p: unknown) => Promise<{ ok: boolean; message?: string; poll?: { id: string } }>;
  const ok = async (event: string, payload: unknown) => {
    const ack = await emit(event, payload);
    if (!ack.ok) throw new Error(`${event}: ${ack.message}`);
    return ack;
  };
  await ok('agenda.setLive', { meetingId, itemId });
  const pollId = (await ok('poll.create', { meetingId, title, kind: 'motion', method: 'hands', agendaItemId: itemId })).poll!.id;
  await ok('poll.open', { pollId });
  await ok('poll.recordHands', { pollId, yes: 20, no: 2, abstain: 1 });
  await ok('poll.close', { pollId });
  s.disconnect();
  return pollId;
}

/**
 * A delegate on a tablet finds no link to a secretariat screen on the council page and, going to its address,
 * the permission error: what the e2e files of those screens check. Answers the page for further checks.
 */
export async function delegateDenied(browser: Browser, server: Server, screen: { link: string; path: (councilId: string) => string }): Promise<{ page: Page; guard: Guard; councilId: string }> {
  const page = await newTabletPage(browser, server.url);
  const g = await guard(page);
  await login(page, DEMO.delegate(1));
  await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
  const { councils } = await (await page.request.get('/api/councils')).json() as { councils: { id: string; name: string }[] };
  const councilId = councils.find((c) => c.name === 'HĐND xã Tân Phú')!.id;
  await page.goto(`/councils/${councilId}`);
  await page.getByRole('heading', { level: 1, name: 'HĐND xã Tân Phú' }).waitFor();
  expect(await page.getByRole('link', { name: screen.link }).count()).toBe(0);
  await page.goto(screen.path(councilId));
  await page.getByRole('alert').filter({ hasText: 'Bạn không có quyền thực hiện thao tác này.' }).first().waitFor();
  return { page, guard: g, councilId };
}
