// Pure bookkeeping for tests/run-all.ts: turns vitest JSON reports into pass/fail counts.
// Kept free of I/O (the caller reads the file) so the rules are table-tested in report.test.ts.

/** The parts of vitest's JSON reporter output (`--reporter=json`) that the summary relies on. */
export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites?: number;
  success?: boolean;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ status: string; fullName?: string }>;
  }>;
}

/** Parses a JSON report file's text; undefined when it is not a vitest JSON report (truncated, empty, other tool). */
export function parseReport(text: string): VitestJsonReport | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<VitestJsonReport>;
  const ok = typeof r.numPassedTests === 'number' && typeof r.numFailedTests === 'number' && Array.isArray(r.testResults)
    && r.testResults.every((f) => Array.isArray(f?.assertionResults));
  return ok ? (r as VitestJsonReport) : undefined;
}

/** The outcome of one labelled vitest run, as printed per suite and summed at the end. */
export interface SuiteCounts {
  label: string;
  passed: number;
  failed: number;
  /** Why the run counts as failed beyond its failed tests (crashed file, missing report, non-zero exit). */
  problems: string[];
}

/**
 * Counts one vitest run. `report` is the parsed JSON file or undefined when it is missing or unreadable;
 * `exitCode` is vitest's exit code (null when killed by a signal). A test file that failed without any failed
 * test (import error, hook error, crashed worker) counts as one failure, so does a missing report and a
 * non-zero exit the report does not explain (e.g. an unhandled error) — a broken run is never a silent 0.
 */
export function countSuite(label: string, report: VitestJsonReport | undefined, exitCode: number | null): SuiteCounts {
  if (!report) {
    return { label, passed: 0, failed: 1, problems: [`no JSON report (vitest exit code ${exitCode})`] };
  }
  const problems: string[] = [];
  let failed = report.numFailedTests;
  for (const file of report.testResults) {
    const failedTests = file.assertionResults.filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) {
      failed += 1;
      problems.push(`${file.name}: ${file.message || 'test file failed without a failed test'}`);
    }
  }
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    problems.push(`vitest exited with code ${exitCode} although no test failed (unhandled error or no test files?)`);
  }
  return { label, passed: report.numPassedTests, failed, problems };
}

/** A suite that could not run at all (e.g. the PostgreSQL cluster did not start): one failure. */
export function suiteNotRun(label: string, reason: string): SuiteCounts {
  return { label, passed: 0, failed: 1, problems: [reason] };
}

/** Sums every suite; `ok` is false when anything failed or when no test ran at all. */
export function summarize(suites: readonly SuiteCounts[]): { passed: number; failed: number; ok: boolean } {
  const passed = suites.reduce((n, s) => n + s.passed, 0);
  const failed = suites.reduce((n, s) => n + s.failed, 0);
  return { passed, failed, ok: failed === 0 && passed > 0 };
}

/** The last line of `npm test`, which CI and people grep for. */
export function summaryLine(totals: { passed: number; failed: number }): string {
  return `tests: ${totals.passed} passed, ${totals.failed} failed`;
}

/** The parts of `npm audit --json` (npm 7 and later) the audit step reads. */
interface NpmAuditJson {
  metadata?: { vulnerabilities?: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>> };
  vulnerabilities?: Record<string, { name?: string; severity?: string; fixAvailable?: unknown }>;
  message?: string;
  statusCode?: number;
  error?: { code?: string; summary?: string; detail?: string };
}

/**
 * Counts the `npm audit --audit-level=high --json` step as one test: passed when the registry answered and no
 * package has a high or critical advisory, failed otherwise — including when the audit could not run at all
 * (registry unreachable, an error, no JSON), which must never look like a clean audit. A registry that has no
 * advisory service (405) is neither: the step is reported as not checked and counts as no test.
 */
export function countAudit(label: string, stdout: string, exitCode: number | null, startError?: string): SuiteCounts {
  const failed = (problem: string): SuiteCounts => ({ label, passed: 0, failed: 1, problems: [problem] });
  if (startError) return failed(`npm audit did not run: ${startError}`);
  let report: NpmAuditJson;
  try {
    report = JSON.parse(stdout) as NpmAuditJson;
  } catch {
    return failed(`npm audit printed no JSON report (exit code ${exitCode})`);
  }
  const counts = report.metadata?.vulnerabilities;
  // 405: the registry answered that it has no advisory service at all (a registry mirror serving reads only,
  // as on this project's machines). That is an answer, not a failure to reach it: there is nothing to count,
  // so the step counts neither way and says so, rather than failing every run or passing as clean.
  if (!counts && report.statusCode === 405) return { label, passed: 0, failed: 0, problems: [`not checked: the registry offers no advisory service (${report.message ?? '405'})`] };
  if (!counts) {
    const reason = [report.error?.code, report.message, report.error?.summary].filter(Boolean).join(' — ') || 'no vulnerability counts in its report';
    return failed(`npm audit could not get advisories from the registry: ${reason}`);
  }
  const high = (counts.high ?? 0) + (counts.critical ?? 0);
  if (high > 0) {
    const names = Object.entries(report.vulnerabilities ?? {})
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .map(([name, v]) => `${name} (${v.severity}${v.fixAvailable ? ', fix available' : ', no fix yet'})`);
    return failed(`${high} high or critical finding(s): ${names.join(', ') || 'see npm audit'}`);
  }
  if (exitCode !== 0) return failed(`npm audit exited with code ${exitCode} without a high finding`);
  return { label, passed: 1, failed: 0, problems: [] };
}
