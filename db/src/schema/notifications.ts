import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { deliveryStatuses, notificationChannels, type MessageContent } from '@hopso/shared/notifications';
import { users } from './auth.ts';
import { councils } from './council.ts';
import { meetings } from './meeting.ts';

/** An attachment sent with the e-mail of a notification (an ICS invitation): text content only. */
export interface StoredAttachment { filename: string; contentType: string; content: string }

/**
 * One in-app notification (thông báo): a user, an event and the occurrence's `key`; (user, event, key) is
 * unique so a caller that notifies twice (a retry, two nodes) stores and sends nothing new. The content is
 * rendered by the caller in both languages; the reader's locale picks one. `pushedAt` is set once the
 * delivery worker told the user's connected tablets (after the caller's transaction committed).
 */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
  event: text('event').notNull(),
  key: text('key').notNull(),
  content: jsonb('content').$type<{ vi: MessageContent; en: MessageContent }>().notNull(),
  attachments: jsonb('attachments').$type<StoredAttachment[]>().notNull().default([]),
  link: text('link'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
  pushedAt: timestamp('pushed_at', { withTimezone: true }),
}, (t) => [
  unique('notifications_user_event_key').on(t.userId, t.event, t.key),
  index('notifications_user_idx').on(t.userId, t.createdAt),
  index('notifications_unpushed_idx').on(t.createdAt).where(sql`pushed_at is null`),
]);

/**
 * The outgoing queue: one delivery per notification and channel. The worker claims due rows (status queued,
 * or sending with an expired lease in `nextAttemptAt`) with FOR UPDATE SKIP LOCKED; `idempotencyKey` is
 * sent to the provider so that a resend after a lost answer is dropped there too.
 */
export const deliveries = pgTable('deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  notificationId: uuid('notification_id').notNull().references(() => notifications.id, { onDelete: 'cascade' }),
  /** Copied from the notification: the secretariat's queue view is per council. */
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  channel: text('channel', { enum: notificationChannels }).notNull(),
  status: text('status', { enum: deliveryStatuses }).notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lastError: text('last_error'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('deliveries_notification_channel').on(t.notificationId, t.channel),
  index('deliveries_due_idx').on(t.nextAttemptAt).where(sql`status in ('queued', 'sending')`),
  index('deliveries_council_idx').on(t.councilId, t.status, t.createdAt),
]);

/**
 * The channels a user takes notifications on. E-mail goes to users.email and SMS to users.phone; Zalo needs
 * the user's id in the council's Official Account. No row: e-mail only (when the user has an address).
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  email: boolean('email').notNull().default(true),
  sms: boolean('sms').notNull().default(false),
  zalo: boolean('zalo').notNull().default(false),
  zaloUserId: text('zalo_user_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
