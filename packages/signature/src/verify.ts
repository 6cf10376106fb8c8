// verifyPdf: every signature of a PDF checked the way DESIGN.md's verifier checklist says — structure
// (verify-structure), cryptography (verify-cms), trust (verify-chain) and changes after signing
// (verify-changes) — into the report that the server, the verify page and `hopso verify` all show.
// Any parse failure of a signature is a problem (INVALID), never "unknown but fine".
import { createHash } from 'node:crypto';
import { decodePDFRawStream, ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { signatureProblem, type SignatureProblem, type SignatureReport, type VerificationReport } from '@hopso/shared/signature';
import { latin1, toArrayBuffer } from './bytes.ts';
import { describeCertificate, parseCertificate } from './certificate.ts';
import { vietnamIso, parsePdfDate } from './time.ts';
import { checkByteRange, findSignatures, revisionEnds, SUPPORTED_SUBFILTERS, textOf, trimDer, type FoundSignature } from './verify-structure.ts';
import { checkCms } from './verify-cms.ts';
import { checkTrust } from './verify-chain.ts';
import { findModifications } from './verify-changes.ts';
import { documentView, laterObjects, readView, type PdfView } from './verify-reader.ts';
import { parseOcspResponse } from './ocsp.ts';

export type { SignatureReport, VerificationReport } from '@hopso/shared/signature';

export interface VerifyOptions {
  /** DER certificates trusted as anchors: roots, and intermediates the council chose to trust directly. */
  trustAnchors: Uint8Array[];
  /** DER CRLs known to the caller (CRLs embedded in the CMS or the DSS are used too). */
  crls?: Uint8Array[];
  /** DER OCSP responses known to the caller (those in the DSS are used too); no responder is ever asked. */
  ocsps?: Uint8Array[];
  /** "Now" for revocation without a timestamp and for signatures without a time; default the clock. */
  now?: Date;
}

// ParseSpeeds.Fastest: pdf-lib otherwise waits a timer tick every 100 objects, which under load costs more
// than the parsing itself.
async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true, parseSpeed: ParseSpeeds.Fastest });
}

/** Certificates, CRLs and OCSP responses stored in the document's DSS (PAdES B-LT). */
function dssMaterial(doc: PdfView): { certificates: pkijs.Certificate[]; crls: pkijs.CertificateRevocationList[]; ocsps: pkijs.BasicOCSPResponse[] } {
  const dss = doc.catalog.lookup(PDFName.of('DSS'));
  const streams = (key: string): Uint8Array[] => {
    if (!(dss instanceof PDFDict)) return [];
    const list = dss.lookup(PDFName.of(key));
    if (!(list instanceof PDFArray)) return [];
    return list.asArray().map((r) => doc.context.lookup(r)).filter((s): s is PDFRawStream => s instanceof PDFRawStream).map((s) => decodeStream(s)).filter((b): b is Uint8Array => !!b);
  };
  const tryParse = <T>(f: () => T): T | null => { try { return f(); } catch { return null; } };
  return {
    certificates: streams('Certs').map((b) => tryParse(() => parseCertificate(b))).filter((c): c is pkijs.Certificate => !!c),
    crls: streams('CRLs').map((b) => tryParse(() => pkijs.CertificateRevocationList.fromBER(toArrayBuffer(b)))).filter((c): c is pkijs.CertificateRevocationList => !!c),
    ocsps: streams('OCSPs').map(parseOcspResponse).filter((o): o is pkijs.BasicOCSPResponse => !!o),
  };
}

function decodeStream(stream: PDFRawStream): Uint8Array | null {
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (!filter) return stream.contents;
  try {
    return decodePDFRawStream(stream).decode();
  } catch {
    return null;
  }
}

/** The trust store is handed over on every call; its certificates are parsed once per byte array. */
const anchorCache = new WeakMap<Uint8Array, pkijs.Certificate>();
function parsedAnchor(der: Uint8Array): pkijs.Certificate {
  let cert = anchorCache.get(der);
  if (!cert) { cert = parseCertificate(der); anchorCache.set(der, cert); }
  return cert;
}

