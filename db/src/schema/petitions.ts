import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { petitionChannels, petitionRuleKinds, petitionStatuses } from '@hopso/shared/petitions';
import { users } from './auth.ts';
import { councils } from './council.ts';
import { meetings } from './meeting.ts';

/**
 * Voter petitions (kiến nghị cử tri). Every channel (portal form, e-mail, Zalo, voter-contact meetings)
 * writes the same row through one intake; the status follows shared/petitions.ts `transition`.
 */
export const petitions = pgTable('petitions', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  /** The tracking code the citizen looks up ("KN-7Q2MX-4HD9A"); unique across councils. */
  code: text('code').notNull().unique(),
  channel: text('channel', { enum: petitionChannels }).notNull(),
  /** The message id of an e-mail or a Zalo event, so a channel delivering twice makes one petition. */
  externalRef: text('external_ref'),
  submitterName: text('submitter_name'),
  submitterContact: text('submitter_contact'),
  locality: text('locality').notNull(),
  content: text('content').notNull(),
  field: text('field'),
  agency: text('agency'),
  status: text('status', { enum: petitionStatuses }).notNull().default('received'),
  mergedInto: uuid('merged_into').references((): AnyPgColumn => petitions.id, { onDelete: 'set null' }),
  closedReason: text('closed_reason'),
  /** The day (Vietnam calendar) by which the agency must answer. */
  deadline: date('deadline'),
  answer: text('answer'),
  /** What the public reads instead of `content` (personal details removed); null publishes the content. */
  summary: text('summary'),
  /** The voter-contact meeting (tiếp xúc cử tri) it was raised at. */
  meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  classifiedAt: timestamp('classified_at', { withTimezone: true }),
  assignedAt: timestamp('assigned_at', { withTimezone: true }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('petitions_council_status_idx').on(t.councilId, t.status),
  index('petitions_council_received_idx').on(t.councilId, t.receivedAt),
  index('petitions_council_published_idx').on(t.councilId, t.publishedAt),
  index('petitions_merged_into_idx').on(t.mergedInto),
  unique('petitions_external_ref').on(t.councilId, t.channel, t.externalRef),
]);

/** Files sent with a petition (PDF, JPEG, PNG), kept in the documents' content-addressed blob store. Never public. */
export const petitionAttachments = pgTable('petition_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  petitionId: uuid('petition_id').notNull().references(() => petitions.id, { onDelete: 'cascade' }),
  sha256: text('sha256').notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('petition_attachments_petition_idx').on(t.petitionId)]);

/** A council's classification keyword rules (shared/petition-match.ts `suggestClassification`). */
export const petitionRules = pgTable('petition_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: petitionRuleKinds }).notNull(),
  value: text('value').notNull(),
  keywords: jsonb('keywords').$type<string[]>().notNull(),
  position: integer('position').notNull(),
}, (t) => [index('petition_rules_council_idx').on(t.councilId, t.position)]);

/** A council's petition settings; no row means shared/petitions.ts `defaultPetitionSettings`. */
export const petitionSettings = pgTable('petition_settings', {
  councilId: uuid('council_id').primaryKey().references(() => councils.id, { onDelete: 'cascade' }),
  requireName: boolean('require_name').notNull(),
  requireContact: boolean('require_contact').notNull(),
  answerDays: integer('answer_days').notNull(),
  intakeOpen: boolean('intake_open').notNull(),
});

/**
 * Portal submissions per client address (hashed), for the rate limit; pruned after a day. Kept apart from
 * the petitions so that no petition records where it was sent from.
 */
export const petitionIntakeHits = pgTable('petition_intake_hits', {
  id: uuid('id').primaryKey().defaultRandom(),
  source: text('source').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('petition_intake_hits_source_idx').on(t.source, t.at)]);
