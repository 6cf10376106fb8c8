import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { meetings } from './meeting.ts';

/**
 * Remote sites (điểm cầu) of a meeting. The main hall is not a row: attendance without a site is in the
 * main hall, run by those running the meeting. A site's secretary (thư ký điểm cầu) marks attendance there,
 * and only there.
 */
export const meetingSites = pgTable('meeting_sites', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** A user of the council's secretariat or a delegate designated for this site. */
  secretaryId: uuid('secretary_id').references(() => users.id, { onDelete: 'set null' }),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('meeting_sites_name').on(t.meetingId, t.name), index('meeting_sites_meeting_idx').on(t.meetingId, t.position)]);
