import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from './client.ts';

export interface TestDatabase {
  db: Db;
  driver: Database['driver'];
  close(): Promise<void>;
}

/**
 * A throwaway database on the PostgreSQL server named by TEST_DATABASE_URL (or by `adminUrl`: an e2e file
 * passes E2E_DATABASE_URL), for tests that start a whole server; `url` is undefined on PGlite runs (the
 * server then uses its own embedded database). With `template`, it starts as a copy of that database
 * (CREATE DATABASE … TEMPLATE: an e2e run's seeded one, tests/e2e/template.ts).
 */
export async function throwawayDatabase(adminUrl = process.env.TEST_DATABASE_URL, template?: string): Promise<{ url: string | undefined; name: string | undefined; drop(): Promise<void> }> {
  if (!adminUrl) return { url: undefined, name: undefined, drop: async () => {} };
  const name = `hopso_test_${randomBytes(6).toString('hex')}`;
  if (template && !/^[a-z0-9_]+$/.test(template)) throw new Error(`not a database name: ${template}`);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
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
  const database = target.url ? await openDatabase({ url: target.url, poolSize: 4 }) : await openFromTemplate();
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

/**
 * An in-memory PGlite database, started from the template: a tarball of an empty, migrated database in the
 * temp folder, named after the migrations and the PGlite build. Loading it skips initdb and the migrations
 * (several seconds per test file on these machines); the first test database without one writes it.
 */
async function openFromTemplate(): Promise<Database> {
  const template = templatePath();
  if (existsSync(template)) {
    try {
      return await openDatabase({ dataDir: 'memory://', template });
    } catch {
      rmSync(template, { force: true }); // unreadable: made again below
    }
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  await database.dump?.(template).catch(() => {}); // another test file may be writing it too: theirs will do
  // Templates of earlier migrations are 40 MB each and of no further use.
  for (const old of readdirSync(tmpdir())) {
    if (old.startsWith(templatePrefix) && old.endsWith('.tar') && join(tmpdir(), old) !== template) rmSync(join(tmpdir(), old), { force: true });
  }
  return database;
}

const templatePrefix = 'hopso-pglite-template-';

function templatePath(): string {
  const hash = createHash('sha256');
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(readFileSync(join(dirname(dirname(pglite)), 'package.json')));
  const migrations = fileURLToPath(new URL('../migrations', import.meta.url));
  for (const file of (readdirSync(migrations, { recursive: true }) as string[]).sort()) {
    const path = join(migrations, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path));
  }
  return join(tmpdir(), `${templatePrefix}${hash.digest('hex').slice(0, 16)}.tar`);
}
