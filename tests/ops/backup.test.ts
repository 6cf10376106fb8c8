// Backups as docs/operations.md prescribes them, tested: a seeded server (demo council, a sign-in, an uploaded
// PDF) is backed up, wiped, restored and compared — every table's row count and checksum, every blob file's
// SHA-256, the audit chain (`npx hopso audit verify`, run by the restore block), and a server started on the
// restored data serves the same PDF and signs people in. The shell blocks are read from docs/operations.md and
// run as they stand, so the documented commands are the tested ones. Like every database test, it runs on the
// engine of the pass: PostgreSQL on TEST_DATABASE_URL's cluster when set (tests/run-all.ts), PGlite otherwise.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, sqlClient } from '@hopso/db/client';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, repoRoot, startServer, type Server } from '../e2e/harness.ts';
import { freshDatabase } from '../pg.ts';

const docs = readFileSync(join(repoRoot, 'docs', 'operations.md'), 'utf8');

/** The ```sh block of docs/operations.md whose first line is `# <title>`. */
function docBlock(title: string): string {
  const blocks = [...docs.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const found = blocks.filter((b) => b.split('\n')[0]!.trim() === `# ${title}`);
  if (found.length !== 1) throw new Error(`docs/operations.md: expected one sh block starting with "# ${title}", found ${found.length}`);
  return found[0]!;
}

function pgBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'pg_dump'))).sort((a, b) => Number(a) - Number(b)) : [];
  if (!versions.length) throw new Error('pg_dump not found under /usr/lib/postgresql (apt-get install postgresql)');
  return join(base, versions.at(-1)!, 'bin');
}

/** The operator's environment: only what the block names (no database or folder leaking in from the test run). */
function childEnv(env: Record<string, string>, extraPath: string[] = []): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'E2E_DATABASE_URL', 'DATA_DIR', 'BLOB_DIR']) delete out[k];
  return { ...out, ...env, PATH: [join(repoRoot, 'node_modules', '.bin'), ...extraPath, process.env.PATH ?? ''].join(delimiter) };
}

