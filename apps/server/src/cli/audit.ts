// `hopso audit verify [--json]`: checks the audit log's hash chain in the server's database (DATABASE_URL,
// or the PGlite data directory DATA_DIR/pglite as the server opens it). Exit 0 when the chain is intact,
// 1 when it is broken (the first broken entry is printed), 2 when the database cannot be read or the
// command is misused. With PGlite, stop the server first: one data directory has one process at a time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@hopso/db/client';
import type { AuditVerification } from '@hopso/shared/audit';
import { verifyChain } from '../audit/verify.ts';
import { loadConfig } from '../config.ts';
import type { CliIo, Command } from './main.ts';

const usage = 'hopso audit verify [--json]   (database from DATABASE_URL, else DATA_DIR/pglite)';

const reasons: Record<Extract<AuditVerification, { ok: false }>['reason'], string> = {
  content_hash_mismatch: 'the entry\'s hash does not match its content (the entry was changed)',
  previous_hash_mismatch: 'the entry does not link to the hash of the entry before it (an entry was replaced or moved)',
  sequence_gap: 'the sequence number is not the previous one plus one (an entry was deleted or reordered)',
  head_mismatch: 'the chain head does not match the last entry (entries were deleted from the end)',
};

/** Prints the outcome for people, or the verification object as JSON; returns the exit code. */
function report(io: CliIo, result: AuditVerification, json: boolean): number {
  if (json) io.out(JSON.stringify(result));
  else if (result.ok) io.out(`Audit chain OK: ${result.entries} entries, head #${result.headSeq} ${result.headHash}`);
  else {
    io.out(`Audit chain BROKEN at entry #${result.seq}${result.id === null ? '' : ` (row id ${result.id})`}: ${reasons[result.reason]}`);
    io.out(`  reason: ${result.reason}\n  expected: ${result.expected}\n  found:    ${result.found}\n  entries verified before it: ${result.entries}`);
  }
  return result.ok ? 0 : 1;
}

async function runAudit(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const json = rest.includes('--json');
  const unknown = rest.find((a) => a !== '--json');
  if (sub !== 'verify' || unknown) {
    io.err(`hopso audit: ${sub !== 'verify' ? `unknown subcommand "${sub ?? ''}"` : `unknown option ${unknown}`}\nusage: ${usage}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    io.err(String(error instanceof Error ? error.message : error));
    return 2;
  }
  const dataDir = join(config.DATA_DIR, 'pglite');
  // Opening a missing data directory would create an empty database and report a chain of nothing.
  if (!config.DATABASE_URL && !existsSync(dataDir)) {
    io.err(`hopso audit: no database at ${dataDir} (set DATABASE_URL or DATA_DIR)`);
    return 2;
  }
  let database;
  try {
    database = await openDatabase({ url: config.DATABASE_URL, dataDir, poolSize: 1 });
  } catch (error) {
    io.err(`hopso audit: cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    return report(io, await verifyChain(database.db), json);
  } catch (error) {
    io.err(`hopso audit: cannot read the audit log: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await database.close().catch(() => {});
  }
}

export const auditCommand: Command = { summary: 'check the audit log\'s hash chain and name the first broken entry', usage, run: runAudit };
