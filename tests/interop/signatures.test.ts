// Interop: our PAdES output and verdicts against poppler's pdfsig (NSS database holding the test root) and
// `openssl cms -verify` over the exact ByteRange bytes. Debian poppler-utils, libnss3-tools and openssl are
// installed by tests/run-all.ts and .ci/run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDss } from '@hopso/signature/dss';
import { signPdf } from '@hopso/signature/pdf';
import { startTestTsa, toPem } from '@hopso/signature/pki';
import { chairAndSeal, draftResolution, negativeCorpus, signerFor, testPki, type TestPki } from '@hopso/signature/testing';
import { verifyPdf } from '@hopso/signature/verify';
import { signedParts } from './pdf-parts.ts';
import { exec, nssDatabase, pdfsig } from './tools.ts';

describe('interop: pdfsig and openssl', () => {
  let dir: string;
  let nss: string;
  let rootPem: string;
  let pki: TestPki;
  let sealed: Uint8Array;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hopso-interop-'));
    pki = await testPki();
    sealed = (await chairAndSeal(pki)).sealed;
    writeFileSync(join(dir, 'sealed.pdf'), sealed);
    rootPem = join(dir, 'root.pem');
    writeFileSync(rootPem, toPem(pki.root.certificate));
    nss = await nssDatabase(join(dir, 'nss'), [pki.root.certificate]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pdfsig: chair and seal both valid and trusted; only the last covers the whole file', async () => {
    const sigs = await pdfsig(nss, join(dir, 'sealed.pdf'));
    expect(sigs).toHaveLength(2);
    for (const s of sigs) {
      expect(s.validation).toBe('Signature is Valid.');
      expect(s.certificate).toBe('Certificate is Trusted.');
    }
    expect(sigs.map((s) => s.total)).toEqual([false, true]);
    const ours = await verifyPdf(sealed, { trustAnchors: pki.anchors });
    expect(ours.ok).toBe(true);
    expect(ours.signatures.map((s) => s.coversWholeDocument)).toEqual([false, true]);
  });

  it('pdfsig and pdftotext read a chair+seal file whose draft had a cross-reference stream (object streams)', async () => {
    const { sealed: fromXrefStream } = await chairAndSeal(pki, await draftResolution({ objectStreams: true }));
    const file = join(dir, 'xref-stream.pdf');
    writeFileSync(file, fromXrefStream);
    const sigs = await pdfsig(nss, file);
    expect(sigs.map((s) => [s.validation, s.certificate, s.total])).toEqual([
      ['Signature is Valid.', 'Certificate is Trusted.', false],
      ['Signature is Valid.', 'Certificate is Trusted.', true],
    ]);
    const { stdout, stderr } = await exec('pdftotext', [file, '-']);
    expect(stderr).toBe('');
    expect(stdout).toContain('NGHI QUYET 12/NQ-HDND');
  });

  it('pdfsig accepts a B-T seal (RFC 3161 timestamp from the local TSA) followed by a DSS (B-LT)', async () => {
    const tsa = await startTestTsa({ issuer: pki.root });
    try {
      const { chair } = await chairAndSeal(pki);
      const stamped = await signPdf(chair, signerFor(pki, pki.seal), { name: 'HĐND xã Tân Phú', tsaUrl: tsa.url });
      const withDss = await addDss(stamped, { certificates: [pki.intermediate.certificate, pki.root.certificate, tsa.certificate], crls: [pki.crl] });
      const file = join(dir, 'b-lt.pdf');
      writeFileSync(file, withDss);
      const sigs = await pdfsig(nss, file);
      expect(sigs.map((s) => [s.validation, s.certificate])).toEqual([
        ['Signature is Valid.', 'Certificate is Trusted.'],
        ['Signature is Valid.', 'Certificate is Trusted.'],
      ]);
      const ours = await verifyPdf(withDss, { trustAnchors: pki.anchors });
      expect(ours.ok).toBe(true);
      expect(ours.signatures[1]!.timestamp).not.toBeNull();
    } finally {
      await tsa.close();
    }
  });

  it('pdfsig without the root in its NSS database does not trust the signer either', async () => {
    const empty = await nssDatabase(join(dir, 'nss-empty'), []);
    const sigs = await pdfsig(empty, join(dir, 'sealed.pdf'));
    expect(sigs.every((s) => s.validation === 'Signature is Valid.' && s.certificate !== 'Certificate is Trusted.')).toBe(true);
    expect((await verifyPdf(sealed, { trustAnchors: [] })).signatures.every((s) => s.integrity && !s.trusted)).toBe(true);
  });

  it('openssl cms -verify accepts each extracted CMS over its ByteRange bytes, and refuses other bytes', async () => {
    const parts = signedParts(sealed);
    expect(parts).toHaveLength(2);
    for (const [i, part] of parts.entries()) {
      const cms = join(dir, `sig${i}.der`);
      const content = join(dir, `content${i}.bin`);
      writeFileSync(cms, part.cms);
      writeFileSync(content, part.content);
      const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', rootPem, '-purpose', 'any', '-out', '/dev/null'];
      const { stderr } = await exec('openssl', args);
      expect(stderr).toContain('Verification successful');
      const tampered = part.content.slice();
      tampered[100]! ^= 1;
      writeFileSync(content, tampered);
      await expect(exec('openssl', args)).rejects.toMatchObject({ stderr: expect.stringContaining('Verification failure') });
    }
  });

  it('negative corpus: wherever pdfsig can tell, it rejects what we reject', async () => {
    const corpus = await negativeCorpus(pki);
    const blind: string[] = [];
    for (const [i, c] of corpus.entries()) {
      const file = join(dir, `bad-${i}.pdf`);
      writeFileSync(file, c.pdf);
      const ours = await verifyPdf(c.pdf, { trustAnchors: pki.anchors, crls: c.crls });
      expect(ours.ok, c.name).toBe(false);
      const theirs = await pdfsig(nss, file);
      const last = theirs[theirs.length - 1];
      const pdfsigAccepts = !!last && theirs.every((s) => s.validation === 'Signature is Valid.' && s.certificate === 'Certificate is Trusted.') && last.total;
      if (c.pdfsigBlind) { expect(pdfsigAccepts, c.name).toBe(true); blind.push(c.name); }
      else expect(pdfsigAccepts, `${c.name}: pdfsig said ${JSON.stringify(theirs)}`).toBe(false);
    }
    expect(blind).toEqual(['revoked certificate (CRL given)']);
  });
});
