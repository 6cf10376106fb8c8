// The structural half of the verifier: finds the signature fields, and checks each signature's ByteRange
// against the bytes (DESIGN.md's checklist: exactly 4 integers from 0, ascending, in bounds; the gap holds
// exactly `<hex>` of this dictionary's /Contents; the signed part ends at a revision's %%EOF whose xref lies
// inside it). Everything here is a fact about the file; nothing is trusted that the bytes do not show.
import { Buffer } from 'node:buffer';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { signatureProblem, type SignatureProblem } from '@hopso/shared/signature';
import { equalBytes, fromHex, latin1 } from './bytes.ts';
import type { PdfView } from './verify-reader.ts';

export const SUPPORTED_SUBFILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached', 'ETSI.RFC3161'];

export interface FoundSignature {
  fieldName: string;
  fieldRef: PDFRef | null;
  sigRef: PDFRef | null;
  dict: PDFDict;
}

const name = (o: PDFObject | undefined): string | null => (o instanceof PDFName ? o.decodeText() : null);
export const textOf = (o: PDFObject | undefined): string | null =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null;

/** Signature fields with a value: the AcroForm tree (with inherited /FT), then widgets on pages not in it. */
export function findSignatures(doc: PdfView): FoundSignature[] {
  const context = doc.context;
  const found: FoundSignature[] = [];
  const seen = new Set<string>();
  const visit = (ref: PDFObject, parentName: string, inheritedFt: string | null, depth: number): void => {
    if (depth > 32) return;
    const field = context.lookup(ref);
    if (!(field instanceof PDFDict)) return;
    const key = ref instanceof PDFRef ? ref.toString() : '';
    if (key && seen.has(key)) return;
    if (key) seen.add(key);
    const partial = textOf(field.get(PDFName.of('T')));
    const fullName = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ft = name(field.get(PDFName.of('FT'))) ?? inheritedFt;
    const kids = field.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) visit(kid, fullName, ft, depth + 1);
    const v = field.get(PDFName.of('V'));
    if (ft === 'Sig' && v) {
      const dict = context.lookup(v);
      if (dict instanceof PDFDict) found.push({ fieldName: fullName || '(unnamed)', fieldRef: ref instanceof PDFRef ? ref : null, sigRef: v instanceof PDFRef ? v : null, dict });
    }
  };
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'));
  const list = fields instanceof PDFDict ? fields.lookup(PDFName.of('Fields')) : undefined;
  if (list instanceof PDFArray) for (const f of list.asArray()) visit(f, '', null, 0);
  for (const page of doc.pages()) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (annots instanceof PDFArray) for (const a of annots.asArray()) visit(a, '', null, 0);
  }
  return found;
}

const EOF_MARK = Uint8Array.of(0x25, 0x25, 0x45, 0x4f, 0x46); // %%EOF

/** Ends of revisions: the offset just past each `%%EOF` and its end-of-line, with that revision's startxref. */
export function revisionEnds(bytes: Uint8Array): { end: number; startxref: number | null }[] {
  const ends: { end: number; startxref: number | null }[] = [];
  // Native byte search rather than decoding the whole file to a string: this runs on every verification.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buffer.indexOf(EOF_MARK); at >= 0; at = buffer.indexOf(EOF_MARK, at + 1)) {
    let end = at + 5;
    if (bytes[end] === 0x0d) end++;
    if (bytes[end] === 0x0a) end++;
    const before = /startxref\s+(\d+)\s*$/.exec(latin1.decode(bytes.subarray(Math.max(0, at - 40), at)));
    ends.push({ end, startxref: before ? Number(before[1]) : null });
    at += 4;
  }
  return ends;
}

export interface ByteRangeCheck {
  byteRange: [number, number, number, number] | null;
  /** The CMS bytes from the gap (trailing zero padding kept). */
  contents: Uint8Array | null;
  signedEnd: number;
  problems: SignatureProblem[];
}

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

export function checkByteRange(bytes: Uint8Array, dict: PDFDict, ends: { end: number; startxref: number | null }[]): ByteRangeCheck {
  const fail = (code: Parameters<typeof signatureProblem>[0], params: Record<string, string | number> = {}): ByteRangeCheck =>
    ({ byteRange: null, contents: null, signedEnd: 0, problems: [signatureProblem(code, params)] });
  const raw = dict.lookup(PDFName.of('ByteRange'));
  if (!(raw instanceof PDFArray) || raw.size() !== 4) return fail('byterange_malformed', { detail: 'not an array of exactly 4 numbers' });
  const values = raw.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  if (values.some((v) => !Number.isInteger(v) || v < 0)) return fail('byterange_malformed', { detail: 'not 4 non-negative integers' });
  const [a, b, c, d] = values as [number, number, number, number];
  if (a !== 0) return fail('byterange_malformed', { detail: 'does not start at 0' });
  if (!(b > 0 && c > b + 1 && d >= 0)) return fail('byterange_malformed', { detail: 'ranges not ascending' });
  const signedEnd = c + d;
  if (signedEnd > bytes.length) return fail('byterange_not_covering', { detail: `ends at ${signedEnd}, past the end of the file (${bytes.length})` });

  const problems: SignatureProblem[] = [];
  let contents: Uint8Array | null = null;
  const gapOk = bytes[b] === 0x3c && bytes[c - 1] === 0x3e && bytes.subarray(b + 1, c - 1).every(isHex) && /\/Contents\s*$/.test(latin1.decode(bytes.subarray(Math.max(0, b - 16), b)));
  if (!gapOk) problems.push(signatureProblem('byterange_gap'));
  else {
    const gapHex = latin1.decode(bytes.subarray(b + 1, c - 1));
    contents = fromHex(gapHex);
    const declared = dict.get(PDFName.of('Contents'));
    // The usual case is the very same hex text; anything else is compared as bytes.
    const same = declared instanceof PDFHexString && declared.asString() === gapHex;
    const declaredBytes = same ? contents : declared instanceof PDFHexString ? fromHex(declared.asString().replace(/\s/g, '')) : declared instanceof PDFString ? Uint8Array.from(declared.asString(), (ch) => ch.charCodeAt(0)) : null;
    if (!declaredBytes || !equalBytes(declaredBytes, contents)) problems.push(signatureProblem('contents_mismatch'));
  }
  const revision = ends.find((e) => e.end === signedEnd || (e.end > signedEnd && e.end - signedEnd <= 2 && /^[\r\n]*$/.test(latin1.decode(bytes.subarray(signedEnd, e.end)))));
  if (!revision) problems.push(signatureProblem('byterange_not_revision'));
  else if (revision.startxref === null || revision.startxref >= signedEnd || (revision.startxref >= b && revision.startxref < c)) {
    problems.push(signatureProblem('byterange_not_revision'));
  }
  return { byteRange: [a, b, c, d], contents, signedEnd, problems };
}

/** The DER of a CMS without the placeholder's zero padding; null when the length cannot be read. */
export function trimDer(contents: Uint8Array): Uint8Array | null {
  if (contents.length < 2 || contents[0] !== 0x30) return null;
  const first = contents[1]!;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) return null;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + contents[2 + i]!;
    header = 2 + n;
  }
  const end = header + length;
  if (end > contents.length) return null;
  if (contents.subarray(end).some((x) => x !== 0)) return null;
  return contents.subarray(0, end);
}
