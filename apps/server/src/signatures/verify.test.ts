import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councils } from '@hopso/db/schema/index';
import { verificationReportSchema, type VerificationReport } from '@hopso/shared/signature';
import { toPem } from '@hopso/signature/pki';
import { chairAndSeal, negativeCorpus, testPki, type CorpusCase, type TestPki } from '@hopso/signature/testing';
import { createTestApp, type TestApp } from '../testing.ts';

// The negative corpus of packages/signature (the attacks and bad certificates of DESIGN.md), through the
// public verify route: each file is answered 200 with a report that names the specific reason — never a 5xx.
// The test PKI's root and its CRL go into a council's trust store through the admin route, as in production.
describe('POST /api/verify: negative corpus', async () => {
  const pki: TestPki = await testPki();
  const corpus: CorpusCase[] = await negativeCorpus(pki);
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin');
    const [council] = await t.db.select().from(councils);
    for (const [kind, data] of [['root', toPem(pki.root.certificate)], ['crl', toPem(pki.crl, 'X509 CRL')]] as const) {
      const res = await t.request('POST', `/api/councils/${council!.id}/trust-anchors`, { cookie: admin, body: { kind, data } });
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });
  afterAll(async () => { await t.close(); });

  async function verify(pdf: Uint8Array): Promise<VerificationReport> {
    const res = await t.request('POST', '/api/verify', { headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: pdf });
    expect(res.status, await res.clone().text()).toBe(200);
    return verificationReportSchema.parse((await res.json()).report);
  }

  it('accepts the good chair + seal file these cases are made from (the store really trusts the test root)', async () => {
    const report = await verify((await chairAndSeal(pki)).sealed);
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('rejects: %s — with its reason', async (_name, c) => {
    const report = await verify(c.pdf);
    expect(report.ok).toBe(false);
    const first = report.signatures[0]!;
    expect(first.valid).toBe(false);
    const problem = [...first.problems, ...first.modifications].find((p) => p.code === c.expect);
    expect(problem, `${c.expect} in ${JSON.stringify([...first.problems, ...first.modifications].map((p) => p.code))}`).toBeDefined();
    expect(problem!.vi.length).toBeGreaterThan(10);
    expect(problem!.en.length).toBeGreaterThan(10);
  });
});
