// A lazy, cross-reference-driven view of a PDF for the verifier. Loading the whole document with pdf-lib
// parses and copies every object and stream (the signed resolution carries a 300 KB embedded font), while
// verification reads only the trailer, the catalog, the page tree, the form's fields and the signature
// dictionaries. This view reads the xref chain (tables, xref streams, hybrid /XRefStm) from a `startxref`
// and parses an object with pdf-lib's own object parser the first time someone looks it up — the objects a
// viewer would show, the way it finds them. Anything the chain cannot explain throws, and the caller falls
// back to pdf-lib's whole-file parser.
import { Buffer } from 'node:buffer';
import {
  decodePDFRawStream, PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, PDFRef, PDFXRefStreamParser,
  type PDFDocument, type PDFObject,
} from 'pdf-lib';
import { latin1 } from './bytes.ts';

/** What the verifier needs from a parsed PDF, whichever parser produced it. */
export interface PdfView {
  context: PDFContext;
  /** The trailer's /Root (a reference) and /Info, if any. */
  root: PDFObject;
  info: PDFObject | undefined;
  catalog: PDFDict;
  pages(): { ref: PDFRef; node: PDFDict }[];
  /** The cross-reference entries by object number — only in a lazy view (pdf-lib's whole parse ignores them). */
  xref?: Map<number, Entry>;
}

export function documentView(doc: PDFDocument): PdfView {
  return {
    context: doc.context, root: doc.context.trailerInfo.Root as PDFObject, catalog: doc.catalog, info: doc.context.trailerInfo.Info,
    pages: () => doc.getPages().map((p) => ({ ref: p.ref, node: p.node })),
  };
}

type Entry = { kind: 'offset'; offset: number; generation: number } | { kind: 'stream'; stream: number; index: number } | { kind: 'free' };

const MAX_SECTIONS = 1024;

/** Parses one object at `offset` ("N G obj …"); the header must name `objectNumber` (and `generation`). */
function objectAt(bytes: Uint8Array, context: PDFContext, offset: number, objectNumber: number, generation: number | null): PDFObject {
  const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(bytes.subarray(offset, offset + 40)));
  if (!header || Number(header[1]) !== objectNumber || (generation !== null && Number(header[2]) !== generation)) {
    throw new Error(`xref entry of object ${objectNumber} points to offset ${offset}, which does not define it`);
  }
  return PDFObjectParser.forBytes(bytes.subarray(offset + header[0].length), context).parseObject();
}

/**
 * The cross-reference entries reachable from `startxref` (newest first wins) and the newest trailer
 * values. Throws on anything unreadable.
 */
