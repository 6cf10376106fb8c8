import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { chairAndSeal, draftResolution, testPki } from './testing.ts';
import { verifyPdf } from './verify.ts';
import { documentView, laterObjects, readView, type PdfView } from './verify-reader.ts';
import { findSignatures, revisionEnds } from './verify-structure.ts';

const lastStartxref = (pdf: Uint8Array): number => revisionEnds(pdf).at(-1)!.startxref!;

/** What the verifier reads from a view, in comparable form. */
function summary(view: PdfView): unknown {
  return {
    pages: view.pages().map((p) => p.ref.toString()),
    pageKeys: view.pages().map((p) => p.node.keys().map((k) => k.decodeText()).sort()),
    catalogKeys: view.catalog.keys().map((k) => k.decodeText()).sort(),
    signatures: findSignatures(view).map((s) => ({ field: s.fieldName, ref: s.sigRef?.toString(), byteRange: s.dict.lookup(PDFName.of('ByteRange'))?.toString() })),
  };
}

describe('lazy cross-reference view', () => {
  for (const objectStreams of [false, true]) {
    it(`reads what pdf-lib's whole-file parse reads (${objectStreams ? 'xref streams and object streams' : 'xref tables'})`, async () => {
      const pki = await testPki();
      const { sealed } = await chairAndSeal(pki, await draftResolution({ pages: 3, objectStreams }));
      const lazy = readView(sealed, lastStartxref(sealed));
      const whole = documentView(await PDFDocument.load(sealed, { updateMetadata: false }));
      expect(summary(lazy)).toEqual(summary(whole));
      expect(findSignatures(lazy)).toHaveLength(2);
      expect(lazy.pages()).toHaveLength(3);
    });
  }

  it('lists for the comparison only the objects the later revisions define', async () => {
    const pki = await testPki();
    const { chair, sealed } = await chairAndSeal(pki, await draftResolution({ pages: 3 }));
    const before = readView(sealed, lastStartxref(chair));
    const after = readView(sealed, lastStartxref(sealed));
    const later = laterObjects(before, after, sealed, chair.length).map((r) => r.objectNumber);
    const defined = [...new TextDecoder('latin1').decode(sealed.subarray(chair.length)).matchAll(/(\d+) 0 obj/g)].map((m) => Number(m[1]));
    expect(later).toEqual([...new Set(defined)].sort((x, y) => x - y));
    expect(later.length).toBeLessThan(after.xref!.size / 2);
    // pdf-lib's whole parse has no xref: every object is compared.
    const whole = documentView(await PDFDocument.load(sealed, { updateMetadata: false }));
    expect(laterObjects(documentView(await PDFDocument.load(chair, { updateMetadata: false })), whole, sealed, chair.length)).toHaveLength(whole.context.enumerateIndirectObjects().length);
  });

  it('parses only the objects that are looked up', async () => {
    const pki = await testPki();
    const { sealed } = await chairAndSeal(pki, await draftResolution({ pages: 5 }));
    const content = readView(sealed, lastStartxref(sealed)).pages()[0]!.node.get(PDFName.of('Contents'));
    if (!(content instanceof PDFRef)) throw new Error('page 1 has no content stream reference');
    // Spoil the header of page 1's content stream: parsing it now fails, but finding the signatures never does.
    const text = new TextDecoder('latin1').decode(sealed);
    const header = `\n${content.objectNumber} 0 obj`;
    const at = text.indexOf(header);
    expect(at).toBeGreaterThan(0);
    const spoiled = Uint8Array.from(text.slice(0, at) + header.replace(/\d/g, 'x') + text.slice(at + header.length), (c) => c.charCodeAt(0));
    const view = readView(spoiled, lastStartxref(spoiled));
    expect(findSignatures(view)).toHaveLength(2);
    expect(() => view.context.lookup(content)).toThrow(/does not define it/);
  });

  it('throws on a cross-reference offset that defines no object, and verifyPdf then reads the file whole', async () => {
    const pki = await testPki();
    const { sealed } = await chairAndSeal(pki, await draftResolution({ pages: 2 }));
    const text = new TextDecoder('latin1').decode(sealed);
    const at = text.lastIndexOf('startxref');
    // Point the last startxref one byte off (same length), so the chain cannot be followed.
    const wrong = String(lastStartxref(sealed) + 1).padStart(String(lastStartxref(sealed)).length, '0');
    const broken = Uint8Array.from(text.slice(0, at) + text.slice(at).replace(/startxref\s+\d+/, `startxref\n${wrong}`), (c) => c.charCodeAt(0));
    expect(() => readView(broken, lastStartxref(broken))).toThrow();
    const report = await verifyPdf(broken, { trustAnchors: pki.anchors });
    expect(report.error).toBeUndefined();
    expect(report.signatures.map((s) => s.fieldName)).toHaveLength(2);
  });
});
