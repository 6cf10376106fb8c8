// The single test command (`npm test`, also run by .ci/run): system packages, `npm audit` (no high finding),
// web build, typecheck, the vitest suite on PGlite and on a throwaway PostgreSQL cluster, then the browser e2e suite
// against a server on each engine.
// The last line is always `tests: N passed, N failed`; the exit code is 1 when anything failed or nothing ran.
//
// Developers can narrow it: `npm test -- --only unit`, `--only e2e`, `--only pglite`, `--only "e2e (postgres)"`
// (substring of the suite label; repeat or comma-separate to run several; `--only audit` for the npm audit step)
// and `--no-build` to reuse apps/web/build.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, startCluster as startPgCluster, stopCluster as stopPgCluster } from './pg.ts';
import { countAudit, countSuite, parseReport, suiteNotRun, summarize, summaryLine, type SuiteCounts } from './report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'test-results', 'vitest');
const SUITES = ['unit (pglite)', 'unit (postgres)', 'e2e (pglite)', 'e2e (postgres)'] as const;
type SuiteLabel = (typeof SUITES)[number];
const AUDIT = 'npm audit (high)';

interface Options { only: string[]; build: boolean }

function parseArgs(argv: string[]): Options {
  const options: Options = { only: [], build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--only') options.only.push(...(argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    else if (arg.startsWith('--only=')) options.only.push(...arg.slice(7).split(',').map((s) => s.trim()).filter(Boolean));
    else if (arg === '--no-build') options.build = false;
    else {
      console.error(`usage: npm test [-- --only unit|e2e|pglite|postgres|audit|"<suite label>"] [--no-build]\nsuites: ${[AUDIT, ...SUITES].join(', ')}`);
      process.exit(2);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const selected = SUITES.filter((s) => options.only.length === 0 || options.only.some((o) => s.includes(o)));
const auditSelected = options.only.length === 0 || options.only.some((o) => AUDIT.includes(o));
const results: SuiteCounts[] = [];
const stepCount = 9;
let step = 0;

function heading(title: string): void {
  console.log(`\n━━━━ [${++step}/${stepCount}] ${title} ━━━━`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

// Children run in their own process group so a Ctrl-C or a CI cancel can take down vitest together with the
// servers and browsers it started, and the PostgreSQL cluster is still stopped afterwards.
const running = new Set<ChildProcess>();
let clusterDir: string | undefined;

const childPath = [join(root, 'node_modules', '.bin'), process.env.PATH ?? ''].join(delimiter);

/** Runs a command with its output on the console, or into `logFile` (a suite run beside another). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, logFile?: string): Promise<number | null> {
  return new Promise((resolve) => {
    const out = logFile ? openSync(logFile, 'w') : 'inherit';
    const child = spawn(command, args, {
      cwd: root,
      env: { ...env, PATH: childPath },
      stdio: ['ignore', out, out],
      detached: true,
    });
    running.add(child);
    child.on('error', (err) => { console.error(`could not start ${command}: ${err.message}`); });
    child.on('close', (code) => {
      running.delete(child);
      if (typeof out === 'number') closeSync(out);
      resolve(code);
    });
  });
}

function stopCluster(): void {
  if (!clusterDir) return;
  stopPgCluster(clusterDir);
  clusterDir = undefined;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of running) { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ } }
    stopCluster();
    console.error(`\ninterrupted by ${signal}; PostgreSQL cluster stopped`);
    console.log(summaryLine({ passed: results.reduce((n, s) => n + s.passed, 0), failed: results.reduce((n, s) => n + s.failed, 0) + 1 }));
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb')) && existsSync(join(base, v, 'bin', 'postgres')));
  versions.sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(base, versions.at(-1)!, 'bin') : undefined;
}

/** Which Debian packages are missing; chromium drives e2e, postgresql backs the second engine, poppler reads PDFs. */
function missingPackages(): string[] {
  const missing: string[] = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!postgresBin()) missing.push('postgresql');
  if (!existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
  // certutil makes the NSS database pdfsig trusts in the signature interop tests; openssl checks the CMS.
  if (!existsSync('/usr/bin/certutil')) missing.push('libnss3-tools');
  if (!existsSync('/usr/bin/openssl')) missing.push('openssl');
  return missing;
}

async function ensureSystemPackages(): Promise<string[]> {
  let missing = missingPackages();
  if (missing.length === 0) { console.log('chromium, PostgreSQL server and poppler-utils are installed'); return []; }
  if (process.getuid?.() !== 0) {
    console.error(`missing system packages: ${missing.join(' ')} — install them with:\n  sudo apt-get install -y chromium postgresql poppler-utils libnss3-tools openssl`);
    return missing;
  }
  console.log(`installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], env);
  await run('apt-get', ['install', '-y', 'chromium', 'postgresql', 'poppler-utils', 'libnss3-tools', 'openssl'], env);
  missing = missingPackages();
  if (missing.length) console.error(`still missing after apt-get: ${missing.join(' ')}`);
  return missing;
}

/** Runs a command and keeps its stdout (npm audit's JSON); stderr goes to the console. */
function capture(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, PATH: childPath }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    running.add(child);
    let stdout = '';
    let error: string | undefined;
    const timer = setTimeout(() => {
      error = `no answer within ${timeoutMs / 1000} s (registry unreachable?)`;
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.on('error', (err) => { error = err.message; });
    child.on('close', (code) => { clearTimeout(timer); running.delete(child); resolve({ code, stdout, ...(error ? { error } : {}) }); });
  });
}

/**
 * CI fails on a high or critical advisory in any dependency (production and development: the build tools run
 * on the developers' and CI's machines too). npm audit asks the npm registry; when it cannot, the step fails
 * with the reason rather than passing, except where the registry has no advisory service at all (405: not
 * checked, counted neither way; tests/report.ts countAudit).
 */
async function npmAudit(): Promise<void> {
  const started = performance.now();
  const out = await capture('npm', ['audit', '--audit-level=high', '--json'], 120_000);
  const counts = countAudit(AUDIT, out.stdout, out.code, out.error);
  results.push(counts);
  console.log(`${AUDIT}: ${counts.failed ? 'failed' : counts.passed ? 'passed' : 'not checked'} (${seconds(started)})`);
  for (const p of counts.problems) console.log(`  ! ${p}`);
}

async function startCluster(): Promise<string> {
  const cluster = await startPgCluster();
  clusterDir = cluster.dir;
  return cluster.adminUrl;
}

/**
 * One labelled vitest run with a human reporter and a JSON report that is summed at the end. With `aside`,
 * it runs beside another suite: its output goes to test-results/logs/<suite>.log and is printed whole when
 * it ends, so the two runs' lines are not interleaved.
 */
async function vitest(label: SuiteLabel, config: string, env: Record<string, string | undefined>, aside = false): Promise<void> {
  const slug = label.replace(/[^a-z0-9]+/g, '-').replace(/-$/, '');
  const reportFile = join(resultsDir, `${slug}.json`);
  rmSync(reportFile, { force: true });
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const logFile = aside ? join(root, 'test-results', 'logs', `${slug}.log`) : undefined;
  if (logFile) mkdirSync(dirname(logFile), { recursive: true });
  const started = performance.now();
  const code = await run(process.execPath, [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', config,
    '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`,
  ], childEnv, logFile);
  if (logFile) console.log(`\n──── ${label} (${logFile}) ────\n${readFileSync(logFile, 'utf8')}`);
  const report = existsSync(reportFile) ? parseReport(readFileSync(reportFile, 'utf8')) : undefined;
  const counts = countSuite(label, report, code);
  results.push(counts);
  console.log(`\n${label}: ${counts.passed} passed, ${counts.failed} failed (${seconds(started)})`);
  // eslint-disable-next-line no-control-regex
  for (const p of counts.problems) console.log(`  ! ${p.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter(Boolean).slice(0, 2).join(' — ')}`);
}

function skip(label: SuiteLabel, reason: string): void {
  console.log(`${label}: not run — ${reason}`);
  results.push(suiteNotRun(label, reason));
}

/**
 * Files the tests keep for a person to look at (the minutes' first page as PNG, issue 7), listed so a CI log
 * says where they are; test-results/ is left in place after the run.
 */
function listArtifacts(): void {
  const dir = join(root, 'test-results', 'artifacts');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.')).sort() : [];
  if (!files.length) return;
  console.log(`\nartifacts kept in ${dir}:`);
  for (const f of files) console.log(`  ${f} (${Math.ceil(statSync(join(dir, f)).size / 1024)} KB)`);
}

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(resultsDir, { recursive: true });
  // Only this run's artifacts are listed at the end.
  rmSync(join(root, 'test-results', 'artifacts'), { recursive: true, force: true });
  console.log(`suites: ${[...(auditSelected ? [AUDIT] : []), ...selected].join(', ') || '(none match --only)'}`);
  const wants = (s: SuiteLabel) => selected.includes(s);
  const unit = 'vitest.config.ts';
  const e2e = join('tests', 'vitest.e2e.config.ts');

  heading('System packages');
  const missing = await ensureSystemPackages();
  const noChromium = missing.includes('chromium') ? 'chromium is not installed' : undefined;
  const noPostgres = missing.includes('postgresql') ? 'PostgreSQL server is not installed' : undefined;
  if (missing.length) results.push(suiteNotRun('system packages', `missing: ${missing.join(' ')}`));

  heading(AUDIT);
  if (auditSelected) await npmAudit();
  else console.log('skipped by --only');

  heading('Build web app (turbo run build)');
  let buildFailure: string | undefined;
  if (!options.build) console.log('skipped (--no-build): using the existing apps/web/build');
  else {
    const t = performance.now();
    const code = await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { ...process.env, TURBO_TELEMETRY_DISABLED: '1' });
    if (code !== 0) {
      buildFailure = `web build failed (turbo exit ${code})`;
      results.push(suiteNotRun('web build', buildFailure));
    }
    console.log(buildFailure ?? `web app built (${seconds(t)})`);
  }

  // Type errors fail the run like a failing test: vitest strips types without checking them.
  heading('Typecheck (turbo run typecheck)');
  if (!options.build) console.log('skipped (--no-build)');
  else {
    const t = performance.now();
    const code = await run('npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'], { ...process.env, TURBO_TELEMETRY_DISABLED: '1' });
    results.push(code === 0 ? { label: 'typecheck', passed: 1, failed: 0, problems: [] } : suiteNotRun('typecheck', `type errors (turbo exit ${code}), see above`));
    console.log(code === 0 ? `no type errors (${seconds(t)})` : 'type errors: see above');
  }

  heading('unit (pglite)');
  if (wants('unit (pglite)')) await vitest('unit (pglite)', unit, { TEST_DATABASE_URL: undefined });
  else console.log('skipped by --only');

  try {
    heading('PostgreSQL cluster');
    let adminUrl: string | undefined;
    let clusterFailure = noPostgres;
    if (!selected.some((s) => s.includes('postgres'))) console.log('skipped: no postgres suite selected');
    else if (!clusterFailure) {
      try {
        adminUrl = await startCluster();
        console.log(`throwaway cluster at ${adminUrl} (${clusterDir})`);
      } catch (err) {
        clusterFailure = `PostgreSQL cluster did not start: ${(err as Error).message}`;
        console.error(clusterFailure);
      }
    }

    heading('unit (postgres)');
    if (!wants('unit (postgres)')) console.log('skipped by --only');
    else if (!adminUrl) skip('unit (postgres)', clusterFailure ?? 'no cluster');
    else await vitest('unit (postgres)', unit, { TEST_DATABASE_URL: adminUrl, HOPSO_DATABASE_TESTS_ONLY: '1' });

    // The two browser suites run side by side: each spends much of its time waiting on pages and sockets,
    // and one after the other they were half of a 54-minute CI run. Side by side, most files run in one of
    // them only (HOPSO_E2E_SPLIT, tests/e2e/engines.ts).
    heading('e2e (pglite) beside e2e (postgres)');
    const e2eBlocker = noChromium ?? buildFailure;
    const e2eRuns: Promise<void>[] = [];
    const bothE2e = wants('e2e (pglite)') && wants('e2e (postgres)') && !e2eBlocker && adminUrl !== undefined;
    if (!wants('e2e (pglite)')) console.log('e2e (pglite): skipped by --only');
    else if (e2eBlocker) skip('e2e (pglite)', e2eBlocker);
    else e2eRuns.push(vitest('e2e (pglite)', e2e, { E2E_DATABASE_URL: undefined, DATABASE_URL: undefined, HOPSO_E2E_SPLIT: bothE2e ? '1' : undefined }, bothE2e));

    if (!wants('e2e (postgres)')) console.log('e2e (postgres): skipped by --only');
    else if (e2eBlocker || !adminUrl) skip('e2e (postgres)', e2eBlocker ?? clusterFailure ?? 'no cluster');
    else {
      let url: string | undefined;
      try {
        url = await freshDatabase(adminUrl, 'hopso_e2e');
      } catch (err) {
        skip('e2e (postgres)', `could not create database hopso_e2e: ${(err as Error).message}`);
      }
      if (url) e2eRuns.push(vitest('e2e (postgres)', e2e, { E2E_DATABASE_URL: url, DATABASE_URL: undefined, HOPSO_E2E_SPLIT: bothE2e ? '1' : undefined }, e2eRuns.length > 0));
    }
    await Promise.all(e2eRuns);
  } finally {
    heading('Stop PostgreSQL cluster');
    console.log(clusterDir ? 'stopping' : 'nothing to stop');
    stopCluster();
  }

  listArtifacts();
  const totals = summarize(results);
  console.log(`\n${'suite'.padEnd(18)} passed  failed`);
  for (const r of results) console.log(`${r.label.padEnd(18)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}`);
  if (totals.passed + totals.failed === 0) console.log('no test ran — counts as a failure');
  console.log(`total time ${seconds(started)}`);
  console.log(summaryLine(totals));
  process.exitCode = totals.ok ? 0 : 1;
}

main().catch((err: unknown) => {
  stopCluster();
  console.error(err);
  const totals = summarize(results);
  console.log(summaryLine({ passed: totals.passed, failed: totals.failed + 1 }));
  process.exitCode = 1;
});
