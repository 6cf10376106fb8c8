// PAdES preparation on the server: preparePdf adds a signature field, its (optionally visible) widget and a
// signature dictionary with a zero-filled /Contents placeholder as an INCREMENTAL UPDATE, so signatures already
// in the file stay valid (the council seal comes after the chair's signature). It returns the ByteRange and
// the SHA-256 the signer must sign; embedCms then writes the CMS into the placeholder without moving a byte.
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { drawAppearance, defaultAppearanceSize, type Appearance } from './appearance.ts';
import { ascii, concatBytes, sha256, toHex } from './bytes.ts';
import { createCms } from './cms.ts';
import { SignatureError } from './errors.ts';
import { appendUpdate, reserveObjectNumbers, type UpdateObject } from './incremental.ts';
import type { Signer } from './signer.ts';
import { pdfDate } from './time.ts';
import { timestampCms } from './tsa.ts';

export type { Appearance } from './appearance.ts';

export interface PrepareOptions {
  /** Written as the signature dictionary's /M (PAdES keeps the time there, not in the CMS). Default now. */
  signingTime?: Date;
  /** /Name: the signer's name as the application shows it. */
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Field name (/T); default "Signature<N>" with the next free N. */
  fieldName?: string;
  /** Bytes reserved for the CMS (the /Contents hex is twice this). Default 16384, 32768 when timestamped. */
  placeholderSize?: number;
  /** A visible signature block (Nghị định 30/2020); invisible when left out. */
  appearance?: Appearance;
  /**
   * Makes this a certification signature (DocMDP): 1 = no change at all afterwards, 2 = form filling and
   * signatures, 3 = also annotations. Only for the first signature of a document.
   */
  certify?: 1 | 2 | 3;
}

export interface PreparedPdf {
  pdf: Uint8Array;
  /** [0, start of "<" of /Contents, end after ">", bytes after it]. */
  byteRange: [number, number, number, number];
  /** SHA-256 over the two byte ranges: what createCms signs (as the message-digest attribute). */
  digest: Uint8Array;
}

export const DEFAULT_PLACEHOLDER = 16_384;
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 0000000000 0000000000 0000000000]';

async function load(pdf: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (cause) {
    const encrypted = cause instanceof Error && /encrypt/i.test(cause.message);
    throw new SignatureError('bad_pdf', encrypted ? 'encrypted PDFs cannot be signed' : 'the PDF cannot be read', { cause });
  }
}

const text = (s: string): string => PDFHexString.fromText(s).toString();

function signatureDictionary(opts: PrepareOptions, placeholderSize: number, signingTime: Date): Uint8Array {
  const entries = [
    '/Type /Sig', '/Filter /Adobe.PPKLite', '/SubFilter /ETSI.CAdES.detached', BYTE_RANGE_PLACEHOLDER,
    `/Contents <${'0'.repeat(placeholderSize * 2)}>`, `/M (${pdfDate(signingTime)})`,
  ];
  if (opts.name) entries.push(`/Name ${text(opts.name)}`);
  if (opts.reason) entries.push(`/Reason ${text(opts.reason)}`);
  if (opts.location) entries.push(`/Location ${text(opts.location)}`);
  if (opts.contactInfo) entries.push(`/ContactInfo ${text(opts.contactInfo)}`);
  if (opts.certify) entries.push(`/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${opts.certify} /V /1.2 >> >>]`);
  entries.push('/Prop_Build << /App << /Name /HopSo >> >>');
  return ascii(`<< ${entries.join(' ')} >>`);
}

/** The array behind `dict[key]`, created when missing; reports the object that changes when it grows. */
function arrayEntry(context: PDFContext, dict: PDFDict, dictRef: PDFRef | undefined, key: string, changed: Map<PDFRef, UpdateObject>): PDFArray {
  const raw = dict.get(PDFName.of(key));
  if (raw instanceof PDFRef) {
    const array = context.lookup(raw, PDFArray);
    changed.set(raw, array);
    return array;
  }
  const array = raw instanceof PDFArray ? raw : context.obj([]);
  dict.set(PDFName.of(key), array);
  if (dictRef) changed.set(dictRef, dict);
  return array;
}

function fieldNames(context: PDFContext, fields: PDFArray): Set<string> {
  const names = new Set<string>();
  for (const item of fields.asArray()) {
    const field = context.lookup(item);
    const t = field instanceof PDFDict ? field.lookup(PDFName.of('T')) : undefined;
    if (t && 'decodeText' in t) names.add((t as PDFHexString).decodeText());
  }
  return names;
}

