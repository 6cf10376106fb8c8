// Interop on the file the SERVER produces: a resolution signed by the chair and sealed by the server through
// the real route flow (B-T with a local TSA, B-LT with the DSS the seal adds), then checked by poppler's
// pdfsig, `openssl cms -verify` on each signature's CMS and `hopso verify` — all must call it valid, and all
// must refuse the same file with one byte changed. pdfsig's "not total document signed" on the chair's
// signature is expected (DESIGN.md): the seal and the DSS follow it.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationReportSchema, type VerificationReport } from '@hopso/shared/signature';
import { createRootCa, startTestTsa, toPem } from '@hopso/signature/pki';
import { councils, trustAnchors } from '../../db/src/schema/index.ts';
import { createTestApp, type TestApp } from '../../apps/server/src/testing.ts';
import { prepareDemoSigning } from '../../apps/server/src/signatures/demo.ts';
import { demoPkiDir } from '../../apps/server/src/signatures/seal.ts';
import { signedAndSealed } from '../../apps/server/src/resolutions/testing.ts';
import { nssDatabase, opensslVerifyAll, pdfsig } from './tools.ts';

const hopsoBin = fileURLToPath(new URL('../../apps/server/bin/hopso.js', import.meta.url));
const derOf = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));

/** `hopso verify --json` as a user runs it: its exit code and its report. */
async function hopsoVerify(file: string, trustDir: string): Promise<{ code: number; report: VerificationReport }> {
  const { code, stdout } = await promisify(execFile)(process.execPath, [hopsoBin, 'verify', file, '--trust', trustDir, '--json'])
    .then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
  return { code, report: verificationReportSchema.parse(JSON.parse(stdout)) };
}

describe('interop on the server\'s output: chair signature and council seal made through the routes', () => {
  let dir: string;
  let t: TestApp;
  let tsa: Awaited<ReturnType<typeof startTestTsa>>;
  let sealed: { id: string; body: { report: VerificationReport; resolution: { sha256: string } }; file: Uint8Array };
  let roots: Uint8Array[];
  let nss: string;
  let trustDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-interop-server-'));
    const tsaRoot = await createRootCa('Họp Số Interop TSA Root');
    tsa = await startTestTsa({ issuer: tsaRoot });
    t = await createTestApp({ env: { DATA_DIR: join(dir, 'data'), DEMO_SEED: 'true', TSA_URL: tsa.url } });
    await prepareDemoSigning(t.deps, false);
    // The TSA's root joins the demo council's trust store, as an administrator would add it.
    const [council] = await t.db.select().from(councils);
    await t.db.insert(trustAnchors).values({ councilId: council!.id, kind: 'root', subject: 'TSA Root', issuer: 'TSA Root', fingerprint: 'interop-tsa-root', der: Buffer.from(tsaRoot.certificate).toString('base64') });
    sealed = await signedAndSealed(t, { title: 'Nghị quyết kiểm thử liên thông' });
    writeFileSync(join(dir, 'sealed.pdf'), sealed.file);

    roots = [derOf(readFileSync(join(demoPkiDir(t.deps.config), 'root.pem'), 'utf8')), tsaRoot.certificate];
    nss = await nssDatabase(join(dir, 'nss'), roots);
    trustDir = join(dir, 'trust');
    mkdirSync(trustDir);
    roots.forEach((r, i) => writeFileSync(join(trustDir, `root-${i}.pem`), toPem(r)));
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await tsa?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the sealed, timestamped file the server reported', async () => {
    expect(sealed.body.report.ok).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(sealed.file).digest('hex')).toBe(sealed.body.resolution.sha256);
    expect(sealed.body.report.signatures.map((s) => [s.signer?.commonName, s.timestamp !== null])).toEqual([['Nguyễn Văn Thành', true], ['HĐND xã Tân Phú', true]]);
    // B-LT: the catalog of the sealed file points at a document security store.
    expect(new TextDecoder('latin1').decode(sealed.file)).toMatch(/\/DSS \d+ 0 R/);
  });

  it('pdfsig: both signatures valid and trusted; only the seal covers the whole file', async () => {
    const sigs = await pdfsig(nss, join(dir, 'sealed.pdf'));
    expect(sigs.map((s) => [s.validation, s.certificate, s.total])).toEqual([
      ['Signature is Valid.', 'Certificate is Trusted.', false],
      ['Signature is Valid.', 'Certificate is Trusted.', true],
    ]);
  });

  it('openssl cms -verify: each signature\'s CMS verifies over its ByteRange bytes', async () => {
    const results = await opensslVerifyAll(dir, sealed.file, roots);
    expect(results).toHaveLength(2);
    for (const stderr of results) expect(stderr).toContain('Verification successful');
  });

  it('hopso verify: exit 0 and the same verdict as pdfsig, signature by signature', async () => {
    const { code, report } = await hopsoVerify(join(dir, 'sealed.pdf'), trustDir);
    expect(code, JSON.stringify(report.signatures.map((s) => s.problems))).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.sha256).toBe(sealed.body.resolution.sha256);
    const theirs = await pdfsig(nss, join(dir, 'sealed.pdf'));
    expect(report.signatures.map((s) => [s.valid, s.trusted, s.coversWholeDocument])).toEqual(theirs.map((s) => [s.validation === 'Signature is Valid.', s.certificate === 'Certificate is Trusted.', s.total]));
    expect(report.signatures.map((s) => s.modifications)).toEqual([[], []]);
  });

  it('all three refuse the same file with one byte changed inside both signed ranges', async () => {
    const tampered = sealed.file.slice();
    // The binary comment on the file's second line: inside every ByteRange, and no parser reads it.
    const at = new TextDecoder('latin1').decode(tampered.subarray(0, 32)).indexOf('\n') + 2;
    tampered[at]! ^= 0x01;
    const file = join(dir, 'tampered.pdf');
    writeFileSync(file, tampered);
    const sigs = await pdfsig(nss, file);
    expect(sigs).toHaveLength(2);
    for (const s of sigs) expect(s.validation).not.toBe('Signature is Valid.');
    await expect(opensslVerifyAll(dir, tampered, roots)).rejects.toMatchObject({ stderr: expect.stringContaining('Verification failure') });
    const { code, report } = await hopsoVerify(file, trustDir);
    expect(code).toBe(1);
    expect(report.signatures.map((s) => s.problems.map((p) => p.code))).toEqual([['digest_mismatch'], ['digest_mismatch']]);
  });
});
