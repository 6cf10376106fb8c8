import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { agendaItems, meetings } from './meeting.ts';

/** Content-addressed file store index: one row per distinct file (SHA-256), however many documents use it. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  pageCount: integer('page_count').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documents = pgTable('documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  confidentiality: text('confidentiality', { enum: ['public', 'internal', 'secret'] }).notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('documents_meeting_idx').on(t.meetingId)]);

/** Every upload of a document; the highest version is the current one. History is never rewritten. */
export const documentVersions = pgTable('document_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  sha256: text('sha256').notNull().references(() => blobs.sha256),
  filename: text('filename').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('document_versions_number').on(t.documentId, t.version)]);

/** Read receipts and the last page per reader; `versionSeen` drives the "changed" badge. */
export const documentViews = pgTable('document_views', {
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }).notNull().defaultNow(),
  lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }).notNull().defaultNow(),
  lastPage: integer('last_page').notNull().default(1),
  versionSeen: integer('version_seen').notNull(),
}, (t) => [primaryKey({ columns: [t.documentId, t.userId] })]);

/** Private highlights and notes: only their owner ever reads them. */
export const annotations = pgTable('annotations', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  page: integer('page').notNull(),
  kind: text('kind', { enum: ['highlight', 'note'] }).notNull(),
  rects: jsonb('rects').$type<[number, number, number, number][]>().notNull(),
  color: text('color').notNull(),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('annotations_owner_idx').on(t.documentId, t.userId)]);
