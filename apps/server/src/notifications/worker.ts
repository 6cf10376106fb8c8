import { and, asc, count, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { councils, deliveries, notifications, notificationSettings, users } from '@hopso/db/schema/index';
import { backoffMs, type NotificationChannel, type NotificationNewPayload } from '@hopso/shared/notifications';
import type { Logger } from '../log.ts';
import type { Notifier, OutgoingDelivery, SendResult } from './notifier.ts';

export interface WorkerOptions {
  db: Db;
  notifiers: Notifier[];
  log: Logger;
  now?: () => Date;
  /** Tells a user's connected tablets, on every node (the Socket.IO adapter carries it). */
  emit: (userId: string, payload: NotificationNewPayload) => void;
  /** Where links in e-mail, SMS and Zalo point (the app's public address). */
  appUrl: string;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** Deliveries claimed per round. */
  batch?: number;
}

/** How long a claimed delivery stays with its node; after that (a crash mid-send) another node takes it over. */
const leaseMs = 120_000;

/**
 * The delivery worker: every `pollMs` it tells tablets about committed in-app notifications and, per
 * channel, claims due deliveries (FOR UPDATE SKIP LOCKED, so several nodes on one PostgreSQL never take the
 * same one), sends them side by side and records each result: sent, queued again after a backoff, or failed.
 */
export function startDeliveryWorker(options: WorkerOptions) {
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // Each channel sends on its own: a provider that is slow to answer delays only its own messages.
  const busy = new Map<NotificationChannel, Promise<void>>();
  const fail = (what: string) => (error: unknown) => options.log.error(`delivery worker: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  const kick = (notifier: Notifier) => {
    const current = busy.get(notifier.channel);
    if (current) return current;
    const run = sendDue(options, now, notifier).catch(fail(notifier.channel)).finally(() => busy.delete(notifier.channel));
    busy.set(notifier.channel, run);
    return run;
  };
  let pushing: Promise<void> | null = null;
  const push = () => (pushing ??= pushInApp(options, now).catch(fail('in-app push')).finally(() => { pushing = null; }));
  const round = () => Promise.all([push(), ...options.notifiers.map(kick)]);
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void push();
      options.notifiers.forEach(kick);
      schedule();
    }, options.pollMs);
    timer.unref();
  };
  schedule();
  return {
    /** One round now, waiting for it (tests; "retry now" without waiting for the next poll). */
    async runOnce() {
      await Promise.all([pushing, ...busy.values()]);
      await round();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([pushing, ...busy.values()]);
      await Promise.all(options.notifiers.map((n) => n.close?.()));
    },
  };
}
export type DeliveryWorker = ReturnType<typeof startDeliveryWorker>;

/** The unread count of one user: what the bell shows. */
export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks committed, not yet pushed notifications pushed, then emits `notification.new` per notification. */
async function pushInApp(options: WorkerOptions, now: () => Date) {
  const pushed = await options.db.transaction(async (tx) => {
    const rows = await tx.select({ id: notifications.id, userId: notifications.userId }).from(notifications)
      .where(isNull(notifications.pushedAt)).orderBy(asc(notifications.createdAt)).limit(200).for('update', { skipLocked: true });
    if (rows.length) await tx.update(notifications).set({ pushedAt: now() }).where(inArray(notifications.id, rows.map((r) => r.id)));
    return rows;
  });
  for (const userId of new Set(pushed.map((p) => p.userId))) {
    const unread = await unreadCount(options.db, userId);
    for (const p of pushed.filter((x) => x.userId === userId)) options.emit(userId, { notificationId: p.id, unread });
  }
}

/** Claims the channel's due deliveries, sends them side by side and records each outcome. */
async function sendDue(options: WorkerOptions, now: () => Date, notifier: Notifier) {
  const claimed = await options.db.transaction(async (tx) => {
    const due = await tx.select({ id: deliveries.id }).from(deliveries)
      .where(and(eq(deliveries.channel, notifier.channel), inArray(deliveries.status, ['queued', 'sending']), lte(deliveries.nextAttemptAt, now())))
      .orderBy(asc(deliveries.nextAttemptAt)).limit(options.batch ?? 50).for('update', { skipLocked: true });
    if (!due.length) return [];
    return tx.update(deliveries).set({ status: 'sending', attempts: sql`${deliveries.attempts} + 1`, nextAttemptAt: new Date(now().getTime() + leaseMs) })
      .where(inArray(deliveries.id, due.map((d) => d.id))).returning({ id: deliveries.id, attempts: deliveries.attempts });
  });
  if (!claimed.length) return;
  const loaded = await loadOutgoing(options.db, claimed.map((c) => c.id), options.appUrl);
  await Promise.all(claimed.map(async ({ id, attempts }) => {
    const delivery = loaded.get(id);
    let result: SendResult;
    if (!delivery) result = { ok: false, retryable: false, error: 'recipient or channel gone' };
    else {
      try {
        result = await notifier.send({ ...delivery, attempt: attempts });
      } catch (error) {
        result = { ok: false, retryable: true, error: `adapter: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
      }
    }
    await record(options, now, id, attempts, result);
    const detail = { deliveryId: id, channel: notifier.channel, attempt: attempts };
    if (result.ok) options.log.info('notification delivered', detail);
    else options.log.warn('notification delivery failed', { ...detail, retryable: result.retryable, error: result.error });
  }));
}

/** Records a send's outcome, unless the lease ran out meanwhile and another node has the delivery now. */
async function record(options: WorkerOptions, now: () => Date, id: string, attempts: number, result: SendResult) {
  const mine = and(eq(deliveries.id, id), eq(deliveries.status, 'sending'), eq(deliveries.attempts, attempts));
  if (result.ok) {
    await options.db.update(deliveries).set({ status: 'sent', sentAt: now(), lastError: null }).where(mine);
    return;
  }
  const retry = result.retryable && attempts < options.maxAttempts;
  await options.db.update(deliveries).set({
    status: retry ? 'queued' : 'failed', lastError: result.error,
    nextAttemptAt: new Date(now().getTime() + (retry ? backoffMs(attempts, options.retryBaseMs) : 0)),
  }).where(mine);
}

/** The deliveries with what sending needs: recipient, addresses, the message in the recipient's language. */
async function loadOutgoing(db: Db, ids: string[], appUrl: string): Promise<Map<string, Omit<OutgoingDelivery, 'attempt'>>> {
  const rows = await db.select({
    id: deliveries.id, channel: deliveries.channel, idempotencyKey: deliveries.idempotencyKey,
    event: notifications.event, content: notifications.content, link: notifications.link, attachments: notifications.attachments,
    name: users.fullName, email: users.email, phone: users.phone, locale: users.locale, zaloUserId: notificationSettings.zaloUserId, councilName: councils.name,
  }).from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .innerJoin(users, eq(users.id, notifications.userId))
    .innerJoin(councils, eq(councils.id, notifications.councilId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(inArray(deliveries.id, ids));
  return new Map(rows.map((r) => [r.id, {
    id: r.id, channel: r.channel, idempotencyKey: r.idempotencyKey, event: r.event, locale: r.locale, councilName: r.councilName,
    recipient: { name: r.name, email: r.email, phone: r.phone, zaloUserId: r.zaloUserId ?? null },
    message: r.content[r.locale], link: r.link ? new URL(r.link, appUrl).toString() : null, attachments: r.attachments,
  }]));
}
