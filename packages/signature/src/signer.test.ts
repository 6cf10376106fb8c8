import { describe, expect, it } from 'vitest';
import { createCms } from './cms.ts';
import { signPdf } from './pdf.ts';
import { cscSigner, fakeCscService } from './remote-testing.ts';
import { CHAIR_NAME, COUNCIL_NAME, chairAppearance, draftResolution, testPki } from './testing.ts';
import { verifyPdf } from './verify.ts';

// The Signer seam takes another kind of key holder: a remote-signing service (CSC-style, in-process here)
// signs the chair's signature and the council seal, the caller never holding either key.
describe('Signer: a remote (CSC-style) signing service behind the interface', () => {
  it('signs the chair\'s signature and the seal; the file verifies like one signed with local keys', async () => {
    const pki = await testPki();
    const chairService = await fakeCscService(pki.intermediate, { commonName: CHAIR_NAME, organisation: COUNCIL_NAME }, '246810');
    const sealService = await fakeCscService(pki.intermediate, { commonName: COUNCIL_NAME }, '135790');
    const chair = cscSigner(chairService, chairService.credentialID, '246810');
    const seal = cscSigner(sealService, sealService.credentialID, '135790');

    const chairSigned = await signPdf(await draftResolution(), chair, { name: CHAIR_NAME, appearance: chairAppearance });
    const sealed = await signPdf(chairSigned, seal, { name: COUNCIL_NAME });
    const report = await verifyPdf(sealed, { trustAnchors: pki.anchors });
    expect(report.signatures.map((s) => [...s.problems, ...s.modifications].map((p) => p.code))).toEqual([[], []]);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.signer?.commonName)).toEqual([CHAIR_NAME, COUNCIL_NAME]);

    // What crossed the "network": the chain request, then per signature one authorisation and one signHash,
    // each carrying a single 32-byte hash — never a document, never a key.
    for (const service of [chairService, sealService]) {
      const requests = service.received.map((r) => JSON.parse(r) as { hashes?: string[] });
      expect(requests).toHaveLength(3);
      expect(requests[0]).toEqual({ credentialID: service.credentialID });
      for (const r of requests.slice(1)) expect(r.hashes!.map((h) => Buffer.from(h, 'base64').length)).toEqual([32]);
      expect(service.received.join('').length).toBeLessThan(2000);
    }
  });

  it('a refused PIN fails the signing with the service\'s reason, and no signature is made', async () => {
    const pki = await testPki();
    const service = await fakeCscService(pki.intermediate, { commonName: CHAIR_NAME, organisation: COUNCIL_NAME }, '246810');
    const wrong = cscSigner(service, service.credentialID, '000000');
    await expect(createCms(wrong, new Uint8Array(32))).rejects.toMatchObject({ error: 'invalid_pin' });
    expect(service.received.some((r) => r.includes('"SAD"'))).toBe(false);
  });

  it('a signature from the remote key over other bytes does not pass as the document\'s', async () => {
    const pki = await testPki();
    const service = await fakeCscService(pki.intermediate, { commonName: CHAIR_NAME, organisation: COUNCIL_NAME }, '246810');
    // An adapter that signs the wrong data (a bug or a compromised bridge) is caught by the verifier.
    const honest = cscSigner(service, service.credentialID, '246810');
    const confused = { certificateChain: honest.certificateChain, sign: (data: Uint8Array) => honest.sign(data.slice(1)) };
    const report = await verifyPdf(await signPdf(await draftResolution(), confused, { name: CHAIR_NAME }), { trustAnchors: pki.anchors });
    expect(report.ok).toBe(false);
    expect(report.signatures[0]!.problems.map((p) => p.code)).toContain('signature_invalid');
  });
});
