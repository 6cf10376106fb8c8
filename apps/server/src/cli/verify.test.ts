import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationReportSchema } from '@hopso/shared/signature';
import { toPem } from '@hopso/signature/pki';
import { chairAndSeal, negativeCorpus, testPki, type TestPki } from '@hopso/signature/testing';
import { run, type CliIo } from './main.ts';

const bin = fileURLToPath(new URL('../../bin/hopso.js', import.meta.url));

async function hopso(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []; const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await run(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hopso verify', () => {
  let dir: string;
  let pki: TestPki;
  let sealedFile: string;
  let pemTrust: string;
  let derTrust: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-cli-'));
    pki = await testPki();
    sealedFile = join(dir, 'sealed.pdf');
    writeFileSync(sealedFile, (await chairAndSeal(pki)).sealed);
    pemTrust = join(dir, 'trust-pem');
    derTrust = join(dir, 'trust-der');
    for (const d of [pemTrust, derTrust]) rmSync(d, { recursive: true, force: true });
    await import('node:fs').then((fs) => { fs.mkdirSync(pemTrust); fs.mkdirSync(derTrust); });
    writeFileSync(join(pemTrust, 'root.pem'), toPem(pki.root.certificate));
    writeFileSync(join(derTrust, 'root.cer'), pki.root.certificate);
    writeFileSync(join(derTrust, 'intermediate.crl'), pki.crl);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 for a valid, trusted file, with PEM or DER roots', async () => {
    const pem = await hopso(['verify', sealedFile, '--trust', pemTrust]);
    expect(pem.code).toBe(0);
    expect(pem.out).toContain('Result: every signature is valid and trusted.');
    expect((await hopso(['verify', sealedFile, '--trust', derTrust])).code).toBe(0);
  });

  it('exits 1 when nothing is trusted, and says why', async () => {
    const r = await hopso(['verify', sealedFile]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('certificate_untrusted');
    expect(r.out).toContain('no --trust directory');
  });

  it('prints a machine-readable report with --json', async () => {
    const r = await hopso(['verify', sealedFile, '--trust', pemTrust, '--json']);
    const report = verificationReportSchema.parse(JSON.parse(r.out));
    expect(report.ok).toBe(true);
    expect(report.signatures).toHaveLength(2);
  });

  it('exits 2 for an unreadable file, a missing file and bad usage', async () => {
    const junk = join(dir, 'junk.pdf');
    writeFileSync(junk, 'not a pdf at all');
    const r = await hopso(['verify', junk, '--trust', pemTrust, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('unreadable_pdf');
    expect((await hopso(['verify', join(dir, 'missing.pdf')])).code).toBe(2);
    expect((await hopso(['verify'])).code).toBe(2);
    expect((await hopso(['verify', sealedFile, '--bogus'])).code).toBe(2);
    expect((await hopso(['nope'])).code).toBe(2);
  });

  it('exits 1 for every file of the negative corpus, naming the reason (Vietnamese with --lang vi)', async () => {
    const corpus = await negativeCorpus(pki);
    const crlFile = join(dir, 'ca.crl');
    writeFileSync(crlFile, pki.crl);
    for (const [i, c] of corpus.entries()) {
      const file = join(dir, `bad-${i}.pdf`);
      writeFileSync(file, c.pdf);
      const r = await hopso(['verify', file, '--trust', pemTrust, '--lang', 'vi', ...(c.crls ? ['--crl', crlFile] : [])]);
      expect(r.code, c.name).toBe(1);
      expect(r.out, c.name).toContain(`[${c.expect}]`);
      expect(r.out).toContain('Kết quả: KHÔNG hợp lệ');
    }
  });

  it('runs as `hopso` through its bin script (exit codes reach the shell)', async () => {
    const node = process.execPath;
    const ok = await promisify(execFile)(node, [bin, 'verify', sealedFile, '--trust', pemTrust]);
    expect(ok.stdout).toContain('VALID');
    const failed = await promisify(execFile)(node, [bin, 'verify', sealedFile]).then(() => 0, (e: { code: number }) => e.code);
    expect(failed).toBe(1);
  });
});
