// Writes an incremental update (ISO 32000-1 §7.5.6): the original bytes untouched, then the new and changed
// objects, a cross-reference section for just those objects and a trailer whose /Prev points at the previous
// one. Earlier signatures stay valid because the bytes they cover never change. The section has the same
// form as the previous one (classic table or cross-reference stream), as readers expect.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFObject, PDFRef, type PDFContext } from 'pdf-lib';
import { ascii, concatBytes, latin1 } from './bytes.ts';

/** An object to write: a pdf-lib object, or exact bytes (the signature dictionary with its placeholders). */
export type UpdateObject = PDFObject | Uint8Array;

export interface PreviousRevision {
  /** Offset of the last cross-reference section (from the last `startxref`). */
  startxref: number;
  /** Whether that section is a cross-reference stream. */
  xrefStream: boolean;
  /** The /Size of its trailer (or stream dictionary): one more than the highest object number in use. */
  size: number | null;
}

/** Reads the last `startxref` of a file and the kind of section it points to. */
export function previousRevision(pdf: Uint8Array): PreviousRevision {
  const tail = latin1.decode(pdf.subarray(Math.max(0, pdf.length - 2048)));
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) throw new Error('no startxref/%%EOF at the end of the file');
  const startxref = Number(match[1]);
  if (startxref >= pdf.length) throw new Error('startxref points past the end of the file');
  const head = latin1.decode(pdf.subarray(startxref, startxref + 32));
  const xrefStream = !head.startsWith('xref');
  // The trailer (or the xref stream's dictionary) follows; its /Size counts objects pdf-lib does not keep.
  const section = latin1.decode(pdf.subarray(startxref, Math.min(pdf.length, startxref + (xrefStream ? 4096 : 20 * 1024 * 1024))));
  const dict = xrefStream ? section.slice(0, section.indexOf('stream')) : section.slice(section.indexOf('trailer'));
  const size = /\/Size\s+(\d+)/.exec(dict);
  return { startxref, xrefStream, size: size ? Number(size[1]) : null };
}

/**
 * Makes new objects get numbers above every number the file uses. pdf-lib does not register object streams
 * and cross-reference streams in its context, so its largestObjectNumber can be below them; reusing such a
 * number in an update would redefine the object stream that older objects live in.
 */
export function reserveObjectNumbers(context: PDFContext, pdf: Uint8Array): void {
  const { size } = previousRevision(pdf);
  if (size !== null && size - 1 > context.largestObjectNumber) context.largestObjectNumber = size - 1;
}

function objectBytes(ref: PDFRef, object: UpdateObject): Uint8Array {
  const body = object instanceof Uint8Array ? object : (() => {
    const out = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(out, 0);
    return out;
  })();
  return concatBytes([ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`), body, ascii('\nendobj\n')]);
}

/** Consecutive runs of object numbers: [[first, count], …] for the xref subsections. */
function runs(numbers: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of numbers) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

export interface UpdateResult {
  bytes: Uint8Array<ArrayBuffer>;
  /** Where each written object starts, by object number. */
  offsets: Map<number, number>;
}

/**
 * Appends `objects` to `original` as one incremental update. `context` supplies the trailer entries (Root,
 * Info, ID) and the next object number; Encrypt is never carried (encrypted files are refused before this).
 */
export function appendUpdate(original: Uint8Array, context: PDFContext, objects: Map<PDFRef, UpdateObject>): UpdateResult {
  const previous = previousRevision(original);
  const parts: Uint8Array[] = [original];
  let at = original.length;
  const push = (bytes: Uint8Array): void => { parts.push(bytes); at += bytes.length; };
  if (original[original.length - 1] !== 0x0a && original[original.length - 1] !== 0x0d) push(ascii('\n'));

  const offsets = new Map<number, number>();
  const refs = [...objects.keys()].sort((a, b) => a.objectNumber - b.objectNumber);
  const generations = new Map(refs.map((r) => [r.objectNumber, r.generationNumber]));
  for (const ref of refs) {
    offsets.set(ref.objectNumber, at);
    push(objectBytes(ref, objects.get(ref)!));
  }

  const info = context.trailerInfo;
  const trailer = PDFDict.withContext(context);
  if (info.Root) trailer.set(PDFName.of('Root'), info.Root);
  if (info.Info) trailer.set(PDFName.of('Info'), info.Info);
  if (info.ID) trailer.set(PDFName.of('ID'), info.ID);
  trailer.set(PDFName.of('Prev'), PDFNumber.of(previous.startxref));

  const xrefAt = at;
  if (previous.xrefStream) {
    const xrefRef = PDFRef.of(context.largestObjectNumber + 1);
    offsets.set(xrefRef.objectNumber, xrefAt);
    const numbers = [...refs.map((r) => r.objectNumber), xrefRef.objectNumber];
    const entries = new Uint8Array(numbers.length * 7);
    numbers.forEach((n, i) => {
      const offset = offsets.get(n)!;
      const gen = generations.get(n) ?? 0;
      entries.set([1, offset >>> 24, (offset >>> 16) & 0xff, (offset >>> 8) & 0xff, offset & 0xff, gen >> 8, gen & 0xff], i * 7);
    });
    trailer.set(PDFName.of('Type'), PDFName.of('XRef'));
    trailer.set(PDFName.of('Size'), PDFNumber.of(xrefRef.objectNumber + 1));
    trailer.set(PDFName.of('W'), context.obj([1, 4, 2]));
    trailer.set(PDFName.of('Index'), PDFArray.withContext(context));
    for (const [first, count] of runs(numbers)) {
      (trailer.get(PDFName.of('Index')) as PDFArray).push(PDFNumber.of(first));
      (trailer.get(PDFName.of('Index')) as PDFArray).push(PDFNumber.of(count));
    }
    trailer.set(PDFName.of('Length'), PDFNumber.of(entries.length));
    push(concatBytes([ascii(`${xrefRef.objectNumber} 0 obj\n${trailer.toString()}\nstream\n`), entries, ascii('\nendstream\nendobj\n')]));
  } else {
    trailer.set(PDFName.of('Size'), PDFNumber.of(context.largestObjectNumber + 1));
    let table = 'xref\n';
    for (const [first, count] of runs(refs.map((r) => r.objectNumber))) {
      table += `${first} ${count}\n`;
      for (let n = first; n < first + count; n++) table += `${String(offsets.get(n)).padStart(10, '0')} ${String(generations.get(n) ?? 0).padStart(5, '0')} n\r\n`;
    }
    push(ascii(`${table}trailer\n${trailer.toString()}\n`));
  }
  push(ascii(`startxref\n${xrefAt}\n%%EOF\n`));
  return { bytes: concatBytes(parts), offsets };
}
