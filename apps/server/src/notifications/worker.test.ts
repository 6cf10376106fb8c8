import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { councils, deliveries, notifications, users } from '@hopso/db/schema/index';
import { backoffMs, type NotificationChannel, type NotificationNewPayload } from '@hopso/shared/notifications';
import { createLogger } from '../log.ts';
import { createTestApp, type TestApp } from '../testing.ts';
import { notify } from './notify.ts';
import type { Notifier, OutgoingDelivery, SendResult } from './notifier.ts';
import { startDeliveryWorker, type WorkerOptions } from './worker.ts';

// The delivery worker on PGlite or PostgreSQL (TEST_DATABASE_URL) with scripted channels: retries with
// backoff, permanent failures, a channel that hangs, two workers on one database, the in-app push.

let t: TestApp;
let councilId: string;
let userIds: Record<string, string>;
let offset = 0; // the test's clock runs ahead of the wall clock by this much
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  t = await createTestApp();
  councilId = (await t.db.select().from(councils))[0]!.id;
  userIds = Object.fromEntries((await t.db.select({ id: users.id, username: users.username }).from(users)).map((r) => [r.username, r.id]));
});
afterAll(async () => { await t.close(); });

/** A channel that answers from a script, one result per call (then ok), and remembers what it was given. */
function scripted(channel: NotificationChannel, script: (SendResult | 'hang')[] = []) {
  const sent: OutgoingDelivery[] = [];
  let release: () => void = () => {};
  const hung = new Promise<void>((resolve) => { release = resolve; });
  const notifier: Notifier = {
    channel,
    async send(delivery) {
      sent.push(delivery);
      const next = script.shift() ?? { ok: true };
      if (next === 'hang') { await hung; return { ok: true }; }
      return next;
    },
  };
  return { notifier, sent, release: () => release() };
}

const emitted: { userId: string; payload: NotificationNewPayload }[] = [];
const worker = (notifiers: Notifier[], over: Partial<WorkerOptions> = {}) => startDeliveryWorker({
  db: t.db, notifiers, log: createLogger('silent'), now, emit: (userId, payload) => emitted.push({ userId, payload }),
  appUrl: 'https://hopso.test', maxAttempts: 3, retryBaseMs: 30_000, pollMs: 60_000, ...over,
});
const message = (username: string, link = '/meetings/abc') => ({ userId: userIds[username]!, vi: { subject: 'Giấy mời họp', text: 'Kính mời', html: '<p>Kính mời</p>' }, en: { subject: 'Invitation', text: 'You are invited', html: '<p>You are invited</p>' }, link });
const queue = async (key: string, usernames: string[], channels: NotificationChannel[] = ['email']) => {
  await notify(t.db, { councilId, event: 'meeting.invitation', key, messages: usernames.map((u) => message(u)) }, { channels });
  const ids = (await t.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.key, key))).map((r) => r.id);
  return () => t.db.select().from(deliveries).where(inArray(deliveries.notificationId, ids));
};

describe('backoffMs', () => {
  it.each([[0, 0], [1, 30_000], [2, 60_000], [3, 120_000], [4, 240_000], [7, 1_920_000], [8, 3_600_000], [50, 3_600_000]])('after %i failed attempts waits %i ms', (attempt, ms) => {
    expect(backoffMs(attempt)).toBe(ms);
  });
});

