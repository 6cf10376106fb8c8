// What changed after a signature: the signed revision and the whole file are parsed separately and compared
// object by object (incremental saving and shadow attacks). Allowed: new signature fields and their widgets,
// signature/timestamp dictionaries, the DSS, XMP metadata and the Info dictionary. Anything else — a page's
// content, a swapped catalog or page tree, a redefined font, a freed object, a new non-signature annotation,
// a hidden or changed widget — is reported with what it was.
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { signatureProblem, type SignatureProblem } from '@hopso/shared/signature';
import { equalBytes, latin1 } from './bytes.ts';
import type { PdfView } from './verify-reader.ts';

const CATALOG_ALLOWED = new Set(['AcroForm', 'DSS', 'Metadata', 'Extensions', 'Perms']);
const ACROFORM_ALLOWED = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
const PAGE_ALLOWED = new Set(['Annots']);

function serialize(o: PDFObject | undefined): Uint8Array {
  if (!o) return new Uint8Array();
  const out = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(out, 0);
  return out;
}
const same = (a: PDFObject | undefined, b: PDFObject | undefined): boolean => equalBytes(serialize(a), serialize(b));

/**
 * A signature field (or its widget) that holds a signature. An empty signature field added after signing is
 * not allowed: its appearance could paint over the signed content (a shadow "overlay").
 */
function isSignatureWidget(doc: PdfView, ref: PDFObject): boolean {
  let node = doc.context.lookup(ref);
  let signed = false;
  for (let depth = 0; node instanceof PDFDict && depth < 16; depth++) {
    if (node.get(PDFName.of('V'))) signed = true;
    const ft = node.get(PDFName.of('FT'));
    if (ft instanceof PDFName) return ft.decodeText() === 'Sig' && signed;
    node = node.lookup(PDFName.of('Parent'));
  }
  return false;
}

const refKey = (o: PDFObject): string => (o instanceof PDFRef ? o.toString() : latin1.decode(serialize(o)));
const arrayItems = (doc: PdfView, dict: PDFDict, key: string): PDFObject[] => {
  const a = dict.lookup(PDFName.of(key));
  return a instanceof PDFArray ? a.asArray() : [];
};

function changedKeys(a: PDFDict, b: PDFDict, allowed: Set<string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()].map((k) => k.decodeText()));
  return [...keys].filter((k) => !allowed.has(k) && !same(a.get(PDFName.of(k)), b.get(PDFName.of(k))));
}

/** Objects freed by a classic xref table after `signedEnd`. */
function freedAfter(bytes: Uint8Array, signedEnd: number, before: PdfView): number[] {
  const text = latin1.decode(bytes.subarray(signedEnd));
  const freed: number[] = [];
  for (const section of text.matchAll(/xref\s+((?:\d+\s+\d+\s+(?:\d{10}\s+\d{5}\s+[nf]\s*)+)+)/g)) {
    const tokens = section[1]!.trim().split(/\s+/);
    for (let i = 0; i + 1 < tokens.length;) {
      const first = Number(tokens[i]); const count = Number(tokens[i + 1]); i += 2;
      for (let k = 0; k < count && i + 2 < tokens.length + 1; k++, i += 3) {
        const n = first + k;
        if (tokens[i + 2] === 'f' && n > 0 && before.context.lookup(PDFRef.of(n))) freed.push(n);
      }
    }
  }
  return freed;
}

/**
 * Our parser (pdf-lib) reads objects in file order and keeps the last definition; viewers follow the
 * cross-reference table. In the revisions after `signedEnd` the two must agree, or an attacker could show
 * viewers an object we never compared: no object defined twice in one revision, and every classic xref entry
 * pointing at the definition of its own object.
 */
