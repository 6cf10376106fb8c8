// What a benchmark module hands back to tests/bench/run.ts, which writes it to results/<name>.json and prints it.

/** A target from BENCHMARKS.md or the issue, checked against a measured figure. */
export interface Goal {
  /** e.g. `ratio_large_small ≤ 1.2`. */
  name: string;
  value: number;
  limit: number;
  /** Whether `value` may not exceed (`max`) or fall below (`min`) the limit. */
  kind: 'max' | 'min';
}

export interface BenchReport {
  /** The fields named in the issue (an array when there is one object per database). */
  result: Record<string, unknown> | Record<string, unknown>[];
  goals: Goal[];
  /** Short lines for the console, e.g. medians with units. */
  summary: string[];
}

/**
 * A benchmark module's default export: runs the measurement and returns its report. `args` are the command
 * line arguments after the benchmark's name (`npm run bench -- docs --runs 3`).
 */
export type Benchmark = (args: string[]) => Promise<BenchReport>;

export function goalMet(goal: Goal): boolean {
  return goal.kind === 'max' ? goal.value <= goal.limit : goal.value >= goal.limit;
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `--name value` from an argument list, parsed as a positive integer. */
export function intOption(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const raw = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer, got ${raw}`);
  return n;
}

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
