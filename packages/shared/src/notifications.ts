import { z } from 'zod';

/**
 * Notifications (issue 10): one in-app notification per user and occurrence of an event, and one delivery
 * per outside channel the user uses (e-mail, SMS, Zalo), queued and retried by the server's delivery worker.
 */

/** The outside channels; in-app is always on and is not a delivery. */
export const notificationChannels = ['email', 'sms', 'zalo'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** queued → sending → sent, or back to queued for a retry, or failed for good. */
export const deliveryStatuses = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** The languages a notification is rendered in; the recipient's locale picks one. */
export const notificationLocales = ['vi', 'en'] as const;
export type NotificationLocale = (typeof notificationLocales)[number];

/**
 * The wait before retry number `attempt + 1` after `attempt` failed attempts: 30 s, 1 min, 2 min, 4 min …
 * capped at 1 h, so a provider that is down for a while is not hammered and a short outage costs little.
 */
export function backoffMs(attempt: number, baseMs = 30_000, capMs = 3_600_000): number {
  if (attempt < 1) return 0;
  return Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 30));
}

export const messageContent = z.object({ subject: z.string(), text: z.string(), html: z.string() });
export type MessageContent = z.infer<typeof messageContent>;

const shortContent = z.object({ subject: z.string(), text: z.string() });

/** One notification in the notification centre, in both languages (the screen shows the one it speaks). */
export const notificationView = z.object({
  id: z.uuid(),
  councilId: z.uuid(),
  meetingId: z.uuid().nullable(),
  event: z.string(),
  vi: shortContent,
  en: shortContent,
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationListQuery = z.object({
  /** Opaque cursor: the `next` of the previous page. */
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const notificationList = z.object({
  ok: z.literal(true),
  notifications: z.array(notificationView),
  unread: z.number().int(),
  /** Cursor of the next (older) page, null at the end. */
  next: z.string().nullable(),
});
export type NotificationList = z.infer<typeof notificationList>;

/** The channels a user receives notifications on, with the addresses they go to. */
export const channelSettings = z.object({
  locale: z.enum(notificationLocales),
  email: z.boolean(),
  sms: z.boolean(),
  zalo: z.boolean(),
  emailAddress: z.email().max(320).nullable(),
  phone: z.string().trim().regex(/^\+?[0-9 .-]{8,20}$/).nullable(),
  zaloUserId: z.string().trim().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/).nullable(),
});
export type ChannelSettings = z.infer<typeof channelSettings>;

/** What the server can send on now (a channel with no provider configured is off for everyone). */
export const channelSettingsView = channelSettings.extend({ available: z.array(z.enum(notificationChannels)) });
export type ChannelSettingsView = z.infer<typeof channelSettingsView>;

export const deliveryView = z.object({
  id: z.uuid(),
  notificationId: z.uuid(),
  channel: z.enum(notificationChannels),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  event: z.string(),
  subject: z.string(),
  recipient: z.object({ userId: z.uuid(), fullName: z.string() }),
});
export type DeliveryView = z.infer<typeof deliveryView>;

export const deliveryListQuery = z.object({
  status: z.enum(deliveryStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Payload of the `notification.new` socket event: the recipient's unread count after it. */
export interface NotificationNewPayload { notificationId: string; unread: number }

/** The Socket.IO room of one user (all of that user's tablets and browsers, on every node). */
export const userRoom = (userId: string) => `user:${userId}`;
