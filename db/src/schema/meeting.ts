import { type AnyPgColumn, boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { committees, councils, delegateGroups } from './council.ts';

export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['regular', 'thematic', 'extraordinary', 'standing', 'committee', 'group', 'voterContact'] }).notNull(),
  status: text('status', { enum: ['draft', 'published', 'live', 'closed', 'cancelled'] }).notNull().default('draft'),
  title: text('title').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  place: text('place').notNull(),
  onlineUrl: text('online_url'),
  livestreamUrl: text('livestream_url'),
  closedSitting: boolean('closed_sitting').notNull().default(false),
  committeeId: uuid('committee_id').references(() => committees.id, { onDelete: 'set null' }),
  delegateGroupId: uuid('delegate_group_id').references(() => delegateGroups.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** The agenda item every tablet follows while the meeting is live. */
  liveItemId: uuid('live_item_id'),
  /** When the live item went live: the item timer every tablet shows counts from here. */
  liveSince: timestamp('live_since', { withTimezone: true }),
  /** Last sequence number of the meeting's event log (meeting_events). */
  eventSeq: integer('event_seq').notNull().default(0),
  /** A practice session (diễn tập): its polls never count, never become resolutions, minutes, exports, KPI or public. */
  rehearsal: boolean('rehearsal').notNull().default(false),
  /** The real meeting a rehearsal was copied from (agenda and invitees). */
  rehearsalOf: uuid('rehearsal_of').references((): AnyPgColumn => meetings.id, { onDelete: 'set null' }),
}, (t) => [index('meetings_council_starts_idx').on(t.councilId, t.startsAt)]);

export const agendaItems = pgTable('agenda_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  parentId: uuid('parent_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  presenter: text('presenter'),
  durationMinutes: integer('duration_minutes'),
  status: text('status', { enum: ['pending', 'live', 'done', 'postponed'] }).notNull().default('pending'),
}, (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.parentId, t.position)]);

export const invitations = pgTable('invitations', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('invitations_user_idx').on(t.userId)]);
