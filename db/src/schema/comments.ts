import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { documents } from './document.ts';

/**
 * A draft document open for comments (góp ý dự thảo): the deadline, the drafting agency (cơ quan soạn thảo)
 * and the meeting document that holds its summary table once generated.
 */
export const draftCommentPeriods = pgTable('draft_comment_periods', {
  documentId: uuid('document_id').primaryKey().references(() => documents.id, { onDelete: 'cascade' }),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  agencyName: text('agency_name').notNull(),
  summaryDocumentId: uuid('summary_document_id').references(() => documents.id, { onDelete: 'set null' }),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who answers the comments for the drafting agency. */
export const draftCommentAgents = pgTable('draft_comment_agents', {
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.documentId, t.userId] })]);

/**
 * One delegate's comment, pinned to the version it was written on, a page and optionally a quote or section;
 * withdrawn comments are kept (the audit log names them) but leave every list. The agency's answer sits on it.
 */
export const draftComments = pgTable('draft_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  page: integer('page').notNull(),
  quote: text('quote'),
  section: text('section'),
  text: text('text').notNull(),
  authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  answerKind: text('answer_kind', { enum: ['accepted', 'explained'] }),
  answerText: text('answer_text'),
  answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
}, (t) => [index('draft_comments_document_idx').on(t.documentId, t.page)]);