function readXref(bytes: Uint8Array, context: PDFContext, startxref: number): { entries: Map<number, Entry>; root: PDFObject; info: PDFObject | undefined } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map<number, Entry>();
  const add = (n: number, e: Entry): void => { if (!entries.has(n)) entries.set(n, e); };
  let root: PDFObject | undefined;
  let info: PDFObject | undefined;
  const visited = new Set<number>();
  const pending: number[] = [startxref];
  while (pending.length) {
    const offset = pending.shift()!;
    if (visited.has(offset) || visited.size > MAX_SECTIONS || offset < 0 || offset >= bytes.length) throw new Error(`bad cross-reference offset ${offset}`);
    visited.add(offset);
    let trailer: PDFDict;
    if (latin1.decode(bytes.subarray(offset, offset + 4)) === 'xref') {
      const trailerAt = buffer.indexOf('trailer', offset, 'latin1');
      if (trailerAt < 0) throw new Error(`xref table at ${offset} has no trailer`);
      const tokens = latin1.decode(bytes.subarray(offset + 4, trailerAt)).trim().split(/\s+/).filter(Boolean);
      for (let i = 0; i < tokens.length;) {
        const first = Number(tokens[i]); const count = Number(tokens[i + 1]); i += 2;
        if (!Number.isInteger(first) || !Number.isInteger(count) || i + 3 * count > tokens.length) throw new Error(`malformed xref table at ${offset}`);
        for (let k = 0; k < count; k++, i += 3) {
          const type = tokens[i + 2];
          if (type === 'n') add(first + k, { kind: 'offset', offset: Number(tokens[i]), generation: Number(tokens[i + 1]) });
          else if (type === 'f') add(first + k, { kind: 'free' });
          else throw new Error(`malformed xref entry at ${offset}`);
        }
      }
      const parsed = PDFObjectParser.forBytes(bytes.subarray(trailerAt + 7), context).parseObject();
      if (!(parsed instanceof PDFDict)) throw new Error(`trailer at ${trailerAt} is not a dictionary`);
      trailer = parsed;
      // A hybrid file's xref stream comes before /Prev (ISO 32000 7.5.8.4).
      const stm = trailer.get(PDFName.of('XRefStm'));
      if (stm instanceof PDFNumber) pending.unshift(stm.asNumber());
    } else {
      const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(bytes.subarray(offset, offset + 40)));
      if (!header) throw new Error(`no xref table or stream at ${offset}`);
      const stream = objectAt(bytes, context, offset, Number(header[1]), null);
      if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) throw new Error(`object at ${offset} is not an xref stream`);
      for (const e of PDFXRefStreamParser.forStream(stream).parseIntoContext()) {
        const n = e.ref.objectNumber;
        if (e.deleted) add(n, { kind: 'free' });
        else if (e.inObjectStream) add(n, { kind: 'stream', stream: e.offset, index: e.ref.generationNumber });
        else add(n, { kind: 'offset', offset: e.offset, generation: e.ref.generationNumber });
      }
      trailer = stream.dict;
    }
    root ??= trailer.get(PDFName.of('Root'));
    info ??= trailer.get(PDFName.of('Info'));
    const prev = trailer.get(PDFName.of('Prev'));
    if (prev instanceof PDFNumber) pending.push(prev.asNumber());
  }
  if (!root) throw new Error('no /Root in the trailer');
  return { entries, root, info };
}

/** Object number → offset in the decoded object stream, for each object stream read. */
function objectStreamIndex(decoded: Uint8Array, dict: PDFDict): { first: number; offsets: [number, number][] } {
  const first = dict.get(PDFName.of('First')); const n = dict.get(PDFName.of('N'));
  if (!(first instanceof PDFNumber) || !(n instanceof PDFNumber)) throw new Error('object stream without /First or /N');
  const tokens = latin1.decode(decoded.subarray(0, first.asNumber())).trim().split(/\s+/).map(Number);
  const offsets: [number, number][] = [];
  for (let i = 0; i < n.asNumber(); i++) offsets.push([tokens[2 * i]!, tokens[2 * i + 1]!]);
  return { first: first.asNumber(), offsets };
}

