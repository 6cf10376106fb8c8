import { AsyncLocalStorage } from 'node:async_hooks';
import { eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { auditHead, auditLog } from '@hopso/db/schema/index';
import { auditEntryInput, type AuditEntryInput } from '@hopso/shared/audit';
import { entryHash, type ChainedContent } from './chain.ts';

const actorContext = new AsyncLocalStorage<string | null>();

/**
 * Runs `work` with `actorId` as the default actor of audit entries appended inside it. The HTTP app and the
 * live socket set it once per request/event, so code that appends deep down (the meeting event log) need
 * not carry the user through every call.
 */
export function withAuditActor<T>(actorId: string | null, work: () => Promise<T>): Promise<T> {
  return actorContext.run(actorId, work);
}

/**
 * Appends entries to the audit log inside the caller's transaction, so an entry exists exactly when its
 * change committed. Locking the chain head (FOR UPDATE) orders concurrent transactions: the second waits
 * until the first commits, then chains onto its entry. Call it last in a transaction, so the head is held
 * only for the append and the commit. `actorId` left undefined takes the current actor (withAuditActor);
 * pass `null` explicitly where no person may be named (secret ballots).
 */
export async function appendAudit(tx: Db, input: AuditEntryInput | AuditEntryInput[]): Promise<void> {
  const list = Array.isArray(input) ? input : [input];
  if (!list.length) return;
  const [head] = await tx.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error(missingHead);
  const chained = chainEntries(head, list);
  await Promise.all([
    tx.insert(auditLog).values(chained.rows),
    tx.update(auditHead).set(chained.head).where(eq(auditHead.id, 1)),
  ]);
}

type ChainedRow = ChainedContent & { hash: string };
const missingHead = 'audit_head row missing (migration 0010 not applied?)';

/** Validates entries and chains them onto the head read under its lock: the rows to insert and the new head. */
function chainEntries(head: { seq: number; hash: string }, input: AuditEntryInput[]): { rows: ChainedRow[]; head: { seq: number; hash: string } } {
  let { seq, hash } = head;
  const at = new Date();
  const rows = input.map((raw) => {
    const e = auditEntryInput.parse(raw);
    seq += 1;
    // Through JSON once: what jsonb stores (no undefined, no Dates) is what the hash covers.
    const details = JSON.parse(JSON.stringify(e.details ?? {})) as Record<string, unknown>;
    const content = {
      seq, at, action: e.action, actorId: e.actorId === undefined ? actorContext.getStore() ?? null : e.actorId,
      councilId: e.councilId ?? null, meetingId: e.meetingId ?? null, targetType: e.targetType ?? null, targetId: e.targetId ?? null, details, prevHash: hash,
    };
    hash = entryHash(content);
    return { ...content, hash };
  });
  return { rows, head: { seq, hash } };
}

/**
 * The same append for a transaction that pipelines raw postgres.js statements on one connection (the ballot
 * group commit, live/ballots.ts): `lockHead` is sent with the transaction's other statements, `writes` gives
 * the statements that insert the chained entries and move the head, to send just before COMMIT.
 */
export const pipelinedAudit = {
  lockHead: 'select seq::float8 as seq, hash from audit_head where id = 1 for update',
  writes(head: { seq: number; hash: string } | undefined, input: AuditEntryInput[]): { text: string; params: unknown[] }[] {
    if (!input.length) return [];
    if (!head) throw new Error(missingHead);
    const chained = chainEntries(head, input);
    return [
      {
        text: `insert into audit_log (seq, at, action, actor_id, council_id, meeting_id, target_type, target_id, details, prev_hash, hash)
          select seq, at, action, "actorId", "councilId", "meetingId", "targetType", "targetId", details, "prevHash", hash
          from jsonb_to_recordset($1::text::jsonb) as r(seq bigint, at timestamptz, action text, "actorId" uuid, "councilId" uuid, "meetingId" uuid,
            "targetType" text, "targetId" text, details jsonb, "prevHash" text, hash text)`,
        params: [JSON.stringify(chained.rows)],
      },
      { text: 'update audit_head set seq = $1::bigint, hash = $2::text where id = 1', params: [chained.head.seq, chained.head.hash] },
    ];
  },
};

/**
 * Runs `work` in a transaction and appends its audit entry in the same transaction, for routes whose change
 * was a single statement before (sign-in, logout): the entry may depend on the work's result.
 */
export function audited<T>(db: Db, work: (tx: Db) => Promise<T>, entry: AuditEntryInput | AuditEntryInput[] | ((result: T) => AuditEntryInput | AuditEntryInput[])): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await work(tx);
    await appendAudit(tx, typeof entry === 'function' ? entry(result) : entry);
    return result;
  });
}
