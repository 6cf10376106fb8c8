// A throwaway PostgreSQL cluster on a loopback port, for the test runner and the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './net.ts';

const script = fileURLToPath(new URL('../scripts/pg-cluster.sh', import.meta.url));

export interface Cluster {
  dir: string;
  /** postgres:// URL of the `postgres` database, for creating others. */
  adminUrl: string;
}

/** Starts a cluster in a fresh temporary folder; on failure the error carries the tail of its logs. */
export async function startCluster(prefix = 'hopso-pg-'): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const port = await freePort();
  const out = spawnSync('bash', [script, 'start', dir, String(port)], { encoding: 'utf8', timeout: 120_000 });
  if (out.status !== 0) {
    let log = '';
    for (const f of ['initdb.log', 'server.log']) {
      const path = join(dir, f);
      if (existsSync(path)) log += `\n--- ${f}\n${readFileSync(path, 'utf8').split('\n').slice(-20).join('\n')}`;
    }
    stopCluster(dir);
    throw new Error(`pg-cluster.sh start failed (exit ${out.status}): ${out.stderr.trim()}${log}`);
  }
  return { dir, adminUrl: out.stdout.trim() };
}

/** Stops a cluster and removes its folder (immediate shutdown: it holds nothing worth keeping). */
export function stopCluster(dir: string): void {
  spawnSync('bash', [script, 'stop', dir], { stdio: 'ignore', timeout: 60_000 });
}

/** Creates an empty database on the cluster (dropping one of that name), so a server seeds from scratch. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
