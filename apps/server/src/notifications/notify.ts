import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { deliveries, notifications, notificationSettings, users } from '@hopso/db/schema/index';
import type { MessageContent, NotificationChannel } from '@hopso/shared/notifications';

// The one entry point for every feature that tells users something (invitations, reminders, consultations…).
// Events in use (free text, one name per kind of occurrence; docs/api.md lists them):
//   meeting.invitation · meeting.changed · meeting.reminder · documents.unread · consultation.sent

export type { MessageContent };
export interface NotificationAttachment { filename: string; contentType: string; content: string } // e.g. an ICS file (text)
export interface NotificationMessage {
  userId: string;
  vi: MessageContent; en: MessageContent; // rendered by the caller; the recipient's locale (users.locale) picks one
  link?: string; // path inside the app, e.g. `/meetings/<id>` or an RSVP link `/rsvp/<token>`
  attachments?: NotificationAttachment[];
}
export interface NotificationInput {
  councilId: string; meetingId?: string | null;
  event: string; // 'meeting.invitation' | 'meeting.changed' | 'meeting.reminder' | 'documents.unread' | 'consultation.sent' | …
  key: string; // one per occurrence of the event; (userId, event, key) is UNIQUE: notifying twice stores and sends nothing new
  messages: NotificationMessage[];
}

/**
 * The outside channels this server can send on, set once at start from the configuration (server.ts) so
 * that callers need only the database; until then (and in tests that pass none) only in-app is on.
 */
let activeChannels: readonly NotificationChannel[] = [];
export function setActiveChannels(channels: readonly NotificationChannel[]): void { activeChannels = [...channels]; }
export function getActiveChannels(): readonly NotificationChannel[] { return activeChannels; }

/** The provider-side dedupe key of a delivery: stable for the notification and channel across retries and nodes. */
export const idempotencyKeyOf = (notificationId: string, channel: NotificationChannel) => `hopso-${notificationId}-${channel}`;

/** Which channels a user takes, given their settings row (or none) and the addresses they have. */
export function channelsOf(
  user: { email: string | null; phone: string | null },
  settings: { email: boolean; sms: boolean; zalo: boolean; zaloUserId: string | null } | null,
  available: readonly NotificationChannel[],
): NotificationChannel[] {
  const wanted = settings ?? { email: true, sms: false, zalo: false, zaloUserId: null };
  const has: Record<NotificationChannel, boolean> = {
    email: wanted.email && !!user.email,
    sms: wanted.sms && !!user.phone,
    zalo: wanted.zalo && !!wanted.zaloUserId,
  };
  return available.filter((channel) => has[channel]);
}

/**
 * Stores the in-app notification and queues one delivery per channel the user uses; safe inside the caller's
 * transaction (conflicts are skipped, never raised). Nothing is sent here: the delivery worker sends after
 * the caller commits, and tells the user's connected tablets then.
 */
export async function notify(db: Db, input: NotificationInput, options: { channels?: readonly NotificationChannel[] } = {}): Promise<{ created: number }> {
  if (!input.event || !input.key) throw new Error('notify: event and key are required');
  if (input.messages.length === 0) return { created: 0 };
  const channels = options.channels ?? activeChannels;
  const created = await db.insert(notifications).values(input.messages.map((m) => ({
    userId: m.userId, councilId: input.councilId, meetingId: input.meetingId ?? null, event: input.event, key: input.key,
    content: { vi: m.vi, en: m.en }, attachments: m.attachments ?? [], link: m.link ?? null,
  }))).onConflictDoNothing().returning({ id: notifications.id, userId: notifications.userId });
  if (created.length === 0 || channels.length === 0) return { created: created.length };

  const recipients = await db.select({ id: users.id, email: users.email, phone: users.phone, settings: notificationSettings })
    .from(users).leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(inArray(users.id, [...new Set(created.map((n) => n.userId))]));
  const byUser = new Map(recipients.map((r) => [r.id, r]));
  const queued = created.flatMap((n) => {
    const user = byUser.get(n.userId);
    if (!user) return [];
    return channelsOf(user, user.settings, channels).map((channel) => ({
      notificationId: n.id, councilId: input.councilId, channel, idempotencyKey: idempotencyKeyOf(n.id, channel),
    }));
  });
  if (queued.length) await db.insert(deliveries).values(queued).onConflictDoNothing();
  return { created: created.length };
}
