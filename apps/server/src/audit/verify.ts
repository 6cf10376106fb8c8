import { asc, eq, gt } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { auditHead, auditLog } from '@hopso/db/schema/index';
import { auditGenesisHash, type AuditVerification } from '@hopso/shared/audit';
import { entryHash } from './chain.ts';

const page = 2000;

/**
 * Checks the whole chain in sequence order and reports the first broken entry: a sequence number that is
 * not the previous one plus one (a deleted or reordered row), an entry whose stored hash is not the hash of
 * its content (an edited row), an entry whose previous hash is not the hash of the entry before it (a row
 * replaced or moved), or a head that does not match the last entry (entries deleted from the end).
 * Reads in pages, so a long log does not sit in memory at once.
 */
export async function verifyChain(db: Db): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = auditGenesisHash;
  let entries = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(page);
    for (const row of rows) {
      const broken = (reason: Extract<AuditVerification, { ok: false }>['reason'], expected: string, found: string): AuditVerification =>
        ({ ok: false, entries, seq: row.seq, id: row.id, reason, expected, found });
      if (row.seq !== expectedSeq) return broken('sequence_gap', String(expectedSeq), String(row.seq));
      const computed = entryHash(row);
      if (computed !== row.hash) return broken('content_hash_mismatch', computed, row.hash);
      if (row.prevHash !== prevHash) return broken('previous_hash_mismatch', prevHash, row.prevHash);
      prevHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (rows.length < page) break;
  }
  // Rows below sequence 1 are outside the loop's range: an entry renumbered to 0 or less is a break too.
  const [stray] = await db.select({ id: auditLog.id, seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq)).limit(1);
  if (stray && stray.seq < 1) return { ok: false, entries, seq: stray.seq, id: stray.id, reason: 'sequence_gap', expected: '1', found: String(stray.seq) };
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const lastSeq = expectedSeq - 1;
  if (!head || head.seq !== lastSeq || head.hash !== prevHash) {
    return { ok: false, entries, seq: head?.seq ?? lastSeq, id: null, reason: 'head_mismatch', expected: `${lastSeq}:${prevHash}`, found: head ? `${head.seq}:${head.hash}` : 'missing' };
  }
  return { ok: true, entries, headSeq: head.seq, headHash: head.hash };
}