describe('delivery worker', () => {
  it('sends a queued delivery once, in the recipient’s language with an absolute link, and never again', async () => {
    const rows = await queue('w-once', ['daibieu01']);
    const email = scripted('email');
    const w = worker([email.notifier]);
    await w.runOnce();
    await w.runOnce();
    await w.stop();
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({ attempt: 1, locale: 'vi', link: 'https://hopso.test/meetings/abc', message: { subject: 'Giấy mời họp' }, recipient: { email: 'daibieu01@tanphu.example.vn' } });
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('retries a retryable failure after the backoff, then marks it failed after the last attempt', async () => {
    const rows = await queue('w-retry', ['daibieu02']);
    const fail = { ok: false, retryable: true, error: 'HTTP 503: busy' } as const;
    const email = scripted('email', [fail, fail, fail]);
    const w = worker([email.notifier]);
    await w.runOnce();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'HTTP 503: busy' });
    expect(row!.nextAttemptAt.getTime() - now().getTime()).toBeGreaterThan(25_000);
    await w.runOnce(); // not due yet
    expect(email.sent).toHaveLength(1);
    offset += backoffMs(1) + 1000;
    await w.runOnce();
    [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    offset += backoffMs(2) + 1000;
    await w.runOnce();
    await w.stop();
    [row] = await rows();
    expect(email.sent.map((d) => d.attempt)).toEqual([1, 2, 3]);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503: busy' });
  });

  it('marks a permanent failure failed at once with its reason', async () => {
    const rows = await queue('w-permanent', ['daibieu03']);
    const email = scripted('email', [{ ok: false, retryable: false, error: 'SMTP 550: mailbox unavailable' }]);
    const w = worker([email.notifier]);
    await w.runOnce();
    await w.stop();
    expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'SMTP 550: mailbox unavailable' });
  });

  it('keeps sending on the other channels while one hangs', async () => {
    await t.db.execute(`insert into notification_settings (user_id, email, sms) values ('${userIds.daibieu04}', true, true)`);
    const rows = await queue('w-hang', ['daibieu04'], ['email', 'sms']);
    const email = scripted('email', ['hang']);
    const sms = scripted('sms');
    const w = worker([email.notifier, sms.notifier]);
    const first = w.runOnce();
    await expect.poll(async () => (await rows()).find((d) => d.channel === 'sms')?.status).toBe('sent');
    expect((await rows()).find((d) => d.channel === 'email')?.status).toBe('sending');
    email.release();
    await first;
    await w.stop();
    expect((await rows()).map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('takes over a delivery whose node stopped mid-send once its lease runs out', async () => {
    const rows = await queue('w-lease', ['daibieu05']);
    const [row] = await rows();
    await t.db.update(deliveries).set({ status: 'sending', attempts: 1, nextAttemptAt: new Date(now().getTime() - 1000) }).where(eq(deliveries.id, row!.id));
    const email = scripted('email');
    const w = worker([email.notifier]);
    await w.runOnce();
    await w.stop();
    expect(email.sent.map((d) => d.attempt)).toEqual([2]);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends each delivery exactly once with two workers on the same database', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `daibieu${String(i + 1).padStart(2, '0')}`);
    const rows = await queue('w-two', names);
    const a = scripted('email');
    const b = scripted('email');
    const wa = worker([a.notifier], { batch: 3 });
    const wb = worker([b.notifier], { batch: 3 });
    for (let i = 0; i < 4; i++) await Promise.all([wa.runOnce(), wb.runOnce()]);
    await Promise.all([wa.stop(), wb.stop()]);
    const ids = [...a.sent, ...b.sent].map((d) => d.id);
    expect(ids.length).toBe(12);
    expect(new Set(ids).size).toBe(12);
    expect((await rows()).every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
  });

  it('tells the user’s tablets once per committed notification, with the unread count', async () => {
    await t.db.update(notifications).set({ pushedAt: new Date() });
    emitted.length = 0;
    await notify(t.db, { councilId, event: 'documents.unread', key: 'w-push-1', messages: [message('daibieu06')] });
    await notify(t.db, { councilId, event: 'documents.unread', key: 'w-push-2', messages: [message('daibieu06')] });
    const unread = (await t.db.select().from(notifications).where(eq(notifications.userId, userIds.daibieu06!))).filter((n) => !n.readAt).length;
    const w = worker([]);
    await w.runOnce();
    await w.runOnce();
    await w.stop();
    expect(emitted).toHaveLength(2);
    expect(emitted.every((e) => e.userId === userIds.daibieu06 && e.payload.unread === unread)).toBe(true);
  });
});
