import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit log: one row per state-changing action, appended in the same transaction as the change.
 * `hash` is SHA-256 over the entry's canonical content and `prev_hash` (apps/server/src/audit/chain.ts), so
 * editing, deleting or reordering rows breaks the chain. No foreign keys: an entry must outlive what it names.
 */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().unique(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  action: text('action').notNull(),
  actorId: uuid('actor_id'),
  councilId: uuid('council_id'),
  meetingId: uuid('meeting_id'),
  targetType: text('target_type'),
  targetId: text('target_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [index('audit_log_council_idx').on(t.councilId, t.seq), index('audit_log_meeting_idx').on(t.meetingId)]);

/**
 * The chain head: a single row (id 1) with the last sequence number and hash. Appending locks it
 * (SELECT … FOR UPDATE), which puts concurrent transactions' entries in one order; verifying compares the
 * last entry with it, so deleting entries from the end is detected too.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
