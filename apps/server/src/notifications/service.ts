import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { deliveries, notifications, notificationSettings, users } from '@hopso/db/schema/index';
import type { ChannelSettings, ChannelSettingsView, DeliveryStatus, DeliveryView, NotificationView } from '@hopso/shared/notifications';
import { getActiveChannels } from './notify.ts';
import { unreadCount } from './worker.ts';

type NotificationRow = typeof notifications.$inferSelect;

/** A notification as the centre shows it (no HTML: that is for e-mail). */
export function notificationViewOf(row: NotificationRow): NotificationView {
  const { vi, en } = row.content;
  return {
    id: row.id, councilId: row.councilId, meetingId: row.meetingId, event: row.event,
    vi: { subject: vi.subject, text: vi.text }, en: { subject: en.subject, text: en.text },
    link: row.link, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The page cursor: the last row's time and id, so rows with the same time are neither skipped nor repeated. */
const encodeCursor = (row: NotificationRow) => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  return id && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(date.getTime()) ? { at: date, id } : null;
}

/** One page of a user's notification centre, newest first; null for a cursor that is not one of ours. */
export async function listNotifications(db: Db, userId: string, query: { before?: string | undefined; limit: number; unread?: boolean | undefined }) {
  const where: (SQL | undefined)[] = [eq(notifications.userId, userId)];
  if (query.unread) where.push(isNull(notifications.readAt));
  if (query.before) {
    const cursor = decodeCursor(query.before);
    if (!cursor) return null;
    where.push(or(lt(notifications.createdAt, cursor.at), and(eq(notifications.createdAt, cursor.at), lt(notifications.id, cursor.id))));
  }
  const rows = await db.select().from(notifications).where(and(...where)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    notifications: page.map(notificationViewOf),
    unread: await unreadCount(db, userId),
    next: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** A user's channel settings with the addresses on their account; no row yet means e-mail only. */
export async function channelSettingsOf(db: Db, userId: string): Promise<ChannelSettingsView> {
  const [row] = await db.select({ locale: users.locale, email: users.email, phone: users.phone, settings: notificationSettings })
    .from(users).leftJoin(notificationSettings, eq(notificationSettings.userId, users.id)).where(eq(users.id, userId));
  const s = row?.settings;
  return {
    locale: row?.locale ?? 'vi', email: s?.email ?? true, sms: s?.sms ?? false, zalo: s?.zalo ?? false,
    emailAddress: row?.email ?? null, phone: row?.phone ?? null, zaloUserId: s?.zaloUserId ?? null, available: [...getActiveChannels()],
  };
}

/** Saves the settings: the language and addresses on the user, the channel choices in notification_settings. */
export async function saveChannelSettings(db: Db, userId: string, input: ChannelSettings, now: Date): Promise<void> {
  await db.update(users).set({ locale: input.locale, email: input.emailAddress, phone: input.phone }).where(eq(users.id, userId));
  const values = { email: input.email, sms: input.sms, zalo: input.zalo, zaloUserId: input.zaloUserId, updatedAt: now };
  await db.insert(notificationSettings).values({ userId, ...values }).onConflictDoUpdate({ target: notificationSettings.userId, set: values });
}

/** The council's delivery queue for the secretariat, newest first, failures included with their reason. */
export async function listDeliveries(db: Db, councilId: string, query: { status?: DeliveryStatus | undefined; limit: number }): Promise<DeliveryView[]> {
  const rows = await db.select({ d: deliveries, event: notifications.event, content: notifications.content, userId: users.id, fullName: users.fullName, locale: users.locale })
    .from(deliveries).innerJoin(notifications, eq(notifications.id, deliveries.notificationId)).innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(deliveries.councilId, councilId), query.status ? eq(deliveries.status, query.status) : undefined))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id)).limit(query.limit);
  return rows.map(({ d, event, content, userId, fullName, locale }) => ({
    id: d.id, notificationId: d.notificationId, channel: d.channel, status: d.status, attempts: d.attempts,
    nextAttemptAt: d.status === 'queued' || d.status === 'sending' ? d.nextAttemptAt.toISOString() : null,
    lastError: d.lastError, sentAt: d.sentAt?.toISOString() ?? null, createdAt: d.createdAt.toISOString(),
    event, subject: content[locale].subject, recipient: { userId, fullName },
  }));
}
