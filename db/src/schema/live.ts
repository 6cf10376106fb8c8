import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { agendaItems, meetings } from './meeting.ts';
import { meetingSites } from './sites.ts';
import type { PaperRecord } from '@hopso/shared/paper';

/**
 * Every state change of a live meeting, in order. Written in the same transaction as the change; `seq`
 * comes from the meeting's counter, so tablets can ask for what they missed after a reconnect.
 */
export const meetingEvents = pgTable('meeting_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  type: text('type').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('meeting_events_seq').on(t.meetingId, t.seq)]);

/** Check-in (điểm danh): present or late counts toward the quorum; absent carries a reason. */
export const attendance = pgTable('attendance', {
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['present', 'late', 'absent'] }).notNull(),
  reason: text('reason'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  markedBy: uuid('marked_by').references(() => users.id, { onDelete: 'set null' }),
  /** The remote site (điểm cầu) they attend at; null is the main hall. */
  siteId: uuid('site_id').references(() => meetingSites.id, { onDelete: 'set null' }),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] })]);

export const polls = pgTable('polls', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  kind: text('kind', { enum: ['motion', 'dismissal', 'election', 'confidencePoll', 'confidenceVote'] }).notNull(),
  /** Candidates (election) or officials (confidence poll): `{ id, label }`, ids local to the poll. */
  options: jsonb('options').$type<{ id: string; label: string }[]>(),
  /** Seats to fill in an election. */
  seats: integer('seats'),
  method: text('method', { enum: ['named', 'secret', 'hands'] }).notNull(),
  /** Show of hands: the counts the secretary recorded (no ballots are cast on tablets). */
  handCounts: jsonb('hand_counts').$type<{ yes: number; no: number; abstain: number }>(),
  /** Secret ballot on paper: the counting committee's record (Ban kiểm phiếu), the source of the result. */
  paperRecord: jsonb('paper_record').$type<PaperRecord>(),
  status: text('status', { enum: ['draft', 'open', 'closed', 'cancelled'] }).notNull().default('draft'),
  /** Total number of delegates of the council when the poll opened: the base of every threshold. */
  totalDelegates: integer('total_delegates'),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  result: jsonb('result').$type<Record<string, unknown>>(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
}, (t) => [index('polls_meeting_idx').on(t.meetingId)]);

/** Named ballots: who chose what. One per delegate per poll, enforced here, not only in code. */
export const ballots = pgTable('ballots', {
  pollId: uuid('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  choice: text('choice', { enum: ['yes', 'no', 'abstain'] }).notNull(),
  castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.pollId, t.userId] })]);

/** Secret polls, who has voted: one row per delegate, no choice, no time (docs/secret-ballot.md). */
export const secretVoters = pgTable('secret_voters', {
  pollId: uuid('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.pollId, t.userId] })]);

/** Secret polls, what was voted: only counters per choice, so no stored row can point at a voter. */
export const secretCounts = pgTable('secret_counts', {
  pollId: uuid('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  choice: text('choice', { enum: ['yes', 'no', 'abstain'] }).notNull(),
  count: integer('count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.pollId, t.choice] })]);

/** Requests to speak on an agenda item (đăng ký phát biểu), in the order the secretary sets. */
export const speakerRequests = pgTable('speaker_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['waiting', 'speaking', 'done', 'withdrawn'] }).notNull().default('waiting'),
  position: integer('position').notNull(),
  limitSeconds: integer('limit_seconds').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
}, (t) => [index('speaker_requests_meeting_idx').on(t.meetingId, t.agendaItemId)]);

/** Questions to officials (chất vấn): registered, moderated, answered orally or in writing, with follow-ups. */
export const questions = pgTable('questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  askerId: uuid('asker_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The official or agency questioned, e.g. "Chủ tịch UBND xã" or "Trưởng Công an xã". */
  addressee: text('addressee').notNull(),
  content: text('content').notNull(),
  /** A follow-up question (chất vấn lại) points at the question it follows. */
  parentId: uuid('parent_id'),
  status: text('status', { enum: ['submitted', 'approved', 'merged', 'answered', 'rejected'] }).notNull().default('submitted'),
  mergedInto: uuid('merged_into'),
  position: integer('position').notNull(),
  answerText: text('answer_text'),
  answeredOrally: boolean('answered_orally').notNull().default(false),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  /** Unanswered at the sitting: the written answer is due by then. */
  writtenAnswerDue: timestamp('written_answer_due', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  /** Timed at the sitting, for the minutes: the question, then the answer, each with its limit when it started. */
  questionStartedAt: timestamp('question_started_at', { withTimezone: true }),
  questionEndedAt: timestamp('question_ended_at', { withTimezone: true }),
  questionLimitSeconds: integer('question_limit_seconds'),
  answerStartedAt: timestamp('answer_started_at', { withTimezone: true }),
  answerEndedAt: timestamp('answer_ended_at', { withTimezone: true }),
  answerLimitSeconds: integer('answer_limit_seconds'),
}, (t) => [index('questions_meeting_idx').on(t.meetingId)]);

/** Secret elections and confidence polls: counters per option and value ('vote', or high/medium/low), no ballots. */
export const secretOptionCounts = pgTable('secret_option_counts', {
  pollId: uuid('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  optionId: text('option_id').notNull(),
  value: text('value').notNull(),
  count: integer('count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.pollId, t.optionId, t.value] })]);
