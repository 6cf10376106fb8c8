import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentLoadingTask, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.mjs?url';
import { fetchRange } from './range.ts';

/**
 * pdf.js set up once: its worker comes from our own origin (CSP worker-src 'self'). pdf.js is part of the
 * viewer route's code only (the page views need TextLayer), so other screens never download it.
 */
function loadPdfJs(): typeof pdfjs {
  if (pdfjs.GlobalWorkerOptions.workerSrc !== workerUrl) pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  return pdfjs;
}

/** Base URL of pdf.js's CMaps, fonts, WebAssembly and ICC profiles, served by us (see vite.config.ts). */
export function pdfjsDataUrl(version: string, dir: 'cmaps' | 'standard_fonts' | 'wasm' | 'iccs'): string {
  return `/pdfjs/${version}/${dir}/`;
}

export interface OpenOptions {
  documentId: string;
  /** The current version's size (`current.bytes` of the document list): pdf.js needs it up front. */
  bytes: number;
  /** A worker started early (while metadata loaded); the loading task uses it instead of its own. */
  worker?: PDFWorker;
  /** A range failed for good (server gone, access withdrawn): the viewer shows an error. */
  onRangeError: (error: unknown) => void;
}

/**
 * Opens a document by byte ranges only: pdf.js asks for the parts it needs (the cross-reference table at
 * the end, then page 1's objects) and never downloads the whole file, whatever its size.
 */
export async function openDocument(opts: OpenOptions): Promise<PDFDocumentLoadingTask> {
  loadPdfJs();
  const url = `/api/documents/${encodeURIComponent(opts.documentId)}/file`;
  const aborter = new AbortController();
  // pdf.js reads the trailer and cross-reference table at the end, then the catalog and first page's
  // objects, one round trip after another. Fetching the first and last chunk at once, before it asks,
  // answers its first requests from memory and saves those sequential round trips on a slow hall Wi-Fi.
  const prefetched = prefetchEnds(url, opts.bytes, aborter.signal);

  class FetchRangeTransport extends pdfjs.PDFDataRangeTransport {
    override requestDataRange(begin: number, end: number): void {
      const hit = prefetched.find((p) => begin >= p.begin && end <= p.end);
      const fetchIt = () => fetchRange(url, begin, end, { signal: aborter.signal });
      // A copy: pdf.js transfers what it is given to its worker, which would empty the prefetched buffer.
      const bytes = hit ? hit.bytes.then((b) => b.slice(begin - hit.begin, end - hit.begin), fetchIt) : fetchIt();
      bytes.then(
        (bytes) => {
          if (!aborter.signal.aborted) this.onDataRange(begin, bytes);
        },
        (error: unknown) => {
          if (!aborter.signal.aborted) opts.onRangeError(error);
        },
      );
    }
    override abort(): void {
      aborter.abort();
    }
  }

  const transport = new FetchRangeTransport(opts.bytes, new Uint8Array(0));
  // The head goes to pdf.js as soon as it is here, unasked (a progressive read from byte 0): its worker
  // then finds the catalog, page 1 and page 1's images already loaded instead of asking for each in turn
  // (one worker → page → worker round trip apiece, slow on a busy tablet). A small file is all head.
  const head = prefetched[0]!;
  head.bytes.then((bytes) => {
    if (aborter.signal.aborted) return;
    transport.onDataProgressiveRead(bytes.slice());
    if (head.end >= opts.bytes) transport.onDataProgressiveDone();
  }, () => {});

  return pdfjs.getDocument({
    range: transport,
    worker: opts.worker,
    disableAutoFetch: true,
    disableStream: true,
    rangeChunkSize: 65536,
    cMapUrl: pdfjsDataUrl(pdfjs.version, 'cmaps'),
    cMapPacked: true,
    standardFontDataUrl: pdfjsDataUrl(pdfjs.version, 'standard_fonts'),
    wasmUrl: pdfjsDataUrl(pdfjs.version, 'wasm'),
    iccUrl: pdfjsDataUrl(pdfjs.version, 'iccs'),
    enableXfa: false,
  });
}

/**
 * The first 384 KB (where exporters usually put the catalog and page 1) and the chunk-aligned last 128 KB
 * (trailer and cross-reference table) of a file, requested in parallel; one range when the file is small.
 * At most 512 KB, well under a tenth of any large document.
 */
function prefetchEnds(url: string, size: number, signal: AbortSignal): { begin: number; end: number; bytes: Promise<Uint8Array> }[] {
  const head = 393216;
  const tail = 131072;
  const chunk = 65536;
  if (size <= head + tail) return [{ begin: 0, end: size, bytes: fetchRange(url, 0, size, { signal }) }];
  const tailBegin = Math.floor((size - tail) / chunk) * chunk;
  const ends = [{ begin: 0, end: head }, { begin: tailBegin, end: size }];
  return ends.map((r) => {
    const bytes = fetchRange(url, r.begin, r.end, { signal });
    bytes.catch(() => {}); // a failed prefetch falls back to a normal request when pdf.js asks
    return { ...r, bytes };
  });
}

/** A worker started before the document is known, to overlap its start-up with the metadata request. */
export async function startWorker(): Promise<PDFWorker> {
  loadPdfJs();
  return new pdfjs.PDFWorker();
}
