// `npm run bench -- NAME [args]`: runs tests/bench/NAME.ts, prints its summary and goals, and writes
// tests/bench/results/NAME.json (the issue's fields plus the machine and commit, so figures can be compared).
// Exit codes: 0 ran (goals missed are reported, not fatal; add --strict to fail on them), 1 the benchmark
// failed, 2 unknown or missing name.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { goalMet, type Benchmark, type BenchReport } from './lib/report.ts';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const resultsDir = join(benchDir, 'results');

/** Benchmark names: the .ts files beside this one, except the runner and tests. */
function available(): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function machine(): Record<string, unknown> {
  let commit = 'unknown';
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: benchDir, encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
  const cpu = cpus();
  return { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}`, commit };
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const strict = rest.includes('--strict');
  const args = rest.filter((a) => a !== '--strict');
  const names = available();
  if (!name || !names.includes(name)) {
    console.error(`${name ? `unknown benchmark "${name}"` : 'no benchmark named'}; available: ${names.join(', ') || '(none)'}\nusage: npm run bench -- NAME [--strict] [benchmark options]`);
    return 2;
  }
  const module = (await import(pathToFileURL(join(benchDir, `${name}.ts`)).href)) as { default?: Benchmark };
  if (typeof module.default !== 'function') {
    console.error(`tests/bench/${name}.ts has no default export (a Benchmark function)`);
    return 2;
  }
  const started = performance.now();
  let report: BenchReport;
  try {
    report = await module.default(args);
  } catch (error) {
    console.error(`\nbenchmark ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const goals = report.goals.map((g) => ({ ...g, met: goalMet(g) }));
  const meta = { benchmark: name, finishedAt: new Date().toISOString(), seconds: Math.round((performance.now() - started) / 100) / 10, machine: machine(), goals };
  const body = Array.isArray(report.result) ? { ...meta, results: report.result } : { ...report.result, ...meta };
  if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);

  console.log(`\n${name}: ${report.summary.join('\n  ')}`);
  for (const g of goals) console.log(`  ${g.met ? 'met   ' : 'MISSED'} ${g.name} (measured ${g.value})`);
  console.log(`written ${file} (${meta.seconds} s)`);
  return strict && goals.some((g) => !g.met) ? 1 : 0;
}

// Exit explicitly: a benchmark that leaks a handle must not keep the runner alive after its report.
process.exit(await main());
