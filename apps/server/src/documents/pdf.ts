import { open } from 'node:fs/promises';
import { Piscina } from 'piscina';
import { getDocument, PasswordException, PDFDataRangeTransport } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What the upload check learned about a file, or why it is refused. */
export type PdfCheck =
  | { ok: true; pageCount: number }
  | { ok: false; reason: 'pdf_invalid' | 'pdf_encrypted' | 'pdf_damaged' };

/** More pages than any council document has; a page tree claiming more is a broken or hostile file. */
export const maxPages = 20_000;
const parseTimeoutMs = 30_000;
const workerUrl = new URL('./pdf.worker.ts', import.meta.url);

/** `%PDF-` must appear in the first 1024 bytes (PDF 32000-1 §7.5.2 tolerates a little leading junk). */
export function looksLikePdf(head: Uint8Array): boolean {
  return Buffer.from(head.subarray(0, 1024)).includes('%PDF-');
}

/**
 * Worker threads for the upload check, started on demand and reused: starting one and loading pdf.js costs
 * about ten times the check of a small file. A worker that crashes is replaced; one that overruns the timeout
 * is terminated by the abort.
 */
const pool = new Piscina<{ path: string; size: number }, PdfCheck>({
  filename: workerUrl.href, minThreads: 0, maxThreads: 2, idleTimeout: 30_000, concurrentTasksPerWorker: 1,
  resourceLimits: { maxOldGenerationSizeMb: 512 },
});

/**
 * Checks an uploaded file in a worker thread. pdf.js can fail on hostile input in ways that escape its
 * promises (an unhandled rejection would end the whole server) or loop for long: in a worker, such a file
 * costs only that worker, and the upload is refused. A worker reused after a hostile file could still crash
 * from that file's leftovers while checking the next one, so a crash is retried once on a fresh worker.
 */
export async function inspectPdfIsolated(path: string, size: number): Promise<PdfCheck> {
  const signal = AbortSignal.timeout(parseTimeoutMs);
  for (let attempt = 0; ; attempt++) {
    try {
      return await pool.run({ path, size }, { signal });
    } catch {
      if (signal.aborted || attempt > 0) return { ok: false, reason: 'pdf_damaged' };
    }
  }
}

/**
 * Opens a stored file with pdf.js through range reads, so a 200 MB upload is checked without loading it
 * into memory: it must parse, not be encrypted, and its first and last pages must load (which catches page
 * trees that lie about their size). Content streams are never decoded, so compression bombs cost nothing.
 */
export async function inspectPdf(path: string, size: number): Promise<PdfCheck> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 1024));
  await file.read(head, 0, head.length, 0);
  if (!looksLikePdf(head)) {
    await file.close();
    return { ok: false, reason: 'pdf_invalid' };
  }
  const transport = new PDFDataRangeTransport(size, new Uint8Array(0));
  transport.requestDataRange = (begin: number, end: number) => {
    const chunk = Buffer.alloc(end - begin);
    file.read(chunk, 0, chunk.length, begin).then(
      ({ bytesRead }) => transport.onDataRange(begin, new Uint8Array(chunk.buffer, chunk.byteOffset, bytesRead)),
      () => transport.abort(),
    );
  };
  const task = getDocument({
    range: transport, rangeChunkSize: 65536, disableAutoFetch: true, disableStream: true,
    useSystemFonts: false, disableFontFace: true, verbosity: 0, stopAtErrors: true,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), parseTimeoutMs); });
    return await Promise.race([timeout, (async (): Promise<PdfCheck> => {
      const doc = await task.promise;
      const { info } = await doc.getMetadata();
      if ((info as { EncryptFilterName?: unknown }).EncryptFilterName) return { ok: false, reason: 'pdf_encrypted' };
      if (doc.numPages < 1 || doc.numPages > maxPages) return { ok: false, reason: 'pdf_damaged' };
      await doc.getPage(1);
      await doc.getPage(doc.numPages);
      return { ok: true, pageCount: doc.numPages };
    })()]);
  } catch (error) {
    return { ok: false, reason: error instanceof PasswordException ? 'pdf_encrypted' : 'pdf_damaged' };
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
    await file.close();
  }
}
