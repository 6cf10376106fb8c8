import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { councils, members } from './council.ts';
import { blobs, documents } from './document.ts';

/**
 * A written consultation (phiếu xin ý kiến) of members between sessions: draft → sent → closed (at the deadline
 * or early). Its member base is frozen into `consultation_recipients` when it is sent, so the total the
 * threshold counts against never moves afterwards. The result sheet is frozen as a PDF when it closes
 * (`resultSha256`, with where the chair signs), then signed and sealed like the minutes.
 */
export const consultations = pgTable('consultations', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  status: text('status', { enum: ['draft', 'sent', 'closed'] }).notNull().default('draft'),
  /** Who is consulted: the Standing Committee, one committee or delegate group (`baseBodyId`), all delegates. */
  baseKind: text('base_kind', { enum: ['standingCommittee', 'committee', 'group', 'allDelegates'] }).notNull(),
  baseBodyId: uuid('base_body_id'),
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  /** A threshold of the council's rule set (shared/rules.ts RuleSet key, e.g. `adoption`), or none. */
  thresholdRule: text('threshold_rule'),
  /** Hours before the deadline a reminder goes to those who have not answered; null: no reminder. */
  reminderHours: integer('reminder_hours'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  resultSha256: text('result_sha256').references(() => blobs.sha256),
  resultSignatureField: jsonb('result_signature_field').$type<{ page: number; rect: [number, number, number, number] }>(),
  signedBy: uuid('signed_by').references(() => users.id, { onDelete: 'set null' }),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  signedSha256: text('signed_sha256'),
  sealedSha256: text('sealed_sha256'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('consultations_council_idx').on(t.councilId, t.status), index('consultations_deadline_idx').on(t.status, t.deadline)]);

/** A question: `opinion` (đồng ý / không đồng ý / ý kiến khác) or `choice` among `options`. */
export const consultationQuestions = pgTable('consultation_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  consultationId: uuid('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  kind: text('kind', { enum: ['opinion', 'choice'] }).notNull(),
  text: text('text').notNull(),
  options: jsonb('options').$type<string[]>().notNull().default([]),
}, (t) => [index('consultation_questions_idx').on(t.consultationId, t.position)]);

/**
 * A document consulted on: an uploaded PDF, or a council document copied by its current version when
 * attached (`sourceDocumentId`), so members read what was sent even if the meeting document changes later.
 */
export const consultationDocuments = pgTable('consultation_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  consultationId: uuid('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
  sourceDocumentId: uuid('source_document_id').references(() => documents.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  sha256: text('sha256').notNull().references(() => blobs.sha256),
  filename: text('filename').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('consultation_documents_idx').on(t.consultationId)]);

/** The member base as it was when the consultation was sent. */
export const consultationRecipients = pgTable('consultation_recipients', {
  consultationId: uuid('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
  memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.consultationId, t.memberId] }), index('consultation_recipients_member_idx').on(t.memberId)]);

/**
 * One member's answer set (phiếu trả lời), editable until the deadline: the unique constraint is what makes it
 * one per member, even when two devices submit at once. `answers` maps question ids to `{ choice, option, opinion }`.
 */
export const consultationResponses = pgTable('consultation_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  consultationId: uuid('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
  memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
  answers: jsonb('answers').$type<Record<string, { choice?: 'agree' | 'disagree' | 'other'; option?: number; opinion?: string }>>().notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('consultation_responses_one_per_member').on(t.consultationId, t.memberId)]);
