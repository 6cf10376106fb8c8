import { asc, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { auditHead, auditLog } from '@hopso/db/schema/index';

/**
 * A meeting's audit entries as JSON lines (every column the hash covers, plus the hashes) and the chain head
 * at export time, for the meeting record ZIP: whoever keeps the ZIP can later show that the live log still
 * holds these entries unchanged, and that the chain reached that head.
 */
export async function meetingAuditExtract(db: Db, meetingId: string): Promise<{ data: Uint8Array; entries: number; head: { seq: number; hash: string } }> {
  const rows = await db.select().from(auditLog).where(eq(auditLog.meetingId, meetingId)).orderBy(asc(auditLog.seq));
  const [head] = await db.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1));
  const lines = rows.map((r) => JSON.stringify({ ...r, at: r.at.toISOString() }));
  return { data: new TextEncoder().encode(lines.join('\n') + (lines.length ? '\n' : '')), entries: rows.length, head: head ?? { seq: 0, hash: '' } };
}
