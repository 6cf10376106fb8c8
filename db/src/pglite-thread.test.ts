import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { count, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { openDatabase, type Database } from './client.ts';
import { councils } from './schema/index.ts';

// PGlite in its worker thread, through postgres.js (pglite-thread.ts). Always on PGlite, whatever
// TEST_DATABASE_URL says: this is about the embedded database itself.
describe('PGlite in a worker thread', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hopso-pglite-'));
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a data directory written by PGlite on the main thread (the earlier layout) and applies no migration twice', async () => {
    const inline = await PGlite.create(dataDir);
    const before = drizzle({ client: inline });
    await migrate(before, { migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)) });
    await before.insert(councils).values({ name: 'HĐND xã Cũ', level: 'commune', locality: 'Cũ' });
    await inline.close();

    database = await openDatabase({ dataDir });
    await database.migrate();
    expect((await database.db.select({ name: councils.name }).from(councils)).map((r) => r.name)).toEqual(['HĐND xã Cũ']);
    const [row] = (await database.db.execute(sql`select count(*) as applied, count(distinct hash) as distinct from drizzle.__drizzle_migrations`)) as unknown as { applied: string; distinct: string }[];
    expect(row!.applied).toBe(row!.distinct);
  }, 300_000); // two PGlite start-ups: slow on a loaded machine

  it('answers queries issued together, in order, on its one connection', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, async (_, i) => (await database!.db.execute(sql`select ${i}::int as i`)) as unknown as { i: number }[]));
    expect(answers.map((r) => r[0]!.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('keeps what was committed across a close and reopen, and rolls back a failed interactive transaction', async () => {
    await database!.db.transaction(async (tx) => {
      await tx.insert(councils).values({ name: 'HĐND xã Một', level: 'commune', locality: 'Một' });
    });
    await expect(database!.db.transaction(async (tx) => {
      await tx.insert(councils).values({ name: 'HĐND xã Hai', level: 'commune', locality: 'Hai' });
      const [row] = await tx.select({ n: count() }).from(councils);
      expect(row!.n).toBe(3); // the transaction sees its own insert
      throw new Error('abandon');
    })).rejects.toThrow('abandon');
    await database!.close();

    database = await openDatabase({ dataDir });
    expect((await database.db.select({ name: councils.name }).from(councils).orderBy(councils.name)).map((r) => r.name)).toEqual(['HĐND xã Cũ', 'HĐND xã Một']);
  }, 300_000);
});
