import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '@hopso/db/client';
import { throwawayDatabase } from '@hopso/db/testing';
import { auditLog } from '@hopso/db/schema/index';
import { appendAudit } from '../audit/log.ts';
import { run, type CliIo } from './main.ts';

/** The server's database as the CLI finds it: DATABASE_URL on PostgreSQL runs, else DATA_DIR/pglite. */
describe('hopso audit verify', () => {
  let dir: string;
  let target: Awaited<ReturnType<typeof throwawayDatabase>>;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

  const open = (): Promise<Database> => openDatabase({ url: target.url, dataDir: join(dir, 'pglite'), poolSize: 1 });
  /** Runs the command with the database closed (PGlite: one process per data directory). */
  async function hopso(args: string[]) {
    const out: string[] = []; const err: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
    const code = await run(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  async function withDb(work: (d: Database) => Promise<void>) {
    const d = await open();
    try { await work(d); } finally { await d.close(); }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-audit-cli-'));
    target = await throwawayDatabase();
    if (target.url) process.env.DATABASE_URL = target.url; else delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dir;
    await withDb(async (d) => {
      await d.migrate();
      for (let i = 0; i < 3; i++) await d.db.transaction((tx) => appendAudit(tx, { action: 'auth.login', details: { i } }));
    });
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 for an intact chain and prints its head', async () => {
    const r = await hopso(['audit', 'verify']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Audit chain OK: 3 entries, head #3 [0-9a-f]{64}$/);
    const json = await hopso(['audit', 'verify', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, entries: 3, headSeq: 3 });
  });

  it('exits 2 when the database cannot be read or the command is misused', async () => {
    expect((await hopso(['audit', 'check'])).code).toBe(2);
    expect((await hopso(['audit', 'verify', '--all'])).code).toBe(2);
    const url = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = join(dir, 'missing');
    const r = await hopso(['audit', 'verify']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no database');
    process.env.DATA_DIR = dir;
    if (url) process.env.DATABASE_URL = url;
  });

  it('exits 1 for a tampered entry and names it', async () => {
    await withDb(async (d) => { await d.db.update(auditLog).set({ action: 'auth.logout' }).where(eq(auditLog.seq, 2)); });
    const r = await hopso(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('BROKEN at entry #2');
    expect(r.out).toContain('content_hash_mismatch');
  });
});
