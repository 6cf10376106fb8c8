import { Hono } from 'hono';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { deliveries, notifications } from '@hopso/db/schema/index';
import { channelSettings, deliveryListQuery, deliveryStatuses, notificationListQuery, type DeliveryStatus } from '@hopso/shared/notifications';
import { AppError, fieldError } from '../http/errors.ts';
import { idParam, readJson, readQuery, requireUser, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { appendAudit } from '../audit/log.ts';
import { channelSettingsOf, listDeliveries, listNotifications, saveChannelSettings } from './service.ts';
import { unreadCount } from './worker.ts';

// /api/notifications… — the signed-in user's notification centre and channel settings (their own rows only);
// /api/councils/:councilId/deliveries… — the council's outgoing queue for the secretariat (notification.queue).

export const notificationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    const query = readQuery(c, notificationListQuery);
    const { db } = c.var.deps;
    const page = await listNotifications(db, user.id, query);
    if (!page) throw new AppError('validation', { fields: fieldError('before', 'Vị trí trang không hợp lệ.', 'Not a valid page cursor.') });
    return c.json({ ok: true as const, ...page });
  })
  .get('/unread', async (c) => {
    const user = requireUser(c);
    return c.json({ ok: true as const, unread: await unreadCount(c.var.deps.db, user.id) });
  })
  .post('/read-all', async (c) => {
    const user = requireUser(c);
    const { db, now } = c.var.deps;
    await db.update(notifications).set({ readAt: now() }).where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
    return c.json({ ok: true as const, unread: 0 });
  })
  .get('/settings', async (c) => {
    const user = requireUser(c);
    return c.json({ ok: true as const, settings: await channelSettingsOf(c.var.deps.db, user.id) });
  })
  .put('/settings', async (c) => {
    const user = requireUser(c);
    const input = await readJson(c, channelSettings);
    const missing = (['email', 'sms', 'zalo'] as const).find((ch) => input[ch] && !{ email: input.emailAddress, sms: input.phone, zalo: input.zaloUserId }[ch]);
    if (missing) {
      const field = { email: 'emailAddress', sms: 'phone', zalo: 'zaloUserId' }[missing];
      throw new AppError('validation', { fields: fieldError(field, 'Nhập địa chỉ nhận cho kênh đã chọn.', 'Enter where this channel should reach you.') });
    }
    const { db, now } = c.var.deps;
    await db.transaction(async (tx) => {
      await saveChannelSettings(tx, user.id, input, now());
      // Which channels and whether an address is set, never the addresses themselves.
      await appendAudit(tx, { action: 'notification.settingsChanged', targetType: 'user', targetId: user.id, details: {
        locale: input.locale, email: input.email, sms: input.sms, zalo: input.zalo,
        emailAddress: input.emailAddress !== null, phone: input.phone !== null, zaloUserId: input.zaloUserId !== null,
      } });
    });
    return c.json({ ok: true as const, settings: await channelSettingsOf(db, user.id) });
  })
  .post('/:notificationId/read', async (c) => {
    const user = requireUser(c);
    const id = idParam(c, 'notificationId');
    const { db, now } = c.var.deps;
    const [row] = await db.select({ readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, user.id)));
    // Someone else's notification is as absent as a missing one.
    if (!row) throw new AppError('not_found');
    if (!row.readAt) await db.update(notifications).set({ readAt: now() }).where(eq(notifications.id, id));
    return c.json({ ok: true as const, unread: await unreadCount(db, user.id) });
  });

export const councilDeliveryRoutes = new Hono<AppEnv>()
  .get('/:councilId/deliveries', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'notification.queue', councilId);
    const query = readQuery(c, deliveryListQuery);
    const { db } = c.var.deps;
    const counts = await db.select({ status: deliveries.status, n: count() }).from(deliveries).where(eq(deliveries.councilId, councilId)).groupBy(deliveries.status);
    const totals = Object.fromEntries(deliveryStatuses.map((s) => [s, counts.find((r) => r.status === s)?.n ?? 0])) as Record<DeliveryStatus, number>;
    return c.json({ ok: true as const, deliveries: await listDeliveries(db, councilId, query), totals });
  })
  .post('/:councilId/deliveries/:deliveryId/retry', async (c) => {
    const councilId = idParam(c, 'councilId');
    const deliveryId = idParam(c, 'deliveryId');
    await authorizeCouncil(c, 'notification.queue', councilId);
    const { db, now } = c.var.deps;
    const retried = await db.transaction(async (tx) => {
      const [row] = await tx.select({ status: deliveries.status, channel: deliveries.channel, attempts: deliveries.attempts }).from(deliveries)
        .where(and(eq(deliveries.id, deliveryId), eq(deliveries.councilId, councilId))).for('update');
      if (!row) throw new AppError('not_found');
      // A sent delivery is never sent again; one being sent right now is left to its worker.
      if (row.status === 'sent' || row.status === 'sending') return null;
      // A failed delivery starts a fresh round of attempts; a queued one just stops waiting.
      await tx.update(deliveries).set({ status: 'queued', nextAttemptAt: now(), ...(row.status === 'failed' ? { attempts: 0 } : {}) })
        .where(and(eq(deliveries.id, deliveryId), inArray(deliveries.status, ['queued', 'failed'])));
      await appendAudit(tx, { action: 'notification.retried', councilId, targetType: 'delivery', targetId: deliveryId, details: { channel: row.channel, status: row.status, attempts: row.attempts } });
      return row;
    });
    if (!retried) throw new AppError('conflict', { fields: fieldError('status', 'Tin này đã gửi hoặc đang gửi.', 'This message is already sent or being sent.') });
    return c.json({ ok: true as const });
  });
