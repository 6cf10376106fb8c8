import { AnnotationMode, getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { equalBytes, latin1, sha256 } from './bytes.ts';
import { createCms } from './cms.ts';
import { addDss } from './dss.ts';
import { SignatureError } from './errors.ts';
import { embedCms, preparePdf, signPdf } from './pdf.ts';
import { startTestTsa } from './pki.ts';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { CHAIR_NAME, chairAndSeal, chairAppearance, draftResolution, sealImage, signAs, signatureImage, signerFor, testPki } from './testing.ts';
import { vietnamIso } from './time.ts';
import { verifyPdf } from './verify.ts';

/** The text pdf.js draws on the last page, annotation appearances included. */
async function drawnText(pdf: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: pdf.slice(), useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const list = await (await doc.getPage(doc.numPages)).getOperatorList({ annotationMode: AnnotationMode.ENABLE });
    return list.fnArray.flatMap((fn, i) => fn === OPS.showText
      ? [(list.argsArray[i]![0] as unknown[]).map((g) => (g && typeof g === 'object' && 'unicode' in g ? String(g.unicode) : '')).join('')]
      : []);
  } finally {
    await task.destroy();
  }
}

describe('preparePdf / embedCms', () => {
  it('appends an incremental update whose ByteRange skips exactly the zero-filled /Contents', async () => {
    const draft = await draftResolution();
    const prepared = await preparePdf(draft, { name: CHAIR_NAME, placeholderSize: 8192 });
    const [a, b, c, d] = prepared.byteRange;
    expect(equalBytes(prepared.pdf.subarray(0, draft.length), draft)).toBe(true);
    expect(a).toBe(0);
    expect(c + d).toBe(prepared.pdf.length);
    expect(latin1.decode(prepared.pdf.subarray(b, c))).toBe(`<${'0'.repeat(16384)}>`);
    expect(equalBytes(prepared.digest, await sha256(prepared.pdf.subarray(0, b), prepared.pdf.subarray(c)))).toBe(true);
    expect(latin1.decode(prepared.pdf.subarray(0, b))).toContain(`/ByteRange [0 ${b} ${c} ${d}`);
  });

  it('round-trips: the embedded CMS makes a valid, trusted signature covering the whole file', async () => {
    const pki = await testPki();
    // Within the test certificates' validity, which starts a day before the test runs; whole seconds, as PDF dates are.
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const prepared = await preparePdf(await draftResolution(), { name: CHAIR_NAME, reason: 'Ký ban hành', signingTime });
    const signed = embedCms(prepared, await createCms(signerFor(pki, pki.chair), prepared.digest));
    expect(signed.length).toBe(prepared.pdf.length);
    const report = await verifyPdf(signed, { trustAnchors: pki.anchors });
    expect(report.ok).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ coversWholeDocument: true, signingTime: vietnamIso(signingTime), reason: 'Ký ban hành', signer: { commonName: CHAIR_NAME } });
  });

  it('throws placeholder_too_small when the CMS does not fit', async () => {
    const pki = await testPki();
    const prepared = await preparePdf(await draftResolution(), { placeholderSize: 256 });
    const cms = await createCms(signerFor(pki, pki.chair), prepared.digest);
    expect(() => embedCms(prepared, cms)).toThrow(SignatureError);
  });

  it('signs a file with a cross-reference stream (object streams) as well', async () => {
    const pki = await testPki();
    const signed = await signAs(pki, pki.chair, await draftResolution({ objectStreams: true }), { appearance: chairAppearance });
    expect((await verifyPdf(signed, { trustAnchors: pki.anchors })).ok).toBe(true);
  });
});

describe('seal after the chair (incremental)', () => {
  it('keeps the chair signature valid; only the seal covers the whole file', async () => {
    const pki = await testPki();
    const { chair, sealed } = await chairAndSeal(pki);
    expect(equalBytes(sealed.subarray(0, chair.length), chair)).toBe(true);
    const report = await verifyPdf(sealed, { trustAnchors: pki.anchors });
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => [s.signer?.commonName, s.coversWholeDocument, s.valid, s.modifications.length])).toEqual([
      [CHAIR_NAME, false, true, 0],
      ['HĐND xã Tân Phú', true, true, 0],
    ]);
  });
});

describe('visible appearance (Nghị định 30/2020)', () => {
  it('draws capacity and title in capitals, the Vietnamese name and the time in +07:00 with an embedded font', async () => {
    const pki = await testPki();
    const signed = await signAs(pki, pki.chair, await draftResolution(), { appearance: chairAppearance, signingTime: new Date('2026-12-01T02:00:00Z') });
    const text = await drawnText(signed);
    expect(text).toEqual(expect.arrayContaining(['TM. HỘI ĐỒNG NHÂN DÂN', 'CHỦ TỊCH', CHAIR_NAME, 'HĐND xã Tân Phú', 'Thời gian ký: 2026-12-01T09:00:00+07:00']));
    expect(latin1.decode(signed)).toMatch(/\/FontFile2/);
  });
});