/** Prepares `pdf` for one signature (see the file comment). Throws SignatureError('bad_pdf') when unreadable. */
export async function preparePdf(pdf: Uint8Array, opts: PrepareOptions = {}): Promise<PreparedPdf> {
  const doc = await load(pdf);
  const context = doc.context;
  const signingTime = opts.signingTime ?? new Date();
  const placeholderSize = opts.placeholderSize ?? DEFAULT_PLACEHOLDER;
  const changed = new Map<PDFRef, UpdateObject>();
  reserveObjectNumbers(context, pdf);
  const firstNew = context.largestObjectNumber + 1;

  const rootRef = context.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new SignatureError('bad_pdf', 'the document catalog is not an indirect object');
  const pages = doc.getPages();
  const pageIndex = opts.appearance?.page ?? pages.length - 1;
  const page = pages[pageIndex];
  if (!page) throw new SignatureError('bad_pdf', `page ${pageIndex + 1} does not exist (${pages.length} pages)`);

  let acroRef = doc.catalog.get(PDFName.of('AcroForm'));
  let acroForm: PDFDict;
  if (acroRef instanceof PDFRef) acroForm = context.lookup(acroRef, PDFDict);
  else if (acroRef instanceof PDFDict) { acroForm = acroRef; acroRef = undefined; changed.set(rootRef, doc.catalog); }
  else {
    acroForm = context.obj({});
    acroRef = context.register(acroForm);
    doc.catalog.set(PDFName.of('AcroForm'), acroRef);
    changed.set(rootRef, doc.catalog);
  }
  const acroFormRef = acroRef instanceof PDFRef ? acroRef : undefined;
  if (acroFormRef) changed.set(acroFormRef, acroForm);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  const fields = arrayEntry(context, acroForm, acroFormRef ?? rootRef, 'Fields', changed);
  const taken = fieldNames(context, fields);
  let fieldName = opts.fieldName;
  for (let n = 1; !fieldName; n++) if (!taken.has(`Signature${n}`)) fieldName = `Signature${n}`;
  if (taken.has(fieldName)) throw new SignatureError('bad_pdf', `a field named ${fieldName} already exists`);

  const sigRef = context.nextRef();
  if (opts.certify) {
    if (taken.size > 0) throw new SignatureError('bad_pdf', 'only a document without form fields or signatures can be certified');
    doc.catalog.set(PDFName.of('Perms'), context.obj({ DocMDP: sigRef }));
    changed.set(rootRef, doc.catalog);
  }
  let rect = [0, 0, 0, 0];
  let apRef: PDFRef;
  if (opts.appearance) {
    const { width: pw } = page.getSize();
    const [x, y, w, h] = opts.appearance.rect ?? [pw - 40 - defaultAppearanceSize.width, 40, defaultAppearanceSize.width, defaultAppearanceSize.height];
    rect = [x, y, x + w, y + h];
    apRef = await drawAppearance(doc, opts.appearance, signingTime, w, h);
  } else {
    apRef = context.register(context.formXObject([], { BBox: [0, 0, 0, 0] }));
  }
  const widget = context.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFHexString.fromText(fieldName), V: sigRef,
    F: 132, P: page.ref, Rect: rect, AP: { N: apRef },
  });
  const widgetRef = context.register(widget);
  fields.push(widgetRef);
  arrayEntry(context, page.node, page.ref, 'Annots', changed).push(widgetRef);
  await doc.flush(); // writes the embedded font and images into the context

  const objects = new Map<PDFRef, UpdateObject>(changed);
  for (const [ref, object] of context.enumerateIndirectObjects()) if (ref.objectNumber >= firstNew) objects.set(ref, object as PDFObject);
  const sigBytes = signatureDictionary(opts, placeholderSize, signingTime);
  objects.set(sigRef, sigBytes);
  const { bytes, offsets } = appendUpdate(pdf, context, objects);

  const sigStart = offsets.get(sigRef.objectNumber)! + `${sigRef.objectNumber} 0 obj\n`.length;
  const sigText = new TextDecoder('latin1').decode(sigBytes);
  const contentsStart = sigStart + sigText.indexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = contentsStart + placeholderSize * 2 + 2;
  const byteRange: PreparedPdf['byteRange'] = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const rangeText = `/ByteRange [${byteRange.join(' ')}]`;
  bytes.set(ascii(rangeText.slice(0, -1).padEnd(BYTE_RANGE_PLACEHOLDER.length - 1, ' ') + ']'), sigStart + sigText.indexOf(BYTE_RANGE_PLACEHOLDER));
  return { pdf: bytes, byteRange, digest: await sha256(bytes.subarray(0, contentsStart), bytes.subarray(contentsEnd)) };
}

/** Writes `cms` (DER) into the prepared placeholder. Throws SignatureError('placeholder_too_small'). */
export function embedCms(prepared: PreparedPdf, cms: Uint8Array): Uint8Array<ArrayBuffer> {
  const [, start, end] = prepared.byteRange;
  const room = end - start - 2;
  const hex = toHex(cms);
  if (hex.length > room) throw new SignatureError('placeholder_too_small', `the CMS needs ${cms.length} bytes; the placeholder holds ${room / 2}`);
  if (prepared.pdf[start] !== 0x3c || prepared.pdf[end - 1] !== 0x3e) throw new Error('the ByteRange does not point at the /Contents placeholder');
  const out = concatBytes([prepared.pdf]);
  out.set(ascii(hex), start + 1);
  return out;
}

export interface SignPdfOptions extends PrepareOptions {
  /** RFC 3161 timestamp authority: makes the signature PAdES B-T. */
  tsaUrl?: string;
}

/** prepare + createCms (+ timestamp) + embed in one call: what the server does for the council seal. */
export async function signPdf(pdf: Uint8Array, signer: Signer, opts: SignPdfOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const prepared = await preparePdf(pdf, { ...opts, placeholderSize: opts.placeholderSize ?? (opts.tsaUrl ? 2 * DEFAULT_PLACEHOLDER : DEFAULT_PLACEHOLDER) });
  let cms = await createCms(signer, prepared.digest);
  if (opts.tsaUrl) cms = await timestampCms(cms, opts.tsaUrl);
  return embedCms(prepared, cms);
}
