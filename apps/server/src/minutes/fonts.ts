import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);

/** Noto Serif covers Vietnamese; bundled from npm so nothing is fetched at run time. */
const fontFiles = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
} as const;
export type FontStyle = keyof typeof fontFiles;

const loaded = new Map<FontStyle, Promise<Buffer>>();

/** The bytes of one style of the serif font, read once per process. */
export function serifFontBytes(style: FontStyle): Promise<Buffer> {
  let bytes = loaded.get(style);
  if (!bytes) loaded.set(style, (bytes = readFile(require.resolve(fontFiles[style]))));
  return bytes;
}

/**
 * Embeds one style of the serif font in a document. The whole font is embedded: fontkit's subsetting
 * drops glyphs of this font (Vietnamese stacked diacritics among them).
 */
export async function embedSerif(doc: PDFDocument, style: FontStyle): Promise<PDFFont> {
  doc.registerFontkit(fontkit);
  return doc.embedFont(await serifFontBytes(style), { subset: false });
}
