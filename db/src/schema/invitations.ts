import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { meetings } from './meeting.ts';

/**
 * The personal RSVP link of an invitation (/rsvp/<token>): one per invitee and meeting, only the SHA-256 of
 * the random token is kept, so a copy of the database cannot answer for anyone. The link stops working when
 * the meeting ends (checked against the meeting at use, so a rescheduled meeting moves the expiry with it).
 * A row also records that the invitation went out: publishing again never invites the same person twice.
 */
export const rsvpTokens = pgTable('rsvp_tokens', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] })]);

/**
 * An invitee's answer (xác nhận tham dự): attends, absent with a reason, or sends someone in their place
 * where the council's rules allow it. One row per invitee and meeting; a new answer replaces the old one.
 */
export const rsvps = pgTable('rsvps', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  response: text('response', { enum: ['attend', 'absent', 'substitute'] }).notNull(),
  reason: text('reason'),
  substituteName: text('substitute_name'),
  /** Where the answer came from: the signed-in meeting page or the personal link. */
  channel: text('channel', { enum: ['tablet', 'link'] }).notNull(),
  respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] })]);

/**
 * What the invitation notices of a published meeting need to remember across restarts: when it was
 * published (reminders due before that are covered by the invitation itself) and the changes made since the
 * last change notice (`pending`), sent once no edit has come for a short while (`changedAt`, the debounce).
 * `changeSeq` numbers the notices, so each has its own idempotency key.
 */
export const meetingNotices = pgTable('meeting_notices', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id, { onDelete: 'cascade' }),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  pending: jsonb('pending').$type<Record<string, unknown>>(),
  changedAt: timestamp('changed_at', { withTimezone: true }),
  changeSeq: integer('change_seq').notNull().default(0),
}, (t) => [index('meeting_notices_changed_idx').on(t.changedAt)]);
