// PAdES B-LT: the Document Security Store (ISO 32000-2 §12.8.4.3) — the certificates, CRLs and OCSP responses
// a verifier needs years later, added as an incremental update so every signature stays valid.
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { SignatureError } from './errors.ts';
import { appendUpdate, reserveObjectNumbers, type UpdateObject } from './incremental.ts';

export interface DssMaterial {
  certificates?: Uint8Array[];
  crls?: Uint8Array[];
  ocsps?: Uint8Array[];
}

/** Adds (or extends) the DSS with `material`, as an incremental update. */
export async function addDss(pdf: Uint8Array, material: DssMaterial): Promise<Uint8Array<ArrayBuffer>> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (cause) {
    throw new SignatureError('bad_pdf', 'the PDF cannot be read', { cause });
  }
  const context = doc.context;
  reserveObjectNumbers(context, pdf);
  const rootRef = context.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new SignatureError('bad_pdf', 'the document catalog is not an indirect object');
  const objects = new Map<PDFRef, UpdateObject>();
  const existing = doc.catalog.get(PDFName.of('DSS'));
  let dss: PDFDict;
  if (existing instanceof PDFRef) { dss = context.lookup(existing, PDFDict); objects.set(existing, dss); }
  else {
    dss = existing instanceof PDFDict ? existing : context.obj({});
    const ref = context.register(dss);
    doc.catalog.set(PDFName.of('DSS'), ref);
    objects.set(rootRef, doc.catalog);
    objects.set(ref, dss);
  }
  const add = (key: string, items: Uint8Array[] | undefined): void => {
    if (!items?.length) return;
    const current = dss.lookup(PDFName.of(key));
    const array = current instanceof PDFArray ? current : context.obj([]);
    const raw = dss.get(PDFName.of(key));
    if (raw instanceof PDFRef) objects.set(raw, array);
    else dss.set(PDFName.of(key), array);
    for (const item of items) {
      const stream = context.flateStream(item);
      const ref = context.register(stream);
      objects.set(ref, stream);
      array.push(ref);
    }
  };
  add('Certs', material.certificates);
  add('CRLs', material.crls);
  add('OCSPs', material.ocsps);
  return appendUpdate(pdf, context, objects).bytes;
}