function xrefMismatches(bytes: Uint8Array, signedEnd: number): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  const text = latin1.decode(bytes.subarray(signedEnd));
  for (const revision of text.split(/(?<=%%EOF)/)) {
    const seen = new Set<string>();
    for (const m of revision.matchAll(/(?<![\d])(\d+)\s+(\d+)\s+obj\b/g)) {
      const key = `${m[1]} ${m[2]} R`;
      if (seen.has(key)) problems.push(signatureProblem('xref_mismatch', { object: key, detail: 'defined twice' }));
      seen.add(key);
    }
    for (const section of revision.matchAll(/xref\s+((?:\d+\s+\d+\s+(?:\d{10}\s+\d{5}\s+[nf]\s*)+)+)/g)) {
      const tokens = section[1]!.trim().split(/\s+/);
      for (let i = 0; i + 1 < tokens.length;) {
        const first = Number(tokens[i]); const count = Number(tokens[i + 1]); i += 2;
        for (let k = 0; k < count && i + 2 < tokens.length + 1; k++, i += 3) {
          if (tokens[i + 2] !== 'n') continue;
          const offset = Number(tokens[i]);
          const at = latin1.decode(bytes.subarray(offset, offset + 24));
          const m = /^(\d+)\s+(\d+)\s+obj\b/.exec(at);
          if (!m || Number(m[1]) !== first + k) problems.push(signatureProblem('xref_mismatch', { object: `${first + k} ${tokens[i + 1] ? Number(tokens[i + 1]) : 0} R`, detail: `entry points to offset ${offset}` }));
        }
      }
    }
  }
  return problems;
}

/**
 * Disallowed changes between `before` (the signed revision) and `after` (the whole file). Catalog, form and
 * pages are compared whole; other objects only among `candidates` — the objects the later revisions define
 * or point elsewhere (verify-reader's laterObjects), every object when the file was parsed whole.
 */
