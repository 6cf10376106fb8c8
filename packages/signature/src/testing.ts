// Test material made on the spot (no files from elsewhere): a PKI with every broken variant the verifier
// must reject, a small draft resolution, signed files, and the negative corpus of DESIGN.md's attacks.
// Used by the unit tests here, the CLI tests, tests/interop and the verify benchmark.
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, PDFRef, StandardFonts, type PDFDict } from 'pdf-lib';
import { ascii, latin1 } from './bytes.ts';
import { createCms } from './cms.ts';
import { appendUpdate, type UpdateObject } from './incremental.ts';
import { embedCms, preparePdf, signPdf, type SignPdfOptions } from './pdf.ts';
import {
  createCrl, createIntermediateCa, createOrganisationCertificate, createPersonCertificate, createRootCa, generateKeys,
  issueCertificate, toPkcs12, type Issued,
} from './pki.ts';
import { cryptoKeySigner, type Signer } from './signer.ts';

const DAY = 86_400_000;

export interface TestPki {
  root: Issued;
  intermediate: Issued;
  chair: Issued;
  seal: Issued;
  expired: Issued;
  notYetValid: Issued;
  revoked: Issued;
  wrongUsage: Issued;
  selfSigned: Issued;
  untrustedRoot: Issued;
  /** A chair-like certificate under untrustedRoot. */
  untrusted: Issued;
  /** CRL of the intermediate listing `revoked`. */
  crl: Uint8Array<ArrayBuffer>;
  /** What a verifier configured for this PKI trusts. */
  anchors: Uint8Array[];
}

export const CHAIR_NAME = 'Nguyễn Văn An';
export const COUNCIL_NAME = 'HĐND xã Tân Phú';
export const P12_PASSPHRASE = 'Mật-khẩu 2026';

let cached: Promise<TestPki> | null = null;

/** One PKI per process (RSA key generation is the slow part): the chair's key is reused by its variants. */
export function testPki(): Promise<TestPki> {
  cached ??= (async () => {
    const root = await createRootCa();
    const intermediate = await createIntermediateCa(root);
    const chairKeys = await generateKeys();
    const person = (extra: Partial<Parameters<typeof createPersonCertificate>[1]> = {}): Promise<Issued> =>
      createPersonCertificate(intermediate, { commonName: CHAIR_NAME, organisation: COUNCIL_NAME, keys: chairKeys, ...extra });
    const untrustedRoot = await createRootCa('Untrusted Root CA', 'Somebody Else');
    const [chair, seal, expired, notYetValid, revoked, wrongUsage, selfSigned, untrusted] = await Promise.all([
      person(),
      createOrganisationCertificate(intermediate, { commonName: COUNCIL_NAME }),
      person({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 2 * DAY) }),
      person({ notBefore: new Date(Date.now() + 30 * DAY), notAfter: new Date(Date.now() + 400 * DAY) }),
      person(),
      person({ keyUsage: ['keyEncipherment'] }),
      issueCertificate({ commonName: CHAIR_NAME, organisation: COUNCIL_NAME, keys: chairKeys }),
      createPersonCertificate(untrustedRoot, { commonName: CHAIR_NAME, organisation: COUNCIL_NAME, keys: chairKeys }),
    ]);
    const crl = await createCrl(intermediate, [{ certificate: revoked }]);
    return { root, intermediate, chair, seal, expired, notYetValid, revoked, wrongUsage, selfSigned, untrustedRoot, untrusted, crl, anchors: [root.certificate] };
  })();
  return cached;
}

/** A Signer for `issued` with the test chain (the untrusted one under its own root). */
export function signerFor(pki: TestPki, issued: Issued): Signer {
  const issuer = issued === pki.untrusted ? pki.untrustedRoot : issued === pki.selfSigned ? null : pki.intermediate;
  return cryptoKeySigner(issued.privateKey, issuer ? [issued.certificate, issuer.certificate] : [issued.certificate]);
}

export const chairP12 = async (pki: TestPki): Promise<Uint8Array> =>
  toPkcs12(pki.chair.privateKey, [pki.chair.certificate, pki.intermediate.certificate, pki.root.certificate], P12_PASSPHRASE);

export const AMOUNT_TEXT = 'Tong du toan: 1250000000 dong';

/**
 * A draft resolution of `pages` pages with plain (uncompressed) content streams, so a test can change one
 * figure in the text. Classic xref table by default; `objectStreams` gives a cross-reference stream instead.
 */
