import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb } from 'pdf-lib';

const require = createRequire(import.meta.url);
/** Noto Serif covers Vietnamese; bundled from npm so nothing is fetched at run time. */
const fontPath = require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf');
let fontBytes: Promise<Buffer> | null = null;

/**
 * Burns the reader's name and the time into every page of a downloaded internal document, diagonally and
 * translucent, so a leaked copy names its source. The whole font is embedded: fontkit's subsetting drops glyphs of this font.
 */
export async function watermarkPdf(pdf: Uint8Array, lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await (fontBytes ??= readFile(fontPath)), { subset: false });
  for (const page of doc.getPages()) {
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
  return doc.save();
}