export function findModifications(before: PdfView, after: PdfView, candidates: PDFRef[], bytes: Uint8Array, signedEnd: number): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  const allowedObjects = new Set<string>();

  // Catalog (through the trailer's /Root: a swapped catalog is compared by content).
  const catA = before.catalog; const catB = after.catalog;
  const catalogKeys = changedKeys(catA, catB, CATALOG_ALLOWED);
  if (catalogKeys.length) problems.push(signatureProblem('catalog_changed', { detail: catalogKeys.map((k) => `/${k}`).join(', ') }));
  allowedObjects.add(refKey(after.root));
  const infoB = after.info;
  if (infoB) allowedObjects.add(refKey(infoB));
  for (const key of ['Metadata', 'DSS']) {
    const v = catB.get(PDFName.of(key));
    if (v instanceof PDFRef) allowedObjects.add(v.toString());
  }

  // AcroForm: only more (signature) fields, SigFlags and resources may change.
  const formA = catA.lookup(PDFName.of('AcroForm')); const formB = catB.lookup(PDFName.of('AcroForm'));
  if (formB instanceof PDFDict) {
    const raw = catB.get(PDFName.of('AcroForm'));
    if (raw instanceof PDFRef) allowedObjects.add(raw.toString());
    const fieldsRaw = formB.get(PDFName.of('Fields'));
    if (fieldsRaw instanceof PDFRef) allowedObjects.add(fieldsRaw.toString());
    const keys = formA instanceof PDFDict ? changedKeys(formA, formB, ACROFORM_ALLOWED) : [];
    if (keys.length) problems.push(signatureProblem('form_changed', { detail: keys.map((k) => `/${k}`).join(', ') }));
    const fieldsBefore = new Set(formA instanceof PDFDict ? arrayItems(before, formA, 'Fields').map(refKey) : []);
    const fieldsAfter = arrayItems(after, formB, 'Fields');
    const kept = new Set(fieldsAfter.map(refKey));
    if ([...fieldsBefore].some((f) => !kept.has(f))) problems.push(signatureProblem('form_changed', { detail: 'a field was removed' }));
    for (const f of fieldsAfter) {
      if (fieldsBefore.has(refKey(f))) continue;
      if (!isSignatureWidget(after, f)) problems.push(signatureProblem('form_changed', { detail: 'a non-signature field was added' }));
      else if (f instanceof PDFRef) allowedObjects.add(f.toString());
    }
  } else if (formA instanceof PDFDict) problems.push(signatureProblem('form_changed', { detail: 'the form was removed' }));

  // Pages: same page objects in the same order; per page only /Annots may grow, with signature widgets.
  const pagesA = before.pages(); const pagesB = after.pages();
  const contentStreams = new Map<string, number>();
  if (pagesA.length !== pagesB.length || pagesA.some((p, i) => p.ref !== pagesB[i]!.ref && p.ref.toString() !== pagesB[i]!.ref.toString())) {
    problems.push(signatureProblem('pages_changed', { detail: `${pagesA.length} → ${pagesB.length} pages` }));
  } else {
    pagesB.forEach((pageB, i) => {
      const pageA = pagesA[i]!;
      const n = i + 1;
      allowedObjects.add(pageB.ref.toString());
      for (const c of [pageA.node.get(PDFName.of('Contents')), ...arrayItems(before, pageA.node, 'Contents')]) if (c instanceof PDFRef) contentStreams.set(c.toString(), n);
      const keys = changedKeys(pageA.node, pageB.node, PAGE_ALLOWED);
      if (keys.includes('Contents')) problems.push(signatureProblem('page_content_changed', { page: n }));
      const other = keys.filter((k) => k !== 'Contents');
      if (other.length) problems.push(signatureProblem('page_changed', { page: n, detail: other.map((k) => `/${k}`).join(', ') }));
      const annotsRaw = pageB.node.get(PDFName.of('Annots'));
      if (annotsRaw instanceof PDFRef) allowedObjects.add(annotsRaw.toString());
      const annotsA = new Set(arrayItems(before, pageA.node, 'Annots').map(refKey));
      const annotsB = arrayItems(after, pageB.node, 'Annots');
      const keptAnnots = new Set(annotsB.map(refKey));
      if ([...annotsA].some((a) => !keptAnnots.has(a))) problems.push(signatureProblem('page_changed', { page: n, detail: 'an annotation was removed' }));
      for (const a of annotsB) {
        if (annotsA.has(refKey(a))) continue;
        if (isSignatureWidget(after, a)) { if (a instanceof PDFRef) allowedObjects.add(a.toString()); }
        else problems.push(signatureProblem('annotation_added', { page: n }));
      }
    });
  }
  // Intermediate page-tree nodes may not change either (a swapped /Kids hides pages).
  for (const ref of candidates) {
    const key = ref.toString();
    const objectA = before.context.lookup(ref);
    const objectB = after.context.lookup(ref);
    if (!objectA || allowedObjects.has(key)) continue;
    // Present when signed, gone from the cross-reference chain now (a free entry of an xref stream, a lost entry).
    if (!objectB) { problems.push(signatureProblem('object_freed', { object: key })); continue; }
    if (same(objectA, objectB)) continue;
    if (contentStreams.has(key)) { problems.push(signatureProblem('page_content_changed', { page: contentStreams.get(key)! })); continue; }
    problems.push(signatureProblem(isSignatureObject(objectA) ? 'signature_changed' : 'object_changed', { object: key, field: key, detail: describe(objectA) }));
  }
  for (const n of freedAfter(bytes, signedEnd, before)) problems.push(signatureProblem('object_freed', { object: `${n} 0 R` }));
  problems.push(...xrefMismatches(bytes, signedEnd));
  return dedupe(problems);
}

function isSignatureObject(o: PDFObject): boolean {
  if (!(o instanceof PDFDict)) return false;
  const type = o.get(PDFName.of('Type'));
  const ft = o.get(PDFName.of('FT'));
  return (type instanceof PDFName && ['Sig', 'DocTimeStamp'].includes(type.decodeText())) || (ft instanceof PDFName && ft.decodeText() === 'Sig');
}

function describe(o: PDFObject): string {
  const dict = o instanceof PDFDict ? o : o instanceof PDFStream || o instanceof PDFRawStream ? o.dict : null;
  const type = dict?.get(PDFName.of('Type'));
  const subtype = dict?.get(PDFName.of('Subtype'));
  const kind = [type, subtype].filter((t): t is PDFName => t instanceof PDFName).map((t) => t.decodeText()).join('/');
  return kind ? kind : o instanceof PDFRawStream || o instanceof PDFStream ? 'stream' : o.constructor.name.replace(/^PDF/, '').toLowerCase();
}

function dedupe(problems: SignatureProblem[]): SignatureProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.en) ? false : (seen.add(p.en), true)));
}
