import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedSerif } from '../minutes/fonts.ts';

/**
 * Burns the reader's name and the time into every page of a downloaded internal document, diagonally and
 * translucent, so a leaked copy names its source.
 */
export async function watermarkPdf(pdf: Uint8Array, lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = await embedSerif(doc, 'regular');
  for (const page of doc.getPages()) watermarkPage(page, font, lines);
  return doc.save();
}

/**
 * The same mark on one page with a font the document already has: the print pack marks the pages it copied
 * with its own embedded font, so each internal document does not carry a copy of the font.
 */
export function watermarkPage(page: PDFPage, font: PDFFont, lines: string[]): void {
  const { width, height } = page.getSize();
  const size = Math.max(12, Math.min(width, height) / 22);
  lines.forEach((line, i) => {
    const textWidth = font.widthOfTextAtSize(line, size);
    const angle = Math.atan2(height, width);
    const offset = (i - (lines.length - 1) / 2) * size * 1.6;
    page.drawText(line, {
      x: width / 2 - (textWidth / 2) * Math.cos(angle) + offset * Math.sin(angle),
      y: height / 2 - (textWidth / 2) * Math.sin(angle) - offset * Math.cos(angle),
      size, font, color: rgb(0.75, 0.1, 0.1), opacity: 0.18, rotate: degrees((angle * 180) / Math.PI),
    });
  });
}