export async function draftResolution(opts: { pages?: number; objectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= (opts.pages ?? 2); n++) {
    const page = doc.addPage([595.28, 841.89]);
    const lines = [`NGHI QUYET 12/NQ-HDND - trang ${n}`, n === 1 ? AMOUNT_TEXT : `Dieu ${n}. Noi dung cua dieu ${n}.`, ...Array.from({ length: 30 }, (_, i) => `Khoan ${i + 1}. Van ban thu nghiem cho trang ${n}.`)];
    const ops = lines.map((l, i) => `BT /F1 11 Tf 72 ${780 - i * 20} Td (${l}) Tj ET`).join('\n');
    page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font.ref } }));
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(ops)));
  }
  return doc.save({ useObjectStreams: opts.objectStreams ?? false });
}

/**
 * A transparent RGBA PNG of `width`×`height` where `paint(x, y)` gives the colour of each pixel ([r, g, b, a])
 * — handwriting and seal stand-ins for appearance tests.
 */
export function makePng(width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(paint(x, y), y * (width * 4 + 1) + 1 + x * 4);
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(ascii(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { png.set(p, at); at += p.length; }
  return png;
}

/** A blue scribble on transparent ground (the signature) and a red ring (the seal). */
export const signatureImage = (): Uint8Array => makePng(300, 100, (x, y) => Math.abs(y - 50 - 30 * Math.sin(x / 25)) < 3 ? [20, 40, 160, 255] : [0, 0, 0, 0]);
export const sealImage = (): Uint8Array => makePng(120, 120, (x, y) => { const r = Math.hypot(x - 60, y - 60); return r < 58 && r > 50 || r < 30 && r > 27 ? [200, 20, 20, 255] : [0, 0, 0, 0]; });

export const chairAppearance = { capacity: 'TM. Hội đồng nhân dân', title: 'Chủ tịch', signerName: CHAIR_NAME, organisation: COUNCIL_NAME } as const;

export async function signAs(pki: TestPki, issued: Issued, pdf: Uint8Array, opts: SignPdfOptions = {}): Promise<Uint8Array> {
  return signPdf(pdf, signerFor(pki, issued), { name: CHAIR_NAME, reason: 'Ký ban hành nghị quyết', ...opts });
}

/** The product's normal output: chair's visible signature, then the council seal as an incremental update. */
export async function chairAndSeal(pki: TestPki, draft?: Uint8Array): Promise<{ chair: Uint8Array; sealed: Uint8Array }> {
  const chair = await signAs(pki, pki.chair, draft ?? await draftResolution(), { appearance: chairAppearance });
  const sealed = await signPdf(chair, signerFor(pki, pki.seal), { name: COUNCIL_NAME, reason: 'Đóng dấu cơ quan' });
  return { chair, sealed };
}

/** Byte offsets of the last signature's ByteRange numbers text ("/ByteRange [0 a b c   ]"). */
function lastByteRange(pdf: Uint8Array): { at: number; text: string; values: number[] } {
  const text = latin1.decode(pdf);
  const at = text.lastIndexOf('/ByteRange [');
  const end = text.indexOf(']', at) + 1;
  const slice = text.slice(at, end);
  return { at, text: slice, values: slice.slice(12, -1).trim().split(/\s+/).map(Number) };
}

function withByteRange(pdf: Uint8Array, values: number[]): Uint8Array {
  const { at, text } = lastByteRange(pdf);
  const out = pdf.slice();
  const next = `/ByteRange [${values.join(' ')}]`;
  if (next.length > text.length) throw new Error('ByteRange text grew');
  out.set(ascii(next.slice(0, -1).padEnd(text.length - 1, ' ') + ']'), at);
  return out;
}

/** Appends an incremental update made by `change` on a pdf-lib copy (what an attacker's editor does). */
async function appendChange(pdf: Uint8Array, change: (doc: PDFDocument) => Map<PDFRef, UpdateObject>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return appendUpdate(pdf, doc.context, change(doc)).bytes;
}

export interface CorpusCase {
  name: string;
  pdf: Uint8Array;
  /** The problem or modification code verifyPdf must report. */
  expect: string;
  crls?: Uint8Array[];
  /** Why poppler's pdfsig cannot see this one (it then reports the file as fine); unset when it can. */
  pdfsigBlind?: string;
}

/** DESIGN.md's attacks and bad certificates, each built from a good signed file. */
export async function negativeCorpus(pki: TestPki): Promise<CorpusCase[]> {
  const draft = await draftResolution();
  const signed = await signAs(pki, pki.chair, draft);
  const text = latin1.decode(signed);
  const cases: CorpusCase[] = [];

  const changed = signed.slice();
  changed.set(ascii('9'), text.indexOf(AMOUNT_TEXT) + AMOUNT_TEXT.indexOf('1250'));
  cases.push({ name: 'one byte changed inside the signed range', pdf: changed, expect: 'digest_mismatch' });

  const [, b, c, d] = lastByteRange(signed).values as [number, number, number, number];
  cases.push({ name: 'ByteRange beyond the end of the file', pdf: withByteRange(signed, [0, b, c, d + 1000]), expect: 'byterange_not_covering' });
  cases.push({ name: 'ByteRange stopping short of the end', pdf: withByteRange(signed, [0, b, c, d - 40]), expect: 'byterange_not_revision' });

  cases.push({
    name: 'incremental update adds page content after signing', expect: 'page_content_changed',
    pdf: await appendChange(signed, (doc) => {
      const page = doc.getPages()[0]!;
      const stream = doc.context.stream(`BT /F1 11 Tf 72 760 Td (${AMOUNT_TEXT.replace('1250', '9250')}) Tj ET`);
      const ref = doc.context.register(stream);
      const before = page.node.get(PDFName.of('Contents'))!;
      page.node.set(PDFName.of('Contents'), doc.context.obj([before, ref]));
      return new Map<PDFRef, UpdateObject>([[page.ref, page.node], [ref, stream]]);
    }),
  });
  cases.push({
    name: 'incremental update swaps the catalog', expect: 'catalog_changed',
    pdf: await appendChange(signed, (doc) => {
      const catalog = doc.catalog.clone(doc.context) as PDFDict;
      const pages = doc.context.lookup(catalog.get(PDFName.of('Pages')) as PDFRef) as PDFDict;
      const newPages = pages.clone(doc.context);
      newPages.set(PDFName.of('Count'), doc.context.obj(1));
      newPages.set(PDFName.of('Kids'), doc.context.obj([doc.getPages()[1]!.ref]));
      const pagesRef = doc.context.register(newPages);
      catalog.set(PDFName.of('Pages'), pagesRef);
      const catalogRef = doc.context.register(catalog);
      doc.context.trailerInfo.Root = catalogRef;
      return new Map<PDFRef, UpdateObject>([[pagesRef, newPages], [catalogRef, catalog]]);
    }),
  });
  cases.push({
    name: 'incremental update adds an annotation over the text', expect: 'annotation_added',
    pdf: await appendChange(signed, (doc) => {
      const page = doc.getPages()[0]!;
      const annot = doc.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [60, 740, 400, 770], Contents: 'Tong du toan: 9250000000 dong', DA: '/Helv 11 Tf 0 g' });
      const ref = doc.context.register(annot);
      const annots = page.node.lookup(PDFName.of('Annots'));
      page.node.set(PDFName.of('Annots'), doc.context.obj([...(annots && 'asArray' in annots ? (annots as { asArray(): PDFRef[] }).asArray() : []), ref]));
      return new Map<PDFRef, UpdateObject>([[page.ref, page.node], [ref, annot]]);
    }),
  });

  cases.push({
    name: 'incremental update adds an empty signature field painting over the text', expect: 'annotation_added',
    pdf: await appendChange(signed, (doc) => {
      const page = doc.getPages()[0]!;
      const overlay = doc.context.register(doc.context.stream('1 1 1 rg 0 0 340 30 re f 0 g BT /Helv 11 Tf 2 10 Td (Tong du toan: 9250000000 dong) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 340, 30] }));
      const widget = doc.context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: 'Overlay', F: 4, P: page.ref, Rect: [60, 740, 400, 770], AP: { N: overlay } });
      const ref = doc.context.register(widget);
      const annots = page.node.lookup(PDFName.of('Annots'));
      page.node.set(PDFName.of('Annots'), doc.context.obj([...(annots && 'asArray' in annots ? (annots as { asArray(): PDFRef[] }).asArray() : []), ref]));
      return new Map<PDFRef, UpdateObject>([[page.ref, page.node], [ref, widget], [overlay, doc.context.lookup(overlay)!]]);
    }),
  });

  // Shadow definition: the xref sends viewers to a changed content stream; a later copy of the original
  // (what a parser reading in file order keeps) sits after it.
  {
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const contentRef = doc.getPages()[0]!.node.get(PDFName.of('Contents')) as PDFRef;
    const original = doc.context.lookup(contentRef) as PDFRawStream;
    const stream = (data: string): string => `${contentRef.objectNumber} 0 obj\n<< /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`;
    const forged = stream(latin1.decode(original.contents).replace('1250', '9250'));
    const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1];
    const at = signed.length;
    const trailer = `xref\n${contentRef.objectNumber} 1\n${String(at).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${doc.context.largestObjectNumber + 1} /Root ${doc.context.trailerInfo.Root!.toString()} /Prev ${prev} >>\n`;
    const body = forged + stream(latin1.decode(original.contents));
    const update = ascii(`${body}${trailer}startxref\n${at + body.length}\n%%EOF\n`);
    const shadowed = new Uint8Array(signed.length + update.length);
    shadowed.set(signed);
    shadowed.set(update, signed.length);
    cases.push({ name: 'incremental update whose xref points at a shadow definition', pdf: shadowed, expect: 'xref_mismatch' });
  }

  // Signature wrapping: the ByteRange is moved so that its gap also hides injected bytes.
  const injected = ascii('\n% 1 0 obj << /Type /Catalog /Pages 99 0 R >> endobj (bytes hidden in the gap)\n');
  const wrapped = new Uint8Array(signed.length + injected.length);
  wrapped.set(signed.subarray(0, c));
  wrapped.set(injected, c);
  wrapped.set(signed.subarray(c), c + injected.length);
  cases.push({ name: 'signature wrapping (moved ByteRange)', pdf: withByteRange(wrapped, [0, b, c + injected.length, d]), expect: 'byterange_gap' });

  // A second /Contents in the signature dictionary: the parser sees another value than the gap holds.
  const prop = '/Prop_Build << /App << /Name /HopSo >> >>';
  const second = `/Contents <${'ab'.repeat(Math.floor((prop.length - 12) / 2))}>`.padEnd(prop.length, ' ');
  const twice = signed.slice();
  twice.set(ascii(second), text.lastIndexOf(prop));
  cases.push({ name: 'a second /Contents', pdf: twice, expect: 'contents_mismatch' });

  const prepared = await preparePdf(draft, { name: CHAIR_NAME });
  const other = await preparePdf(await draftResolution({ pages: 3 }), { name: CHAIR_NAME });
  cases.push({ name: 'not a CMS in /Contents', pdf: embedCms(prepared, Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x05])), expect: 'signature_unreadable' });
  cases.push({ name: 'CMS over another document', pdf: embedCms(prepared, await createCms(signerFor(pki, pki.chair), other.digest)), expect: 'digest_mismatch' });

  cases.push({ name: 'expired certificate', pdf: await signAs(pki, pki.expired, draft), expect: 'certificate_expired' });
  cases.push({ name: 'certificate not yet valid', pdf: await signAs(pki, pki.notYetValid, draft), expect: 'certificate_not_yet_valid' });
  cases.push({ name: 'revoked certificate (CRL given)', pdf: await signAs(pki, pki.revoked, draft), expect: 'certificate_revoked', crls: [pki.crl], pdfsigBlind: 'pdfsig gets no CRL' });
  cases.push({ name: 'certificate under an untrusted root', pdf: await signAs(pki, pki.untrusted, draft), expect: 'certificate_untrusted' });
  // The CMS may carry any certificates: a trusted CA's certificate after the signer's must not lend it trust.
  const smuggler = cryptoKeySigner(pki.untrusted.privateKey, [pki.untrusted.certificate, pki.untrustedRoot.certificate, pki.intermediate.certificate]);
  cases.push({ name: 'untrusted signer with a trusted CA certificate added to the CMS', pdf: await signPdf(draft, smuggler, { name: CHAIR_NAME }), expect: 'certificate_untrusted' });
  cases.push({ name: 'self-signed certificate', pdf: await signAs(pki, pki.selfSigned, draft), expect: 'certificate_untrusted' });
  cases.push({ name: 'certificate without a signing key usage', pdf: await signAs(pki, pki.wrongUsage, draft), expect: 'key_usage' });
  return cases;
}
