import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@hopso/db/testing';
import { auditHead, auditLog } from '@hopso/db/schema/index';
import { auditGenesisHash } from '@hopso/shared/audit';
import { appendAudit, withAuditActor } from './log.ts';
import { verifyChain } from './verify.ts';

let database: TestDatabase;
beforeAll(async () => { database = await openTestDatabase(); });
afterAll(async () => { await database.close(); });

const councilId = '00000000-0000-4000-8000-000000000001';

/** Empties the log and resets the head: each test builds its own chain. */
async function reset() {
  await database.db.delete(auditLog);
  await database.db.update(auditHead).set({ seq: 0, hash: auditGenesisHash }).where(eq(auditHead.id, 1));
}

async function appendFive() {
  for (let i = 1; i <= 5; i++) {
    await database.db.transaction((tx) => appendAudit(tx, { action: 'meeting.updated', councilId, targetType: 'meeting', targetId: `m${i}`, details: { n: i, title: `Kỳ họp ${i}`, nested: { b: 1, a: [1, 2] } } }));
  }
}

const rows = () => database.db.select().from(auditLog).orderBy(asc(auditLog.seq));

describe('audit chain', () => {
  beforeEach(reset);

  it('verifies an intact chain and reports its head', async () => {
    await appendFive();
    const result = await verifyChain(database.db);
    const all = await rows();
    expect(result).toEqual({ ok: true, entries: 5, headSeq: 5, headHash: all[4]!.hash });
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]!.prevHash).toBe(auditGenesisHash);
    for (let i = 1; i < 5; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
  });

  it('verifies an empty log', async () => {
    expect(await verifyChain(database.db)).toEqual({ ok: true, entries: 0, headSeq: 0, headHash: auditGenesisHash });
  });

  it('detects an edited entry as a content hash mismatch at that entry', async () => {
    await appendFive();
    const third = (await rows())[2]!;
    await database.db.update(auditLog).set({ details: { n: 3, title: 'Kỳ họp đã sửa', nested: { b: 1, a: [1, 2] } } }).where(eq(auditLog.id, third.id));
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 3, id: third.id, reason: 'content_hash_mismatch', entries: 2 });
  });

  it('detects an overwritten hash at the entry itself', async () => {
    await appendFive();
    const third = (await rows())[2]!;
    await database.db.update(auditLog).set({ hash: 'f'.repeat(64) }).where(eq(auditLog.id, third.id));
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 3, reason: 'content_hash_mismatch' });
  });

  it('detects a deleted entry as a gap in the sequence', async () => {
    await appendFive();
    await database.db.delete(auditLog).where(eq(auditLog.seq, 2));
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 3, reason: 'sequence_gap', expected: '2', found: '3' });
  });

  it('detects a deleted entry renumbered to close the gap as a broken link', async () => {
    await appendFive();
    await database.db.delete(auditLog).where(eq(auditLog.seq, 2));
    await database.db.execute(sql`update audit_log set seq = seq - 1 where seq > 2`);
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 2, reason: 'content_hash_mismatch' });
  });

  it('detects entries deleted from the end against the chain head', async () => {
    await appendFive();
    await database.db.delete(auditLog).where(eq(auditLog.seq, 5));
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, reason: 'head_mismatch', id: null, seq: 5 });
  });

  it('detects two entries reordered by swapping their sequence numbers', async () => {
    await appendFive();
    const all = await rows();
    await database.db.transaction(async (tx) => {
      await tx.update(auditLog).set({ seq: -1 }).where(eq(auditLog.id, all[1]!.id));
      await tx.update(auditLog).set({ seq: 2 }).where(eq(auditLog.id, all[2]!.id));
      await tx.update(auditLog).set({ seq: 3 }).where(eq(auditLog.id, all[1]!.id));
    });
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 2, id: all[2]!.id, reason: 'content_hash_mismatch' });
  });

  it('detects two entries reordered by swapping their contents, hashes included', async () => {
    await appendFive();
    const all = await rows();
    const [b, c] = [all[1]!, all[2]!];
    const content = (r: typeof b) => ({ at: r.at, action: r.action, targetId: r.targetId, details: r.details, prevHash: r.prevHash, hash: r.hash });
    await database.db.update(auditLog).set(content(c)).where(eq(auditLog.id, b.id));
    await database.db.update(auditLog).set(content(b)).where(eq(auditLog.id, c.id));
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 2, id: b.id, reason: 'content_hash_mismatch' });
  });

  it('detects a fully re-hashed replacement entry as a previous-hash mismatch', async () => {
    await appendFive();
    // A forger who recomputes the hash of an edited entry still cannot fix the next entry's link.
    const { entryHash } = await import('./chain.ts');
    const third = (await rows())[2]!;
    const forged = { ...third, details: { n: 3, title: 'giả mạo' } };
    await database.db.update(auditLog).set({ details: forged.details, hash: entryHash(forged) }).where(eq(auditLog.id, third.id));
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 4, reason: 'previous_hash_mismatch' });
  });

  it('takes the actor from the surrounding context unless one is given, and null stays null', async () => {
    const actor = '00000000-0000-4000-8000-0000000000aa';
    await withAuditActor(actor, () => database.db.transaction(async (tx) => {
      await appendAudit(tx, { action: 'auth.logout' });
      await appendAudit(tx, { action: 'ballot.secret', actorId: null, details: { count: 1 } });
    }));
    expect((await rows()).map((r) => r.actorId)).toEqual([actor, null]);
  });

  it('writes nothing when the transaction rolls back', async () => {
    await appendFive();
    await expect(database.db.transaction(async (tx) => {
      await appendAudit(tx, { action: 'meeting.deleted' });
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    expect(await verifyChain(database.db)).toMatchObject({ ok: true, entries: 5 });
  });

  it('keeps one gapless chain under concurrent appends from many transactions', async () => {
    const n = 40;
    await Promise.all(Array.from({ length: n }, (_, i) => database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await appendAudit(tx, [{ action: 'live.speaker', details: { i } }, { action: 'live.question', details: { i } }]);
    })));
    const result = await verifyChain(database.db);
    expect(result).toMatchObject({ ok: true, entries: 2 * n, headSeq: 2 * n });
    // Both entries of one transaction are adjacent: a transaction's appends are never interleaved.
    const all = await rows();
    for (let s = 0; s < all.length; s += 2) expect(all[s]!.details.i).toBe(all[s + 1]!.details.i);
  });
});
