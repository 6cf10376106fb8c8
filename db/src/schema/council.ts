import { date, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

export const councils = pgTable('councils', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  level: text('level', { enum: ['commune', 'ward', 'province'] }).notNull(),
  locality: text('locality').notNull(),
  /**
   * The council's own rule set (shared/rules.ts RuleSet) over the legal defaults; null means the defaults.
   * The one place for every setting, the send-ahead period included (migration 0011 folded its old column in).
   */
  rules: jsonb('rules').$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const terms = pgTable('terms', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
}, (t) => [index('terms_council_idx').on(t.councilId)]);

export const committees = pgTable('committees', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
}, (t) => [unique('committees_council_name').on(t.councilId, t.name)]);

export const delegateGroups = pgTable('delegate_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
}, (t) => [unique('delegate_groups_council_name').on(t.councilId, t.name)]);

export const members = pgTable('members', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest'] }).notNull(),
  /** Position held, e.g. "Phó Chủ tịch HĐND xã". */
  title: text('title'),
  delegateGroupId: uuid('delegate_group_id').references(() => delegateGroups.id, { onDelete: 'set null' }),
}, (t) => [unique('members_council_user').on(t.councilId, t.userId), index('members_user_idx').on(t.userId)]);

export const committeeMembers = pgTable('committee_members', {
  committeeId: uuid('committee_id').notNull().references(() => committees.id, { onDelete: 'cascade' }),
  memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.committeeId, t.memberId] })]);
