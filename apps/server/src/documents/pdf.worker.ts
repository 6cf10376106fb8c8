import { inspectPdf, type PdfCheck } from './pdf.ts';

// One upload check in a pooled worker thread; see inspectPdfIsolated.
export default function check({ path, size }: { path: string; size: number }): Promise<PdfCheck> {
  return inspectPdf(path, size);
}
