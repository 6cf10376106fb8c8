import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Pages read for the archive's full-text index; resolutions are short, annexes beyond this are not indexed. */
const maxIndexedPages = 200;

/**
 * The text of a PDF for the archive search (pdf.js, as the viewer reads it), pages joined by blank lines.
 * Only our own sealed files come here; a file pdf.js cannot read yields '' rather than failing the seal.
 */
export async function extractText(pdf: Uint8Array): Promise<string> {
  const task = getDocument({ data: pdf.slice(), useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, maxIndexedPages); n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages.join('\n\n').normalize('NFC');
  } catch {
    return '';
  } finally {
    await task.destroy();
  }
}