/** Runs a documented block with bash as an operator would (strict mode is the block's own first lines). */
function runBlock(title: string, env: Record<string, string>): string {
  const out = spawnSync('bash', ['-c', docBlock(title)], {
    cwd: repoRoot,
    env: childEnv(env, [pgBin()]),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (out.status !== 0) throw new Error(`"${title}" exited ${out.status ?? out.signal}:\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

/** Row count and an MD5 over the sorted rows of every table (ours and drizzle's migration journal). */
async function fingerprint(target: { url?: string; dataDir?: string }): Promise<Record<string, string>> {
  const database = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 1 });
  try {
    const sql = sqlClient(database.db);
    const tables = await sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`;
    const result: Record<string, string> = {};
    for (const t of tables) {
      const [row] = await sql.unsafe<{ n: number; h: string }[]>(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as h from "${t.schema}"."${t.name}" t`);
      result[`${t.schema}.${t.name}`] = `${row!.n} ${row!.h}`;
    }
    return result;
  } finally {
    await database.close();
  }
}

/** SHA-256 of every stored file (the upload scratch folder aside); each must also match its own name. */
function blobHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) { if (relative(dir, path) !== 'tmp') walk(path); continue; }
      out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** A sign-in (audit entry) and a PDF upload (a blob) on top of the demo seed; returns the document's id. */
async function seed(server: Server, pdf: Uint8Array): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: DEMO.secretary, password: DEMO_PASSWORD }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { meetings } = await (await fetch(`${server.url}/api/meetings`, { headers: { cookie } })).json() as { meetings: MeetingSummary[] };
  const meeting = meetings.find((m) => m.kind === 'regular')!;
  const res = await fetch(`${server.url}/api/meetings/${meeting.id}/documents?${new URLSearchParams({ title: 'Tờ trình sao lưu', confidentiality: 'internal', filename: 'sao-luu.pdf' })}`, {
    method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/pdf' }, body: new Uint8Array(pdf),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { document: { id: string } }).document.id;
}

/** `npx hopso audit verify` on the given database: the chain still verifies once the restored server wrote to it. */
function auditVerify(env: Record<string, string>): string {
  const out = spawnSync(join(repoRoot, 'node_modules', '.bin', 'hopso'), ['audit', 'verify'], {
    cwd: repoRoot, env: childEnv(env), encoding: 'utf8', timeout: 60_000,
  });
  expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(0);
  return out.stdout;
}

/** The restored installation works: the chair signs in (a new audit entry) and gets the uploaded PDF back. */
async function checkRestoredServer(server: Server, documentId: string, pdfSha: string): Promise<void> {
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: DEMO.secretary, password: DEMO_PASSWORD }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const file = await fetch(`${server.url}/api/documents/${documentId}/file`, { headers: { cookie } });
  expect(file.status).toBe(200);
  expect(createHash('sha256').update(new Uint8Array(await file.arrayBuffer())).digest('hex')).toBe(pdfSha);
}

describe('backup and restore (docs/operations.md)', () => {
  let pdf: Uint8Array;
  let pdfSha: string;
  const temps: string[] = [];
  const temp = (prefix: string) => { const d = mkdtempSync(join(tmpdir(), prefix)); temps.push(d); return d; };

  beforeAll(async () => {
    pdf = await makePdf({ pages: 3, title: 'Sao lưu' });
    pdfSha = createHash('sha256').update(pdf).digest('hex');
  });
  afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) describe('on PostgreSQL', () => {
    let dbName: string | undefined;
    afterAll(async () => {
      if (dbName) {
        const { default: postgres } = await import('postgres');
        const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
        try { await sql.unsafe(`drop database if exists ${dbName} with (force)`); } finally { await sql.end({ timeout: 5 }); }
      }
    });

    it('backs up with pg_dump and the blob folder, restores into an empty database, and nothing differs', async () => {
      const name = dbName = `hopso_backup_${process.pid}`;
      const url = await freshDatabase(adminUrl, name);
      const dataDir = temp('hopso-backup-data-');
      const blobDir = temp('hopso-backup-blobs-');
      const backupDir = join(temp('hopso-backup-out-'), 'backup');
      const env = { DATABASE_URL: url, DATA_DIR: dataDir, BLOB_DIR: blobDir, BACKUP_DIR: backupDir };

      let server = await startServer({ name: 'backup-pg', databaseUrl: url, dataDir, env: { BLOB_DIR: blobDir } });
      let documentId: string;
      try { documentId = await seed(server, pdf); } finally { await server.stop(); }
      const before = await fingerprint({ url });
      const blobsBefore = blobHashes(blobDir);
      expect(Object.values(blobsBefore)).toContain(pdfSha);
      expect(Number(before['public.audit_log']!.split(' ')[0])).toBeGreaterThan(1);

      runBlock('backup — PostgreSQL', env);

      // The disaster: the database and the files are gone; the DBA gives back an empty database.
      await freshDatabase(adminUrl, name);
      rmSync(blobDir, { recursive: true, force: true });
      expect(await fingerprint({ url })).toEqual({});
      expect(blobHashes(blobDir)).toEqual({});

      const restored = runBlock('restore — PostgreSQL', env);
      expect(restored).toMatch(/Audit chain OK: \d+ entries/);
      expect(await fingerprint({ url })).toEqual(before);
      expect(blobHashes(blobDir)).toEqual(blobsBefore);
      for (const [path, sha] of Object.entries(blobsBefore)) expect(path.endsWith(sha), path).toBe(true);

      server = await startServer({ name: 'backup-pg-restored', databaseUrl: url, dataDir, env: { BLOB_DIR: blobDir } });
      try { await checkRestoredServer(server, documentId, pdfSha); } finally { await server.stop(); }
      expect(auditVerify(env)).toMatch(/Audit chain OK/);
    }, 240_000);
  });

  else describe('on PGlite', () => {
    it('backs up the stopped server\'s data directory, restores it, and nothing differs', async () => {
      const dataDir = join(temp('hopso-backup-pglite-'), 'data');
      const backupDir = join(temp('hopso-backup-out-'), 'backup');
      const env = { DATA_DIR: dataDir, BACKUP_DIR: backupDir };

      let server = await startServer({ name: 'backup-pglite', databaseUrl: '', dataDir });
      let documentId: string;
      try { documentId = await seed(server, pdf); } finally { await server.stop(); }
      const pglite = join(dataDir, 'pglite');
      const blobDir = join(dataDir, 'blobs');
      const before = await fingerprint({ dataDir: pglite });
      const blobsBefore = blobHashes(blobDir);
      expect(Object.values(blobsBefore)).toContain(pdfSha);
      expect(Number(before['public.audit_log']!.split(' ')[0])).toBeGreaterThan(1);

      runBlock('backup — PGlite', env);

      rmSync(dataDir, { recursive: true, force: true });
      expect(existsSync(dataDir)).toBe(false);

      const restored = runBlock('restore — PGlite', env);
      expect(restored).toMatch(/Audit chain OK: \d+ entries/);
      expect(statSync(pglite).isDirectory()).toBe(true);
      expect(await fingerprint({ dataDir: pglite })).toEqual(before);
      expect(blobHashes(blobDir)).toEqual(blobsBefore);

      server = await startServer({ name: 'backup-pglite-restored', databaseUrl: '', dataDir });
      try { await checkRestoredServer(server, documentId, pdfSha); } finally { await server.stop(); }
      expect(auditVerify(env)).toMatch(/Audit chain OK/);
    }, 240_000);
  });
});
