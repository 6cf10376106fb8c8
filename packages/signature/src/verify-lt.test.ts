import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDss } from './dss.ts';
import { signPdf } from './pdf.ts';
import { createCrl, createPersonCertificate, startTestTsa, type Issued, type TestTsa } from './pki.ts';
import { cryptoKeySigner } from './signer.ts';
import { CHAIR_NAME, COUNCIL_NAME, draftResolution, signerFor, testPki, type TestPki } from './testing.ts';
import { verifyPdf } from './verify.ts';

const DAY = 86_400_000;
const codes = (r: Awaited<ReturnType<typeof verifyPdf>>) => r.signatures.map((s) => [...s.problems, ...s.modifications].map((p) => p.code));

// Long-term validation (PAdES B-LT): years after signing — the chair's certificate expired, its CA's CRL
// endpoint gone — a file that carries its timestamps and its DSS (certificates, CRLs) still verifies
// with nothing passed from outside but the trust anchors. Validity is judged at the trusted timestamp's
// time (else the dictionary's /M); revocations count only when dated before that time.
describe('verifyPdf: long-term validation from the DSS', () => {
  let pki: TestPki;
  let tsa: TestTsa;
  /** Chair certificates valid for two days around the signing. */
  let good: Issued;
  let revokedBefore: Issued;
  let revokedAfter: Issued;
  let crl: Uint8Array;
  let later: Date;

  const shortLived = (name: string) => createPersonCertificate(pki.intermediate, {
    commonName: name, organisation: COUNCIL_NAME, keys: { privateKey: pki.chair.privateKey, publicKey: pki.chair.publicKey },
    notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + DAY),
  });
  const signerOf = (issued: Issued) => cryptoKeySigner(issued.privateKey, [issued.certificate, pki.intermediate.certificate]);
  /** The chair's signature (B-T when `tsa`), then the DSS with the intermediate's CRL (B-LT). */
  const chairSigned = async (issued: Issued, withTsa = true) => addDss(
    await signPdf(await draftResolution(), signerOf(issued), { name: CHAIR_NAME, ...(withTsa ? { tsaUrl: tsa.url } : {}) }),
    { certificates: [pki.intermediate.certificate, pki.root.certificate, tsa.certificate], crls: [crl] },
  );

  beforeAll(async () => {
    pki = await testPki();
    tsa = await startTestTsa({ issuer: pki.root });
    [good, revokedBefore, revokedAfter] = await Promise.all([shortLived(CHAIR_NAME), shortLived('Revoked Before'), shortLived('Revoked After')]);
    // Issued now, as the DSS keeps it: one revocation before the signatures are timestamped, one after.
    crl = await createCrl(pki.intermediate, [
      { certificate: revokedBefore, date: new Date(Date.now() - 3_600_000) },
      { certificate: revokedAfter, date: new Date(Date.now() + 3_600_000) },
    ]);
    // After the chair's certificate, the CRL's nextUpdate and the seal's certificate have all lapsed.
    later = new Date(Math.max(good.cert.notAfter.value.getTime(), pki.seal.cert.notAfter.value.getTime()) + 400 * DAY);
  });
  afterAll(async () => { await tsa?.close(); });

  it('accepts a chair + seal file with timestamps and DSS after every signer certificate has expired, with no CRL given', async () => {
    const chair = await signPdf(await draftResolution(), signerOf(good), { name: CHAIR_NAME, tsaUrl: tsa.url });
    const withDss = await addDss(chair, { certificates: [pki.intermediate.certificate, pki.root.certificate, tsa.certificate], crls: [crl] });
    const sealed = await signPdf(withDss, signerFor(pki, pki.seal), { name: COUNCIL_NAME, tsaUrl: tsa.url });
    expect(good.cert.notAfter.value.getTime()).toBeLessThan(later.getTime());
    const report = await verifyPdf(sealed, { trustAnchors: pki.anchors, now: later });
    expect(codes(report)).toEqual([[], []]);
    expect(report.ok).toBe(true);
    expect(report.signatures.every((s) => s.timestamp !== null && s.trusted)).toBe(true);
  });

  it('uses the CRL in the DSS: a revocation dated before the timestamp is reported years later', async () => {
    const report = await verifyPdf(await chairSigned(revokedBefore), { trustAnchors: pki.anchors, now: later });
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual([['certificate_revoked']]);
  });

  it('does not count a revocation dated after the trusted timestamp', async () => {
    const report = await verifyPdf(await chairSigned(revokedAfter), { trustAnchors: pki.anchors, now: later });
    expect(codes(report)).toEqual([[]]);
    expect(report.ok).toBe(true);
    // Without a timestamp there is no proof the signature came first: the same revocation counts.
    expect(codes(await verifyPdf(await chairSigned(revokedAfter, false), { trustAnchors: pki.anchors, now: later }))).toEqual([['certificate_revoked']]);
  });

  it('judges validity at the timestamp, not at the claimed /M, when the timestamp is trusted', async () => {
    // /M claims a time inside the validity, but the trusted timestamp proves the signature was made after expiry.
    const expired = await createPersonCertificate(pki.intermediate, {
      commonName: CHAIR_NAME, keys: { privateKey: pki.chair.privateKey, publicKey: pki.chair.publicKey },
      notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - 2 * DAY),
    });
    const backdated = await signPdf(await draftResolution(), signerOf(expired), { name: CHAIR_NAME, signingTime: new Date(Date.now() - 10 * DAY), tsaUrl: tsa.url });
    expect(codes(await verifyPdf(backdated, { trustAnchors: pki.anchors }))).toEqual([['certificate_expired']]);
  });
});
