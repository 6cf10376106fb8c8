import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { councils, deliveries, notifications, notificationSettings, users } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../testing.ts';
import { channelsOf, idempotencyKeyOf, notify, type NotificationInput } from './notify.ts';

// notify() on PGlite or PostgreSQL (TEST_DATABASE_URL): one in-app row per (user, event, key) and one
// queued delivery per channel the user takes, however often and however concurrently it is called.

let t: TestApp;
let councilId: string;
let userIds: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  councilId = (await t.db.select().from(councils))[0]!.id;
  const rows = await t.db.select({ id: users.id, username: users.username }).from(users);
  userIds = Object.fromEntries(rows.map((r) => [r.username, r.id]));
});
afterAll(async () => { await t.close(); });

const content = (word: string) => ({ subject: `${word} subject`, text: `${word} text`, html: `<p>${word}</p>` });
const input = (key: string, usernames: string[], over: Partial<NotificationInput> = {}): NotificationInput => ({
  councilId, event: 'meeting.invitation', key,
  messages: usernames.map((u) => ({ userId: userIds[u]!, vi: content('Giấy mời'), en: content('Invitation'), link: '/meetings/x' })),
  ...over,
});
const rowsFor = (key: string) => t.db.select().from(notifications).where(eq(notifications.key, key));
const deliveriesFor = async (key: string) => {
  const ids = (await rowsFor(key)).map((n) => n.id);
  return ids.length ? t.db.select().from(deliveries).where(inArray(deliveries.notificationId, ids)) : [];
};

describe('notify', () => {
  it('stores one notification and one delivery per channel when called twice with the same key', async () => {
    const first = await notify(t.db, input('k-twice', ['daibieu01']), { channels: ['email', 'sms'] });
    const second = await notify(t.db, input('k-twice', ['daibieu01']), { channels: ['email', 'sms'] });
    expect(first).toEqual({ created: 1 });
    expect(second).toEqual({ created: 0 });
    const [row] = await rowsFor('k-twice');
    expect(await rowsFor('k-twice')).toHaveLength(1);
    expect(row).toMatchObject({ userId: userIds.daibieu01, councilId, event: 'meeting.invitation', link: '/meetings/x', readAt: null, pushedAt: null });
    expect(row!.content.vi.subject).toBe('Giấy mời subject');
    // No settings row: e-mail only, SMS waits for the user to turn it on.
    const queued = await deliveriesFor('k-twice');
    expect(queued.map((d) => [d.channel, d.status, d.attempts, d.idempotencyKey])).toEqual([['email', 'queued', 0, idempotencyKeyOf(row!.id, 'email')]]);
  });

  it('keeps the same key apart per event and per user', async () => {
    await notify(t.db, input('k-shared', ['daibieu02', 'daibieu03']), { channels: [] });
    await notify(t.db, input('k-shared', ['daibieu02', 'daibieu03', 'daibieu04']), { channels: [] });
    await notify(t.db, input('k-shared', ['daibieu02'], { event: 'meeting.changed' }), { channels: [] });
    const rows = await rowsFor('k-shared');
    expect(rows.map((r) => `${r.event}/${r.userId}`).sort()).toEqual([
      `meeting.changed/${userIds.daibieu02}`, `meeting.invitation/${userIds.daibieu02}`, `meeting.invitation/${userIds.daibieu03}`, `meeting.invitation/${userIds.daibieu04}`,
    ].sort());
    expect(await deliveriesFor('k-shared')).toEqual([]);
  });

  it('queues each channel the user turned on and has an address for, among those the server sends on', async () => {
    await t.db.insert(notificationSettings).values({ userId: userIds.daibieu05!, email: false, sms: true, zalo: true, zaloUserId: '8842' });
    await t.db.insert(notificationSettings).values({ userId: userIds.daibieu06!, email: true, sms: true, zalo: true, zaloUserId: null });
    await notify(t.db, input('k-channels', ['daibieu05', 'daibieu06']), { channels: ['email', 'sms', 'zalo'] });
    const queued = await deliveriesFor('k-channels');
    const byUser = (u: string) => queued.filter((d) => d.notificationId === rowsByUser.get(userIds[u]!)).map((d) => d.channel).sort();
    const rowsByUser = new Map((await rowsFor('k-channels')).map((r) => [r.userId, r.id]));
    expect(byUser('daibieu05')).toEqual(['sms', 'zalo']);
    expect(byUser('daibieu06')).toEqual(['email', 'sms']); // no Zalo id yet
  });

  it('leaves the caller’s transaction usable after a duplicate, and stores nothing when it rolls back', async () => {
    await notify(t.db, input('k-tx', ['daibieu07']), { channels: ['email'] });
    await t.db.transaction(async (tx) => {
      expect(await notify(tx, input('k-tx', ['daibieu07', 'daibieu08']), { channels: ['email'] })).toEqual({ created: 1 });
      await tx.update(users).set({ fullName: 'Đại biểu 08' }).where(eq(users.id, userIds.daibieu08!));
    });
    expect((await rowsFor('k-tx')).map((r) => r.userId).sort()).toEqual([userIds.daibieu07, userIds.daibieu08].sort());
    await t.db.transaction(async (tx) => {
      await notify(tx, input('k-rollback', ['daibieu07']), { channels: ['email'] });
      tx.rollback();
    }).catch(() => {});
    expect(await rowsFor('k-rollback')).toEqual([]);
  });

  it('stores one row when two calls race on the same key', async () => {
    const results = await Promise.all([1, 2, 3].map(() => notify(t.db, input('k-race', ['daibieu09']), { channels: ['email'] })));
    expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(1);
    expect(await deliveriesFor('k-race')).toHaveLength(1);
  });

  it('stores the attachments for the e-mail', async () => {
    const ics = { filename: 'moi-hop.ics', contentType: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' };
    await notify(t.db, { ...input('k-ics', ['daibieu10']), messages: [{ ...input('k-ics', ['daibieu10']).messages[0]!, attachments: [ics] }] }, { channels: [] });
    const [row] = await t.db.select().from(notifications).where(and(eq(notifications.key, 'k-ics'), eq(notifications.userId, userIds.daibieu10!)));
    expect(row!.attachments).toEqual([ics]);
  });
});

describe('channelsOf', () => {
  const user = { email: 'a@b.vn', phone: '0912345678' };
  it.each([
    [user, null, ['email', 'sms', 'zalo'], ['email']],
    [{ email: null, phone: '0912' }, null, ['email', 'sms', 'zalo'], []],
    [user, { email: true, sms: true, zalo: true, zaloUserId: 'z1' }, ['email', 'sms', 'zalo'], ['email', 'sms', 'zalo']],
    [user, { email: true, sms: true, zalo: true, zaloUserId: 'z1' }, ['sms'], ['sms']],
    [{ email: 'a@b.vn', phone: null }, { email: false, sms: true, zalo: false, zaloUserId: null }, ['email', 'sms'], []],
  ] as const)('%o with %o on %o → %o', (u, s, available, expected) => {
    expect(channelsOf(u, s, available)).toEqual(expected);
  });
});
