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

  class FetchRangeTransport extends pdfjs.PDFDataRangeTransport {
    override requestDataRange(begin: number, end: number): void {
      fetchRange(url, begin, end, { signal: aborter.signal }).then(
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

  return pdfjs.getDocument({
    range: new FetchRangeTransport(opts.bytes, new Uint8Array(0)),
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

/** A worker started before the document is known, to overlap its start-up with the metadata request. */
export async function startWorker(): Promise<PDFWorker> {
  loadPdfJs();
  return new pdfjs.PDFWorker();
}
