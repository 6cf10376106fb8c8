import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { councils, members } from './council.ts';
import { blobs } from './document.ts';

/**
 * A supervision topic (giám sát chuyên đề): the plan (topic, scope, period), its delegation, schedule,
 * documents, the findings and the recommendations whose follow-up the council tracks. `status` moves
 * planned → ongoing → done (the report is issued, `doneOn`); publication is separate (`publishedAt`).
 */
export const supervisionTopics = pgTable('supervision_topics', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  /** Scope and subjects supervised (phạm vi, đối tượng giám sát). */
  scope: text('scope').notNull().default(''),
  periodFrom: date('period_from').notNull(),
  periodTo: date('period_to').notNull(),
  status: text('status', { enum: ['planned', 'ongoing', 'done'] }).notNull().default('planned'),
  /** The findings of the delegation's report (kết quả giám sát). */
  findings: text('findings').notNull().default(''),
  /** The Vietnam date the report was issued: what the KPI counts as "done". */
  doneOn: date('done_on'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('supervision_topics_council_idx').on(t.councilId, t.status)]);

/** The delegation (đoàn giám sát): delegates of the council, one head. */
export const supervisionMembers = pgTable('supervision_members', {
  topicId: uuid('topic_id').notNull().references(() => supervisionTopics.id, { onDelete: 'cascade' }),
  memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['head', 'deputy', 'member'] }).notNull(),
}, (t) => [primaryKey({ columns: [t.topicId, t.memberId] })]);

/** One working session of the delegation: when, where, with whom, about what. */
export const supervisionSchedule = pgTable('supervision_schedule', {
  id: uuid('id').primaryKey().defaultRandom(),
  topicId: uuid('topic_id').notNull().references(() => supervisionTopics.id, { onDelete: 'cascade' }),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  place: text('place').notNull(),
  /** The body the delegation works with (đơn vị chịu sự giám sát). */
  subject: text('subject').notNull(),
  activity: text('activity').notNull().default(''),
}, (t) => [index('supervision_schedule_topic_idx').on(t.topicId, t.startsAt)]);

/** Plan, report, conclusion and other PDFs, kept in the documents' content-addressed blob store. */
export const supervisionDocuments = pgTable('supervision_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  topicId: uuid('topic_id').notNull().references(() => supervisionTopics.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  kind: text('kind', { enum: ['plan', 'report', 'conclusion', 'other'] }).notNull(),
  /** Shown on the portal once the topic is published; internal otherwise. */
  public: boolean('public').notNull().default(false),
  sha256: text('sha256').notNull().references(() => blobs.sha256),
  filename: text('filename').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('supervision_documents_topic_idx').on(t.topicId)]);

/**
 * A recommendation (kiến nghị) of the delegation to an agency, with its follow-up: pending, in progress or
 * done as recorded; "overdue" is derived from `dueOn` (shared/supervision.ts followUpStatus), never stored.
 */
export const supervisionRecommendations = pgTable('supervision_recommendations', {
  id: uuid('id').primaryKey().defaultRandom(),
  topicId: uuid('topic_id').notNull().references(() => supervisionTopics.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  content: text('content').notNull(),
  /** The agency that must act on it (cơ quan, đơn vị thực hiện). */
  addressee: text('addressee').notNull(),
  dueOn: date('due_on'),
  status: text('status', { enum: ['pending', 'inProgress', 'done'] }).notNull().default('pending'),
  /** What the agency reported doing (kết quả thực hiện). */
  progress: text('progress').notNull().default(''),
  doneOn: date('done_on'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('supervision_recommendations_topic_idx').on(t.topicId, t.position)]);
