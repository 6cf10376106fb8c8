import { describe, expect, it } from 'vitest';
import { countAudit, countSuite, parseReport, suiteNotRun, summarize, summaryLine, type VitestJsonReport } from './report.ts';

function report(files: Array<{ status: string; tests: string[]; message?: string }>): VitestJsonReport {
  const all = files.flatMap((f) => f.tests);
  return {
    numPassedTests: all.filter((s) => s === 'passed').length,
    numFailedTests: all.filter((s) => s === 'failed').length,
    testResults: files.map((f, i) => ({
      name: `/repo/f${i}.test.ts`,
      status: f.status,
      message: f.message ?? '',
      assertionResults: f.tests.map((status) => ({ status })),
    })),
  };
}

describe('countSuite', () => {
  it('counts passed and failed tests of a clean run', () => {
    const r = report([{ status: 'failed', tests: ['passed', 'failed', 'skipped'] }, { status: 'passed', tests: ['passed'] }]);
    expect(countSuite('unit', r, 1)).toEqual({ label: 'unit', passed: 2, failed: 1, problems: [] });
  });

  it('counts a test file that crashed without a failed test as one failure', () => {
    const r = report([{ status: 'failed', tests: [], message: 'Cannot find module x' }, { status: 'passed', tests: ['passed'] }]);
    const c = countSuite('unit', r, 1);
    expect(c.failed).toBe(1);
    expect(c.passed).toBe(1);
    expect(c.problems[0]).toContain('Cannot find module x');
  });

  it('counts a missing report as a failure, never as zero', () => {
    expect(countSuite('e2e', undefined, null)).toMatchObject({ passed: 0, failed: 1 });
  });

  it('counts a non-zero exit that the report does not explain as a failure', () => {
    const r = report([{ status: 'passed', tests: ['passed'] }]);
    expect(countSuite('unit', r, 1)).toMatchObject({ passed: 1, failed: 1 });
    expect(countSuite('unit', r, 0)).toMatchObject({ passed: 1, failed: 0 });
  });
});

describe('parseReport', () => {
  it('accepts a vitest JSON report and rejects anything else', () => {
    const r = report([{ status: 'passed', tests: ['passed'] }]);
    expect(parseReport(JSON.stringify(r))).toEqual(r);
    expect(parseReport('{"numPassedTests":1')).toBeUndefined();
    expect(parseReport('null')).toBeUndefined();
    expect(parseReport('{"numPassedTests":1,"numFailedTests":0}')).toBeUndefined();
  });
});

describe('summarize', () => {
  it('sums all suites and fails when anything failed', () => {
    const t = summarize([{ label: 'a', passed: 3, failed: 0, problems: [] }, suiteNotRun('b', 'cluster did not start')]);
    expect(t).toEqual({ passed: 3, failed: 1, ok: false });
    expect(summaryLine(t)).toBe('tests: 3 passed, 1 failed');
  });

  it('fails when no test ran at all', () => {
    expect(summarize([{ label: 'a', passed: 0, failed: 0, problems: [] }]).ok).toBe(false);
    expect(summarize([]).ok).toBe(false);
  });
});

describe('countAudit', () => {
  const clean = JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } } });

  it('passes a clean audit as one test', () => {
    expect(countAudit('npm audit (high)', clean, 0)).toEqual({ label: 'npm audit (high)', passed: 1, failed: 0, problems: [] });
  });

  it('passes moderate and low findings (the level is high)', () => {
    const moderate = JSON.stringify({ vulnerabilities: { cookie: { name: 'cookie', severity: 'moderate', fixAvailable: true } }, metadata: { vulnerabilities: { low: 2, moderate: 1, high: 0, critical: 0 } } });
    expect(countAudit('audit', moderate, 0).passed).toBe(1);
  });

  it('fails on a high or critical finding and names the packages', () => {
    const high = JSON.stringify({
      vulnerabilities: { 'form-data': { severity: 'critical', fixAvailable: true }, tar: { severity: 'high', fixAvailable: false }, cookie: { severity: 'low' } },
      metadata: { vulnerabilities: { low: 1, high: 1, critical: 1 } },
    });
    const c = countAudit('audit', high, 1);
    expect(c).toMatchObject({ passed: 0, failed: 1 });
    expect(c.problems[0]).toBe('2 high or critical finding(s): form-data (critical, fix available), tar (high, no fix yet)');
  });

  it('counts neither way, and says why, when the registry has no advisory service (405)', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    expect(countAudit('audit', refused, 1)).toEqual({ label: 'audit', passed: 0, failed: 0, problems: [expect.stringMatching(/^not checked: .*405 Method Not Allowed/)] });
  });

  it('fails when the registry errs or cannot be reached, with the reason', () => {
    const refused = JSON.stringify({ message: '500 Internal Server Error - POST https://registry.example/-/npm/v1/security/advisories/bulk', statusCode: 500, error: { summary: '', detail: '' } });
    expect(countAudit('audit', refused, 1)).toMatchObject({ passed: 0, failed: 1, problems: [expect.stringContaining('500 Internal Server Error')] });
    const offline = JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.example failed', detail: '' } });
    expect(countAudit('audit', offline, 1).problems[0]).toContain('ENOTFOUND');
  });

  it('fails when there is no JSON, when npm did not start, and on an unexplained exit code', () => {
    expect(countAudit('audit', '', 1).failed).toBe(1);
    expect(countAudit('audit', '', null, 'spawn npm ENOENT').problems[0]).toContain('ENOENT');
    expect(countAudit('audit', clean, 1).failed).toBe(1);
  });
});
