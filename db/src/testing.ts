import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from './client.ts';

export interface TestDatabase {
  db: Db;
  driver: Database['driver'];
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database on
 * the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close), so every db and
 * service test runs on both engines.
 */
/**
 * A throwaway database on the PostgreSQL server named by TEST_DATABASE_URL, for tests that start a whole
 * server; `url` is undefined on PGlite runs (the server then uses its own embedded database).
 */
export async function throwawayDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return { url: undefined, drop: async () => {} };
  const name = `hopso_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database on
 * the PostgreSQL server named by TEST_DATABASE_URL (dropped on close), so every db and service test runs
 * on both engines.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const target = await throwawayDatabase();
  const database = await openDatabase(target.url ? { url: target.url, poolSize: 4 } : { dataDir: 'memory://' });
  await database.migrate();
  return {
    db: database.db,
    driver: database.driver,
    async close() {
      await database.close();
      await target.drop();
    },
  };
}