/** A view of the revision whose cross-reference section starts at `startxref` (the last one: the file). */
export function readView(bytes: Uint8Array, startxref: number): PdfView {
  const context = PDFContext.create();
  const { entries, root, info } = readXref(bytes, context, startxref);
  const streams = new Map<number, { decoded: Uint8Array; first: number; offsets: [number, number][] }>();
  const parse = (ref: PDFRef): PDFObject | undefined => {
    const entry = entries.get(ref.objectNumber);
    if (!entry || entry.kind === 'free') return undefined;
    if (entry.kind === 'offset') return entry.generation === ref.generationNumber ? objectAt(bytes, context, entry.offset, ref.objectNumber, entry.generation) : undefined;
    if (ref.generationNumber !== 0) return undefined;
    let stream = streams.get(entry.stream);
    if (!stream) {
      const raw = context.lookup(PDFRef.of(entry.stream));
      if (!(raw instanceof PDFRawStream) || raw.dict.get(PDFName.of('Type')) !== PDFName.of('ObjStm')) throw new Error(`object ${ref.objectNumber}: ${entry.stream} is not an object stream`);
      const decoded = decodePDFRawStream(raw).decode();
      stream = { decoded, ...objectStreamIndex(decoded, raw.dict) };
      streams.set(entry.stream, stream);
    }
    const at = stream.offsets[entry.index];
    if (!at || at[0] !== ref.objectNumber) throw new Error(`object ${ref.objectNumber} is not at index ${entry.index} of object stream ${entry.stream}`);
    return PDFObjectParser.forBytes(stream.decoded.subarray(stream.first + at[1]), context).parseObject();
  };
  // pdf-lib's context keeps its objects in this map; filling it on first lookup makes every PDFDict.lookup lazy.
  const cache = new Map<PDFRef, PDFObject | undefined>();
  const lazy = new (class extends Map<PDFRef, PDFObject> {
    override get(ref: PDFRef): PDFObject | undefined {
      if (!cache.has(ref)) { cache.set(ref, undefined); cache.set(ref, parse(ref)); }
      return cache.get(ref);
    }
    override has(ref: PDFRef): boolean { return this.get(ref) !== undefined; }
  })();
  (context as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects = lazy;
  const catalog = context.lookup(root);
  if (!(catalog instanceof PDFDict)) throw new Error('the trailer /Root is not a dictionary');
  return { context, root, info, catalog, pages: () => pageLeaves(context, catalog), xref: entries };
}

/** The page tree's leaves in order (as pdf-lib's traversal, with a guard against cycles). */
function pageLeaves(context: PDFContext, catalog: PDFDict): { ref: PDFRef; node: PDFDict }[] {
  const pages: { ref: PDFRef; node: PDFDict }[] = [];
  const seen = new Set<PDFRef>();
  const walk = (ref: PDFObject | undefined, depth: number): void => {
    if (!(ref instanceof PDFRef) || seen.has(ref) || depth > 64) return;
    seen.add(ref);
    const node = context.lookup(ref);
    if (!(node instanceof PDFDict)) return;
    if (node.get(PDFName.of('Type')) === PDFName.of('Pages')) {
      const kids = node.lookup(PDFName.of('Kids'));
      if (kids instanceof PDFArray) for (const kid of kids.asArray()) walk(kid, depth + 1);
    } else pages.push({ ref, node });
  };
  walk(catalog.get(PDFName.of('Pages')), 0);
  return pages;
}

const sameEntry = (a: Entry | undefined, b: Entry | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The objects that may differ between the signed revision (`before`) and the file (`after`): those whose
 * cross-reference entry changed, those defined in the bytes after `signedEnd` (whatever the xref says), and
 * every object of a changed object stream. Anything else is the very same bytes read the same way — an
 * indirect /Length or a changed container is itself in the list. With a view from pdf-lib's whole parse
 * (no xref), every object.
 */
export function laterObjects(before: PdfView, after: PdfView, bytes: Uint8Array, signedEnd: number): PDFRef[] {
  if (!before.xref || !after.xref) return after.context.enumerateIndirectObjects().map(([ref]) => ref);
  const changed = new Set<number>();
  for (const n of new Set([...before.xref.keys(), ...after.xref.keys()])) if (!sameEntry(before.xref.get(n), after.xref.get(n))) changed.add(n);
  for (const m of latin1.decode(bytes.subarray(signedEnd)).matchAll(/(?<!\d)(\d+)\s+\d+\s+obj\b/g)) changed.add(Number(m[1]));
  for (const xref of [before.xref, after.xref]) {
    for (const [n, e] of xref) if (e.kind === 'stream' && changed.has(e.stream)) changed.add(n);
  }
  return [...changed].filter((n) => n > 0).sort((a, b) => a - b).map((n) => {
    const e = after.xref!.get(n) ?? before.xref!.get(n);
    return PDFRef.of(n, e?.kind === 'offset' ? e.generation : 0);
  });
}
