import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid, boolean } from 'drizzle-orm/pg-core';
import type { VenueLayout } from '@hopso/shared/seating';
import { users } from './auth.ts';
import { councils } from './council.ts';
import { meetings } from './meeting.ts';

/** A hall (hội trường) of a council, drawn once as a grid (shared/seating.ts VenueLayout) and reused by its meetings. */
export const venues = pgTable('venues', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  layout: jsonb('layout').$type<VenueLayout>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('venues_council_name').on(t.councilId, t.name)]);

/** The venue a meeting is seated in; changing it clears the meeting's seats. */
export const meetingSeating = pgTable('meeting_seating', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id, { onDelete: 'cascade' }),
  venueId: uuid('venue_id').notNull().references(() => venues.id, { onDelete: 'cascade' }),
});

/** Who sits where in a meeting: one seat per invitee, and a seat is given once (the unique constraint decides a race). */
export const seatAssignments = pgTable('seat_assignments', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
  assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), unique('seat_assignments_seat').on(t.meetingId, t.label)]);

/** A personal check-in code once scanned: the key makes a replayed code lose the race, on any node. */
export const checkinScans = pgTable('checkin_scans', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull(),
  scannedBy: uuid('scanned_by').references(() => users.id, { onDelete: 'set null' }),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] })]);

/**
 * A guest pass (mã khách mời) of a meeting: opens its public documents without an account; `label` names the
 * guest or delegation it was issued to. A single-use pass checks in once at the door; others count arrivals.
 */
export const guestPasses = pgTable('guest_passes', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  label: text('label').notNull().default(''),
  singleUse: boolean('single_use').notNull().default(false),
  uses: integer('uses').notNull().default(0),
  usedAt: timestamp('used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('guest_passes_meeting_idx').on(t.meetingId)]);

/**
 * Keys the server made itself on first start (e.g. `checkin`: the HMAC key of QR codes) when none is
 * configured. Kept in the database so every node of an installation signs and checks with the same key.
 */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
