import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { councils } from './council.ts';
import { documents } from './document.ts';
import { polls } from './live.ts';
import { agendaItems, meetings } from './meeting.ts';
import { minutes } from './record.ts';
import { consultations } from './consultation.ts';

/**
 * The last resolution number given per council and year. Incremented with an upsert in the same
 * transaction as the resolution row, so concurrent adoptions queue on this row and a rollback gives the
 * number back: numbers stay unique and without gaps.
 */
export const resolutionCounters = pgTable('resolution_counters', {
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  last: integer('last').notNull(),
}, (t) => [primaryKey({ columns: [t.councilId, t.year] })]);

/**
 * A resolution (nghị quyết): an adopted draft with its number, then the chair's signature, the council's
 * seal and publication. File hashes point into the content-addressed blob store.
 */
export const resolutions = pgTable('resolutions', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
  pollId: uuid('poll_id').notNull().unique().references(() => polls.id),
  draftDocumentId: uuid('draft_document_id').references(() => documents.id, { onDelete: 'set null' }),
  /** The draft's bytes as adopted: later uploads to the draft document do not change the resolution. */
  draftSha256: text('draft_sha256').notNull(),
  year: integer('year').notNull(),
  number: integer('number').notNull(),
  /** The document number as printed, e.g. "12/NQ-HĐND". */
  code: text('code').notNull(),
  title: text('title').notNull(),
  adoptedOn: date('adopted_on').notNull(),
  /** The poll's result as closed (shared/rules.ts MotionResult). */
  pollResult: jsonb('poll_result').$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['ready', 'signed', 'sealed', 'published'] }).notNull().default('ready'),
  /** Who the council assigned to sign; null means any chair of the council. */
  signerId: uuid('signer_id').references(() => users.id, { onDelete: 'set null' }),
  signedBy: uuid('signed_by').references(() => users.id, { onDelete: 'set null' }),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  signedSha256: text('signed_sha256'),
  sealedAt: timestamp('sealed_at', { withTimezone: true }),
  sealedSha256: text('sealed_sha256'),
  /** Text of the sealed PDF, extracted once for the archive search. */
  fullText: text('full_text'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('resolutions_number').on(t.councilId, t.year, t.number), index('resolutions_council_idx').on(t.councilId, t.status)]);

/**
 * A PDF prepared for the signer's browser: the prepared bytes (blob store) wait here, with the ByteRange
 * digest the browser signs, until the CMS comes back or the session expires.
 */
export const signingSessions = pgTable('signing_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** What is being signed: a resolution, a meeting's final minutes or a consultation's result sheet (exactly one). */
  resolutionId: uuid('resolution_id').references(() => resolutions.id, { onDelete: 'cascade' }),
  minutesMeetingId: uuid('minutes_meeting_id').references(() => minutes.meetingId, { onDelete: 'cascade' }),
  consultationId: uuid('consultation_id').references(() => consultations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  preparedSha256: text('prepared_sha256').notNull(),
  /** What `preparePdf` returned besides the bytes (ByteRange, placeholder offsets), to embed the CMS later. */
  prepared: jsonb('prepared').$type<Record<string, unknown>>().notNull(),
  digest: text('digest').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('signing_sessions_one_target', sql`num_nonnulls(${t.resolutionId}, ${t.minutesMeetingId}, ${t.consultationId}) = 1`)]);

/** A council's trust store: root and intermediate certificates (DER, base64) and optional CRLs. */
export const trustAnchors = pgTable('trust_anchors', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['root', 'intermediate', 'crl'] }).notNull(),
  subject: text('subject').notNull(),
  issuer: text('issuer').notNull(),
  notBefore: timestamp('not_before', { withTimezone: true }),
  notAfter: timestamp('not_after', { withTimezone: true }),
  fingerprint: text('fingerprint').notNull(),
  der: text('der').notNull(),
  addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('trust_anchors_fingerprint').on(t.councilId, t.fingerprint)]);

/** Images for the visible signature (NĐ30): a signer's handwritten signature, a council's seal (PNG, base64). */
export const signatureImages = pgTable('signature_images', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['signature', 'seal'] }).notNull(),
  /** The signer for a signature image; the council's own seal uses the council id here, so one key fits both. */
  ownerId: uuid('owner_id').notNull(),
  png: text('png').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('signature_images_owner').on(t.councilId, t.kind, t.ownerId)]);
