import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { councils } from './schema/index.ts';
import { throwawayDatabase } from './testing.ts';

/**
 * Migration 0011 folds the old `councils.send_ahead_days` column into the rule set. The database is first
 * migrated only up to 0010 (a copy of the migrations folder with a shorter journal), councils are stored
 * the old way, then the real folder is applied.
 */
describe('migration 0011: the send-ahead period moves into the rule set', () => {
  const real = fileURLToPath(new URL('../migrations', import.meta.url));
  const before = mkdtempSync(join(tmpdir(), 'hopso-mig-'));
  let database: Database;
  let migrateTo: (folder: string) => Promise<void>;
  let target: Awaited<ReturnType<typeof throwawayDatabase>>;

  beforeAll(async () => {
    cpSync(real, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === '0011_council_rules');
    expect(at).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    target = await throwawayDatabase();
    database = await openDatabase({ url: target.url });
    // Both drivers are postgres.js underneath (client.ts); `Db` is typed as the driver-neutral database.
    migrateTo = (folder) => migrate(database.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: folder });
    await migrateTo(before);
  });
  afterAll(async () => {
    await database.close();
    await target.drop();
    rmSync(before, { recursive: true, force: true });
  });

  it('carries the column where the rules are silent and keeps a value the rules already set', async () => {
    await database.db.execute(sql`INSERT INTO councils (name, level, locality, send_ahead_days, rules) VALUES
      ('A', 'commune', 'x', 3, NULL),
      ('B', 'commune', 'x', 10, '{"speakerSeconds": 240}'::jsonb),
      ('C', 'commune', 'x', 12, '{"sendAheadDays": 5}'::jsonb),
      ('D', 'commune', 'x', 7, 'null'::jsonb)`);
    await migrateTo(real);
    const rows = await database.db.select({ name: councils.name, rules: councils.rules }).from(councils).orderBy(asc(councils.name));
    expect(rows.map((r) => [r.name, r.rules])).toEqual([
      ['A', { sendAheadDays: 3 }],
      ['B', { speakerSeconds: 240, sendAheadDays: 10 }],
      ['C', { sendAheadDays: 5 }],
      ['D', { sendAheadDays: 7 }],
    ]);
    const columns = await database.db.execute(sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'councils'`) as unknown as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toContain('rules');
    expect(columns.map((c) => c.column_name)).not.toContain('send_ahead_days');
  });
});