/** The DocMDP permission level of a certification signature (/Reference … /TransformMethod /DocMDP), else null. */
function docMdpLevel(dict: PDFDict): number | null {
  const refs = dict.lookup(PDFName.of('Reference'));
  if (!(refs instanceof PDFArray)) return null;
  for (const item of refs.asArray()) {
    const ref = dict.context.lookup(item);
    if (!(ref instanceof PDFDict) || ref.get(PDFName.of('TransformMethod'))?.toString() !== '/DocMDP') continue;
    const params = ref.lookup(PDFName.of('TransformParams'));
    const p = params instanceof PDFDict ? params.get(PDFName.of('P')) : undefined;
    return p ? Number(p.toString()) : 2;
  }
  return null;
}

const unreadable = (hash: string, detail: string): VerificationReport =>
  ({ ok: false, sha256: hash, signatures: [], error: signatureProblem('unreadable_pdf', { detail }) });

export async function verifyPdf(pdf: Uint8Array, opts: VerifyOptions): Promise<VerificationReport> {
  const hash = createHash('sha256').update(pdf).digest('hex');
  if (!latin1.decode(pdf.subarray(0, 1024)).includes('%PDF-')) return unreadable(hash, 'no %PDF- header');
  const ends = revisionEnds(pdf);
  // The whole file through pdf-lib only when needed: the comparison with later revisions, or a file whose
  // cross-reference chain the lazy view cannot follow (pdf-lib reads objects in file order, ignoring it).
  let whole: Promise<PDFDocument> | null = null;
  const wholeDocument = (): Promise<PDFDocument> => (whole ??= load(pdf));
  let doc: PdfView;
  try {
    const startxref = ends[ends.length - 1]?.startxref;
    if (startxref == null) throw new Error('no startxref');
    doc = readView(pdf, startxref);
  } catch {
    try {
      doc = documentView(await wholeDocument());
    } catch (error) {
      return unreadable(hash, error instanceof Error ? error.message : String(error));
    }
  }
  let found: FoundSignature[];
  try {
    found = findSignatures(doc);
  } catch (error) {
    return unreadable(hash, `signature fields: ${error instanceof Error ? error.message : String(error)}`);
  }
  const now = opts.now ?? new Date();
  const anchors = opts.trustAnchors.map(parsedAnchor);
  const dss = dssMaterial(doc);
  const crls = [...(opts.crls ?? []).map((c) => pkijs.CertificateRevocationList.fromBER(toArrayBuffer(c))), ...dss.crls];
  const ocsps = [...(opts.ocsps ?? []).map(parseOcspResponse).filter((o): o is pkijs.BasicOCSPResponse => !!o), ...dss.ocsps];
  /**
   * What changed after the revision signed up to `signedEnd`: the signed revision read through its own
   * cross-reference chain and compared with the file on the objects of the later revisions; when either
   * chain cannot be followed, both parsed whole by pdf-lib and compared on every object.
   */
  const modificationsAfter = async (signedEnd: number): Promise<SignatureProblem[]> => {
    const startxref = ends.find((e) => e.end >= signedEnd && e.end - signedEnd <= 2)?.startxref;
    if (doc.xref && startxref != null) {
      try {
        const before = readView(pdf, startxref);
        return findModifications(before, doc, laterObjects(before, doc, pdf, signedEnd), pdf, signedEnd);
      } catch { /* read both whole below */ }
    }
    const before = await load(pdf.subarray(0, signedEnd)).catch(() => null);
    const after = before ? await wholeDocument().catch(() => null) : null;
    if (!before || !after) return [signatureProblem('unreadable_revision')];
    const [beforeView, afterView] = [documentView(before), documentView(after)];
    return findModifications(beforeView, afterView, laterObjects(beforeView, afterView, pdf, signedEnd), pdf, signedEnd);
  };

  /** Whether a signature (not a document timestamp) was added in a revision after `end`. */
  const laterSignatureAfter = (end: number): boolean => found.some((f) => {
    const range = f.dict.lookup(PDFName.of('ByteRange'));
    const values = range instanceof PDFArray ? range.asArray().map((v) => Number(v.toString())) : [];
    const subFilter = f.dict.get(PDFName.of('SubFilter'));
    return values.length === 4 && values[2]! + values[3]! > end + 2 && !(subFilter instanceof PDFName && subFilter.decodeText() === 'ETSI.RFC3161');
  });

  const signatures: SignatureReport[] = [];
  for (const sig of found) signatures.push(await verifyOne(sig));
  const lastEnd = ends[ends.length - 1]?.end ?? 0;
  if (signatures.length && /[^\s\0]/.test(latin1.decode(pdf.subarray(lastEnd)))) {
    for (const s of signatures) { s.modifications.push(signatureProblem('unsigned_data')); s.valid = false; }
  }
  return { ok: signatures.length > 0 && signatures.every((s) => s.valid), sha256: hash, signatures };

  async function verifyOne(sig: FoundSignature): Promise<SignatureReport> {
    const { dict } = sig;
    const type = dict.get(PDFName.of('Type'));
    const subFilterObject = dict.get(PDFName.of('SubFilter'));
    const subFilter = subFilterObject instanceof PDFName ? subFilterObject.decodeText() : null;
    const kind = subFilter === 'ETSI.RFC3161' || (type instanceof PDFName && type.decodeText() === 'DocTimeStamp') ? 'documentTimestamp' : 'signature';
    const m = textOf(dict.get(PDFName.of('M')));
    const signingTime = m ? parsePdfDate(m) : null;
    const problems: SignatureProblem[] = [];
    const report: SignatureReport = {
      fieldName: sig.fieldName, kind, subFilter, signer: null, signingTime: signingTime ? vietnamIso(signingTime) : null, timestamp: null,
      reason: textOf(dict.get(PDFName.of('Reason'))), location: textOf(dict.get(PDFName.of('Location'))),
      coversWholeDocument: false, modifications: [], laterRevisions: 0, integrity: false, trusted: false, valid: false, problems,
    };
    if (type && !(type instanceof PDFName && ['Sig', 'DocTimeStamp'].includes(type.decodeText()))) problems.push(signatureProblem('not_a_signature'));
    if (!subFilter || !SUPPORTED_SUBFILTERS.includes(subFilter)) problems.push(signatureProblem('unsupported_subfilter', { subFilter: subFilter ?? '(none)' }));

    const range = checkByteRange(pdf, dict, ends);
    problems.push(...range.problems);
    if (range.byteRange) {
      report.coversWholeDocument = range.signedEnd === pdf.length && range.problems.length === 0;
      report.laterRevisions = ends.filter((e) => e.end > range.signedEnd + 2).length;
    }
    if (range.byteRange && range.contents) {
      const [, b, c, d] = range.byteRange;
      const der = trimDer(range.contents);
      if (!der) problems.push(signatureProblem('signature_unreadable', { detail: 'not a DER object followed by zero padding' }));
      else {
        const cms = await checkCms(der, [pdf.subarray(0, b), pdf.subarray(c, c + d)], subFilter);
        problems.push(...cms.problems);
        report.integrity = cms.integrity;
        if (cms.signerCert) {
          const s = describeCertificate(cms.signerCert);
          report.signer = { commonName: s.commonName, organisation: s.organisation, serialNumber: s.serialNumber, issuer: s.issuer };
        }
        let timestampTrusted = false;
        if (cms.timestamp) {
          report.timestamp = { time: vietnamIso(cms.timestamp.time), authority: cms.timestamp.authority };
          if (cms.timestamp.signerCert) {
            const tsa = await checkTrust({ cert: cms.timestamp.signerCert, certificates: [...cms.timestamp.certificates, ...dss.certificates], anchors, crls, ocsps, at: cms.timestamp.time, revokedBefore: now, purpose: 'timestamp' });
            timestampTrusted = tsa.trusted;
            if (!tsa.trusted) problems.push(...(kind === 'documentTimestamp' ? tsa.problems : [signatureProblem('timestamp_invalid', { detail: tsa.problems.map((p) => p.en).join(' ') })]));
          }
        }
        if (kind === 'documentTimestamp') report.trusted = timestampTrusted;
        else if (cms.signerCert) {
          const at = timestampTrusted ? cms.timestamp!.time : signingTime ?? cms.signingTimeAttribute ?? now;
          const trust = await checkTrust({ cert: cms.signerCert, certificates: [...cms.certificates, ...dss.certificates], anchors, crls: [...crls, ...cms.crls], ocsps, at, revokedBefore: timestampTrusted ? cms.timestamp!.time : now, purpose: 'signature' });
          problems.push(...trust.problems);
          report.trusted = trust.trusted;
        }
      }
    }
    if (range.byteRange && range.signedEnd < pdf.length && range.problems.length === 0) {
      report.modifications = await modificationsAfter(range.signedEnd);
    }
    const level = docMdpLevel(dict);
    if (level === 1 && range.byteRange && laterSignatureAfter(range.signedEnd)) report.modifications.push(signatureProblem('docmdp_violation', { level }));
    report.valid = report.integrity && report.trusted && problems.length === 0 && report.modifications.length === 0;
    return report;
  }
}