/** Where each image is drawn in the appearance of signature field `index`: name → [x, y, w, h]. */
async function imageBoxes(pdf: Uint8Array, index: number): Promise<{ order: string[]; boxes: Record<string, number[]> }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fields = (doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray));
  const widget = doc.context.lookup(fields.get(index), PDFDict);
  const ap = widget.lookup(PDFName.of('AP'), PDFDict).lookup(PDFName.of('N')) as PDFRawStream;
  const content = latin1.decode(decodePDFRawStream(ap).decode());
  const boxes: Record<string, number[]> = {};
  const order: string[] = [];
  for (const m of content.matchAll(/([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\s*\/(\w+) Do/g)) {
    boxes[m[5]!] = [Number(m[3]), Number(m[4]), Number(m[1]), Number(m[2])];
    order.push(m[5]!);
  }
  return { order, boxes };
}

describe('signature and seal images', () => {
  it('centres the signature image and puts the seal over its left third; a seal-only block with the same rect lands on the same spot', async () => {
    const pki = await testPki();
    const rect: [number, number, number, number] = [320, 60, 240, 160];
    const chair = await signAs(pki, pki.chair, await draftResolution(), { appearance: { ...chairAppearance, rect, signatureImage: signatureImage(), sealImage: sealImage() } });
    const { order, boxes } = await imageBoxes(chair, 0);
    expect(order).toEqual(['Sig', 'Seal']); // the seal is drawn over the signature
    const [sx, , sw] = boxes.Sig!;
    const [kx, , kw] = boxes.Seal!;
    expect(sx! + sw! / 2).toBeCloseTo(rect[2] / 2, 1);
    expect(kx! + kw!).toBeGreaterThan(sx!); // overlaps the signature image…
    expect(kx! + kw!).toBeLessThanOrEqual(sx! + sw! / 2); // …on its left side only
    expect(kx).toBeGreaterThanOrEqual(0); // …and stays inside the block, which clips
    const sealed = await signPdf(chair, signerFor(pki, pki.seal), { name: 'HĐND xã Tân Phú', appearance: { rect, sealImage: sealImage() } });
    expect((await imageBoxes(sealed, 1)).boxes.Seal).toEqual(boxes.Seal);
    expect((await verifyPdf(sealed, { trustAnchors: pki.anchors })).ok).toBe(true);
  });
});

describe('B-T and B-LT', () => {
  it('adds an RFC 3161 signature timestamp from the TSA and the verifier reports it', async () => {
    const pki = await testPki();
    const tsa = await startTestTsa({ issuer: pki.root });
    try {
      const signed = await signPdf(await draftResolution(), signerFor(pki, pki.chair), { tsaUrl: tsa.url });
      expect(tsa.issued()).toBe(1);
      const report = await verifyPdf(signed, { trustAnchors: pki.anchors });
      expect(report.ok).toBe(true);
      expect(report.signatures[0]!.timestamp?.time).toMatch(/\+07:00$/);
      expect(report.signatures[0]!.timestamp?.authority).toContain('Họp Số Test TSA');
      // The same TSA under a root nobody trusts: the timestamp is reported as not valid.
      const stranger = await startTestTsa();
      try {
        const other = await signPdf(await draftResolution(), signerFor(pki, pki.chair), { tsaUrl: stranger.url });
        const r = await verifyPdf(other, { trustAnchors: pki.anchors });
        expect(r.ok).toBe(false);
        expect(r.signatures[0]!.problems.map((p) => p.code)).toContain('timestamp_invalid');
      } finally {
        await stranger.close();
      }
    } finally {
      await tsa.close();
    }
  });

  it('a DSS added later keeps signatures valid, and its CRL is used by the verifier', async () => {
    const pki = await testPki();
    const { sealed } = await chairAndSeal(pki);
    const withDss = await addDss(sealed, { certificates: [pki.intermediate.certificate, pki.root.certificate], crls: [pki.crl] });
    const report = await verifyPdf(withDss, { trustAnchors: pki.anchors });
    expect(report.ok).toBe(true);
    expect(report.signatures.every((s) => !s.coversWholeDocument)).toBe(true);

    const revoked = await addDss(await signAs(pki, pki.revoked, await draftResolution()), { crls: [pki.crl] });
    const bad = await verifyPdf(revoked, { trustAnchors: pki.anchors });
    expect(bad.signatures[0]!.problems.map((p) => p.code)).toContain('certificate_revoked');
  });
});
