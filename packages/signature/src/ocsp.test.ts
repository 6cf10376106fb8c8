import { describe, expect, it } from 'vitest';
import { addDss } from './dss.ts';
import { signPdf } from './pdf.ts';
import { createOcspResponse, createPersonCertificate, startTestTsa } from './pki.ts';
import { cryptoKeySigner } from './signer.ts';
import { CHAIR_NAME, COUNCIL_NAME, draftResolution, testPki } from './testing.ts';
import { verifyPdf } from './verify.ts';

const codes = (r: Awaited<ReturnType<typeof verifyPdf>>) => r.signatures.map((s) => s.problems.map((p) => p.code));

// OCSP responses as revocation evidence: read from the DSS (or given by the caller), never fetched; a
// response counts only when the certificate's issuer (or a responder it authorised) signed it.
describe('verifyPdf: OCSP responses', async () => {
  const pki = await testPki();
  const chair = await createPersonCertificate(pki.intermediate, { commonName: CHAIR_NAME, organisation: COUNCIL_NAME, keys: { privateKey: pki.chair.privateKey, publicKey: pki.chair.publicKey } });
  const signed = await signPdf(await draftResolution(), cryptoKeySigner(chair.privateKey, [chair.certificate, pki.intermediate.certificate]), { name: CHAIR_NAME });
  const hourAgo = new Date(Date.now() - 3_600_000);

  it('reports a revocation from an OCSP response in the DSS, with no CRL anywhere', async () => {
    const withOcsp = await addDss(signed, { ocsps: [await createOcspResponse(pki.intermediate, [{ certificate: chair, revokedAt: hourAgo }])] });
    expect(codes(await verifyPdf(withOcsp, { trustAnchors: pki.anchors }))).toEqual([['certificate_revoked']]);
    // The same file without it is valid: the response is what made the difference.
    expect((await verifyPdf(signed, { trustAnchors: pki.anchors })).ok).toBe(true);
  });

  it('accepts a good status, and a revoked one given by the caller counts like one in the DSS', async () => {
    const good = await addDss(signed, { ocsps: [await createOcspResponse(pki.intermediate, [{ certificate: chair }])] });
    expect((await verifyPdf(good, { trustAnchors: pki.anchors })).ok).toBe(true);
    const given = await verifyPdf(signed, { trustAnchors: pki.anchors, ocsps: [await createOcspResponse(pki.intermediate, [{ certificate: chair, revokedAt: hourAgo }])] });
    expect(codes(given)).toEqual([['certificate_revoked']]);
  });

  it('ignores a "revoked" response that the issuer did not sign (another CA as responder) and one about another certificate', async () => {
    const forged = await createOcspResponse(pki.intermediate, [{ certificate: chair, revokedAt: hourAgo }], { signer: pki.untrustedRoot });
    const other = await createOcspResponse(pki.intermediate, [{ certificate: pki.revoked, revokedAt: hourAgo }]);
    const report = await verifyPdf(await addDss(signed, { ocsps: [forged, other] }), { trustAnchors: pki.anchors });
    expect(codes(report)).toEqual([[]]);
    expect(report.ok).toBe(true);
  });

  it('does not count a revocation dated after a trusted timestamp', async () => {
    const tsa = await startTestTsa({ issuer: pki.root });
    try {
      const stamped = await signPdf(await draftResolution(), cryptoKeySigner(chair.privateKey, [chair.certificate, pki.intermediate.certificate]), { name: CHAIR_NAME, tsaUrl: tsa.url });
      const later = await createOcspResponse(pki.intermediate, [{ certificate: chair, revokedAt: new Date(Date.now() + 3_600_000) }]);
      const withOcsp = await addDss(stamped, { certificates: [tsa.certificate], ocsps: [later] });
      const inTwoHours = new Date(Date.now() + 7_200_000);
      expect(codes(await verifyPdf(withOcsp, { trustAnchors: pki.anchors, now: inTwoHours }))).toEqual([[]]);
      // Without the timestamp, the revocation before "now" counts.
      expect(codes(await verifyPdf(await addDss(signed, { ocsps: [later] }), { trustAnchors: pki.anchors, now: inTwoHours }))).toEqual([['certificate_revoked']]);
    } finally {
      await tsa.close();
    }
  });
});
