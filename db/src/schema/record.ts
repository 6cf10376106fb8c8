import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { blobs } from './document.ts';
import { meetings } from './meeting.ts';

/**
 * The minutes (biên bản) of a meeting: the secretary's narrative per section while it is a draft; once
 * finalised the rendered PDF is frozen in the blob store (its SHA-256 here) and its text never changes;
 * then the chair (or the assigned signer) signs it in the browser and the council seals it (`signed`).
 */
export const minutes = pgTable('minutes', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id, { onDelete: 'cascade' }),
  /** Narrative text per section: `opening`, `closing`, `free` and `item:<agendaItemId>`. */
  notes: jsonb('notes').$type<Record<string, string>>().notNull().default({}),
  /** The document number as printed, e.g. "05/BB-HĐND"; empty leaves the dotted placeholder. */
  code: text('code'),
  status: text('status', { enum: ['draft', 'final', 'signed'] }).notNull().default('draft'),
  finalSha256: text('final_sha256').references(() => blobs.sha256),
  finalizedAt: timestamp('finalized_at', { withTimezone: true }),
  finalizedBy: uuid('finalized_by').references(() => users.id, { onDelete: 'set null' }),
  /** Where the chair's signature goes in the final PDF (the "CHỦ TỌA" block), as laid out when finalised. */
  signatureField: jsonb('signature_field').$type<{ page: number; rect: [number, number, number, number] }>(),
  /** Someone other than the chair assigned to sign; null means any chair of the council. */
  signerId: uuid('signer_id').references(() => users.id, { onDelete: 'set null' }),
  signedBy: uuid('signed_by').references(() => users.id, { onDelete: 'set null' }),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  /** The chair-signed PDF, then the council-sealed one (the file readers get once signed). */
  signedSha256: text('signed_sha256'),
  sealedSha256: text('sealed_sha256').references(() => blobs.sha256),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * A recording of a meeting (a video file or link). Offsets per agenda item are derived from the event log
 * (item live time − `startedAt`); `offsets` only holds what the secretariat corrected by hand.
 */
export const recordings = pgTable('recordings', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  url: text('url').notNull(),
  /** When the recording starts in real time; null means no automatic offsets. */
  startedAt: timestamp('started_at', { withTimezone: true }),
  durationSeconds: integer('duration_seconds'),
  /** Manual offsets in seconds per agenda item id, over the automatic ones. */
  offsets: jsonb('offsets').$type<Record<string, number>>().notNull().default({}),
  position: integer('position').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('recordings_meeting_idx').on(t.meetingId, t.position)]);
