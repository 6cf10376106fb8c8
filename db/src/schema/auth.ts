import { boolean, index, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  fullName: text('full_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  /** The language notifications and e-mails reach the user in. */
  locale: text('locale', { enum: ['vi', 'en'] }).notNull().default('vi'),
  passwordHash: text('password_hash').notNull(),
  isSystemAdmin: boolean('is_system_admin').notNull().default(false),
  /** Base32 TOTP secret once the user turned on two-step sign-in; null otherwise. */
  totpSecret: text('totp_secret'),
  /** Secret part of the personal calendar feed URL; rotating it revokes old subscriptions. */
  calendarToken: text('calendar_token').notNull().unique(),
  /** When the user finished or skipped the first-run tour of the tablet; null shows it once more. */
  tourSeenAt: timestamp('tour_seen_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie token: a database leak does not hand out live sessions. */
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  userAgent: text('user_agent'),
  ip: text('ip'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** Failed sign-ins, counted per username and per address to throttle guessing across server nodes. */
export const loginFailures = pgTable('login_failures', {
  id: serial('id').primaryKey(),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('login_failures_username_idx').on(t.username, t.at), index('login_failures_ip_idx').on(t.ip, t.at)]);
