// The external verifiers of the interop tests, driven as a user would drive them: poppler's pdfsig with an
// NSS database holding the roots we trust, and `openssl cms -verify` over the exact ByteRange bytes.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { toPem } from '@hopso/signature/pki';
import { signedParts } from './pdf-parts.ts';

export const exec = promisify(execFile);

export interface PdfsigSignature { validation: string; certificate: string; total: boolean }

/** pdfsig's per-signature verdicts (it exits 0 even for invalid signatures, so we read its report). */
export async function pdfsig(nssDir: string, file: string): Promise<PdfsigSignature[]> {
  const { stdout } = await exec('pdfsig', ['-nssdir', `sql:${nssDir}`, file]).catch((e: { stdout: string }) => ({ stdout: e.stdout ?? '' }));
  return stdout.split(/^Signature #\d+:$/m).slice(1).map((block) => ({
    validation: /Signature Validation: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
    certificate: /Certificate Validation: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
    total: /^\s+- Total document signed/m.test(block),
  }));
}

/** A new NSS database in `dir` trusting each DER root (certutil from libnss3-tools). */
export async function nssDatabase(dir: string, roots: Uint8Array[]): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await exec('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  for (const [i, root] of roots.entries()) {
    const file = join(dir, `root-${i}.der`);
    writeFileSync(file, root);
    await exec('certutil', ['-A', '-d', `sql:${dir}`, '-n', `hopso-test-root-${i}`, '-t', 'CT,C,C', '-i', file]);
  }
  return dir;
}

/**
 * `openssl cms -verify` on each signature's CMS (read from the file text, not through our verifier) over its
 * ByteRange bytes, against `roots`; returns openssl's stderr per signature (it rejects on a failure).
 */
export async function opensslVerifyAll(dir: string, pdf: Uint8Array, roots: Uint8Array[]): Promise<string[]> {
  const caFile = join(dir, 'openssl-roots.pem');
  writeFileSync(caFile, roots.map((r) => toPem(r)).join(''));
  const results: string[] = [];
  for (const [i, part] of signedParts(pdf).entries()) {
    const cms = join(dir, `openssl-sig${i}.der`);
    const content = join(dir, `openssl-content${i}.bin`);
    writeFileSync(cms, part.cms);
    writeFileSync(content, part.content);
    const { stderr } = await exec('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null']);
    results.push(stderr);
  }
  return results;
}
