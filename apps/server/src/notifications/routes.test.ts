import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, councils, users } from '@hopso/db/schema/index';
import { notificationList, type ChannelSettingsView } from '@hopso/shared/notifications';
import { createTestApp, type TestApp } from '../testing.ts';
import { notify } from './notify.ts';

// The notification centre and channel settings through the API, on PGlite or PostgreSQL (TEST_DATABASE_URL).

let t: TestApp;
let councilId: string;
let delegate: string;
let delegateId: string;

beforeAll(async () => {
  t = await createTestApp();
  councilId = (await t.db.select().from(councils))[0]!.id;
  delegate = await t.login('daibieu11');
  delegateId = (await t.db.select().from(users).where(eq(users.username, 'daibieu11')))[0]!.id;
  for (let i = 1; i <= 5; i++) {
    const content = (w: string) => ({ subject: `${w} ${i}`, text: `${w} text ${i}`, html: `<p>${w}</p>` });
    await notify(t.db, { councilId, event: 'meeting.changed', key: `r-${i}`, messages: [{ userId: delegateId, vi: content('Thay đổi'), en: content('Change'), link: `/meetings/${i}` }] });
  }
});
afterAll(async () => { await t.close(); });

const get = async (path: string, cookie = delegate) => {
  const res = await t.request('GET', path, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
};

describe('notification centre', () => {
  it('pages through the user’s notifications newest first, in both languages, with the unread count', async () => {
    const first = notificationList.parse(await get('/api/notifications?limit=2'));
    expect(first.unread).toBe(5);
    expect(first.notifications.map((n) => n.vi.subject)).toEqual(['Thay đổi 5', 'Thay đổi 4']);
    expect(first.notifications[0]).toMatchObject({ en: { subject: 'Change 5' }, link: '/meetings/5', readAt: null });
    const second = notificationList.parse(await get(`/api/notifications?limit=2&before=${first.next}`));
    const third = notificationList.parse(await get(`/api/notifications?limit=2&before=${second.next}`));
    expect([...second.notifications, ...third.notifications].map((n) => n.vi.subject)).toEqual(['Thay đổi 3', 'Thay đổi 2', 'Thay đổi 1']);
    expect(third.next).toBeNull();
    expect((await t.request('GET', '/api/notifications?before=bm9wZQ', { cookie: delegate })).status).toBe(400);
    // Another user sees none of them.
    expect(notificationList.parse(await get('/api/notifications', await t.login('daibieu12'))).notifications).toEqual([]);
  });

  it('marks one read, then all, and counts down', async () => {
    const { notifications } = notificationList.parse(await get('/api/notifications'));
    const res = await t.request('POST', `/api/notifications/${notifications[0]!.id}/read`, { cookie: delegate, body: {} });
    expect(await res.json()).toEqual({ ok: true, unread: 4 });
    expect(await get('/api/notifications/unread')).toEqual({ ok: true, unread: 4 });
    expect(notificationList.parse(await get('/api/notifications?unread=true')).notifications).toHaveLength(4);
    const other = await t.request('POST', `/api/notifications/${notifications[1]!.id}/read`, { cookie: await t.login('daibieu12'), body: {} });
    expect(other.status).toBe(404);
    expect(await (await t.request('POST', '/api/notifications/read-all', { cookie: delegate, body: {} })).json()).toEqual({ ok: true, unread: 0 });
    expect(await get('/api/notifications/unread')).toEqual({ ok: true, unread: 0 });
  });

  it('reads and saves the channel settings, refusing a channel without its address, and audits the change without the address', async () => {
    const { settings } = await get('/api/notifications/settings') as { settings: ChannelSettingsView };
    expect(settings).toMatchObject({ locale: 'vi', email: true, sms: false, zalo: false, emailAddress: 'daibieu11@tanphu.example.vn', zaloUserId: null, available: [] });
    const put = (body: unknown) => t.request('PUT', '/api/notifications/settings', { cookie: delegate, body });
    const bad = await put({ ...settings, available: undefined, zalo: true, zaloUserId: null });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields.zaloUserId[0].en).toBe('Enter where this channel should reach you.');
    expect((await put({ ...settings, phone: 'not a phone' })).status).toBe(400);
    const ok = await put({ locale: 'en', email: false, sms: true, zalo: true, emailAddress: null, phone: '0912 345 678', zaloUserId: '4410998877' });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await ok.json()).settings).toMatchObject({ locale: 'en', email: false, sms: true, zalo: true, emailAddress: null, phone: '0912 345 678', zaloUserId: '4410998877' });
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'notification.settingsChanged'), eq(auditLog.targetId, delegateId)));
    expect(entry!.details).toEqual({ locale: 'en', email: false, sms: true, zalo: true, emailAddress: false, phone: true, zaloUserId: true });
    expect(JSON.stringify(entry!.details)).not.toContain('4410998877');
  });
});
