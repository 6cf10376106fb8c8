import { describe, expect, it } from 'vitest';
import { verificationReportSchema } from '@hopso/shared/signature';
import { signPdf } from './pdf.ts';
import { chairAndSeal, draftResolution, negativeCorpus, signAs, signerFor, testPki, type CorpusCase } from './testing.ts';
import { verifyPdf } from './verify.ts';

const codes = (r: Awaited<ReturnType<typeof verifyPdf>>): string[] =>
  r.error ? [r.error.code] : r.signatures.flatMap((s) => [...s.problems, ...s.modifications].map((p) => p.code));

describe('verifyPdf: negative corpus', async () => {
  const pki = await testPki();
  const corpus: CorpusCase[] = await negativeCorpus(pki);

  it.each(corpus.map((c) => [c.name, c] as const))('rejects: %s', async (_name, c) => {
    const report = await verifyPdf(c.pdf, { trustAnchors: pki.anchors, crls: c.crls });
    expect(verificationReportSchema.parse(report)).toEqual(report);
    expect(report.ok).toBe(false);
    expect(report.signatures[0]?.valid).toBe(false);
    expect(codes(report)).toContain(c.expect);
    const problem = report.signatures[0]!.problems.concat(report.signatures[0]!.modifications).find((p) => p.code === c.expect)!;
    expect(problem.vi.length).toBeGreaterThan(10);
    expect(problem.en.length).toBeGreaterThan(10);
  });
});

describe('verifyPdf', () => {
  it('accepts the chair + seal file, trusting the root or only the intermediate', async () => {
    const pki = await testPki();
    const { sealed } = await chairAndSeal(pki);
    expect((await verifyPdf(sealed, { trustAnchors: [pki.root.certificate] })).ok).toBe(true);
    expect((await verifyPdf(sealed, { trustAnchors: [pki.intermediate.certificate] })).ok).toBe(true);
    const untrusted = await verifyPdf(sealed, { trustAnchors: [pki.untrustedRoot.certificate] });
    expect(untrusted.ok).toBe(false);
    expect(untrusted.signatures.every((s) => s.integrity && !s.trusted)).toBe(true);
  });

  it('is not ok for a PDF without signatures, and says unreadable for what is not a PDF', async () => {
    const pki = await testPki();
    const unsigned = await verifyPdf(await draftResolution(), { trustAnchors: pki.anchors });
    expect(unsigned).toMatchObject({ ok: false, signatures: [] });
    expect(unsigned.error).toBeUndefined();
    const junk = await verifyPdf(new TextEncoder().encode('hello, this is not a PDF'), { trustAnchors: pki.anchors });
    expect(junk.ok).toBe(false);
    expect(junk.error?.code).toBe('unreadable_pdf');
  });

  it('flags bytes appended after the last %%EOF', async () => {
    const pki = await testPki();
    const { sealed } = await chairAndSeal(pki);
    const tail = new TextEncoder().encode('\n4 0 obj (garbage) endobj\n');
    const appended = new Uint8Array(sealed.length + tail.length);
    appended.set(sealed);
    appended.set(tail, sealed.length);
    const report = await verifyPdf(appended, { trustAnchors: pki.anchors });
    expect(report.ok).toBe(false);
    expect(codes(report)).toContain('unsigned_data');
  });
});

describe('verifyPdf: certification (DocMDP)', () => {
  it('P=1 forbids any later signature; P=2 allows the seal', async () => {
    const pki = await testPki();
    const draft = await draftResolution();
    for (const [level, ok] of [[1, false], [2, true]] as const) {
      const certified = await signAs(pki, pki.chair, draft, { certify: level });
      expect((await verifyPdf(certified, { trustAnchors: pki.anchors })).ok).toBe(true);
      const sealed = await signPdf(certified, signerFor(pki, pki.seal), { name: 'HĐND xã Tân Phú' });
      const report = await verifyPdf(sealed, { trustAnchors: pki.anchors });
      expect(report.ok, `P=${level}`).toBe(ok);
      expect(report.signatures[0]!.modifications.map((m) => m.code)).toEqual(ok ? [] : ['docmdp_violation']);
    }
  });
});
