// The visible signature block of Nghị định 30/2020 (Appendix I), drawn as the widget's appearance stream:
// signing capacity and title in bold capitals, the signer's signature image centred between title and name,
// the council seal over about the left third of that image, the name, then organisation and signing time.
// Text is Noto Serif (covers Vietnamese), bundled from npm and embedded whole: fontkit's subsetting drops the
// composite glyphs Vietnamese letters are made of. Bold is drawn as fill+stroke so only one font is embedded.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import {
  concatTransformationMatrix, drawObject, endText, beginText, moveText, popGraphicsState, pushGraphicsState,
  setFillingRgbColor, setFontAndSize, setLineWidth, setStrokingRgbColor, setTextRenderingMode, showText,
  TextRenderingMode, type PDFDocument, type PDFFont, type PDFOperator, type PDFRef,
} from 'pdf-lib';
import { vietnamIso } from './time.ts';

export interface Appearance {
  /** 0-based page index; default the last page. */
  page?: number;
  /** [x, y, width, height] in PDF points on that page; default a 240×160 block at the bottom right. */
  rect?: [number, number, number, number];
  /** Signing capacity, e.g. "TM. HỘI ĐỒNG NHÂN DÂN" (drawn in capitals). */
  capacity?: string;
  /** Title, e.g. "CHỦ TỊCH" (drawn in capitals). */
  title?: string;
  signerName?: string;
  organisation?: string;
  /** Transparent PNG of the handwritten signature. */
  signatureImage?: Uint8Array;
  /** Transparent PNG of the organisation's seal; overlaps the left third of the signature image's box. */
  sealImage?: Uint8Array;
  /** Show the signing time (ISO 8601, +07:00) under the organisation; default true when there is any text. */
  showTime?: boolean;
}

export const defaultAppearanceSize = { width: 240, height: 160 } as const;

const require = createRequire(import.meta.url);
const fontPath = require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf');
let fontBytes: Promise<Buffer> | null = null;

const TITLE_SIZE = 10.5;
const SMALL_SIZE = 7;
const PAD = 4;

interface Line { text: string; size: number; bold: boolean; y: number }

function textOps(font: PDFFont, line: Line, width: number): PDFOperator[] {
  const x = Math.max(PAD, (width - font.widthOfTextAtSize(line.text, line.size)) / 2);
  return [
    beginText(),
    setFontAndSize('F1', line.size),
    setTextRenderingMode(line.bold ? TextRenderingMode.FillAndOutline : TextRenderingMode.Fill),
    moveText(x, line.y),
    showText(font.encodeText(line.text)),
    endText(),
  ];
}

function imageOps(name: string, box: { x: number; y: number; w: number; h: number }): PDFOperator[] {
  return [pushGraphicsState(), concatTransformationMatrix(box.w, 0, 0, box.h, box.x, box.y), drawObject(name), popGraphicsState()];
}

/** Fits an image of `iw`×`ih` into `w`×`h` keeping its aspect ratio, centred on (cx, cy). */
function fit(iw: number, ih: number, w: number, h: number, cx: number, cy: number): { x: number; y: number; w: number; h: number } {
  const scale = Math.min(w / iw, h / ih);
  return { x: cx - (iw * scale) / 2, y: cy - (ih * scale) / 2, w: iw * scale, h: ih * scale };
}

/**
 * Draws the block into a form XObject of `width`×`height` and returns its reference. The image area depends
 * only on the box size, so a seal-only widget with the same rect lands exactly over a signer's widget.
 */
export async function drawAppearance(doc: PDFDocument, a: Appearance, signingTime: Date, width: number, height: number): Promise<PDFRef> {
  const upper = (s?: string): string | undefined => s?.trim() ? s.trim().toLocaleUpperCase('vi') : undefined;
  const lines: Line[] = [];
  let top = height - PAD;
  for (const text of [upper(a.capacity), upper(a.title)]) {
    top -= TITLE_SIZE * 1.25;
    if (text) lines.push({ text, size: TITLE_SIZE, bold: true, y: top + TITLE_SIZE * 0.25 });
  }
  const small = [a.organisation?.trim(), (a.showTime ?? true) && (a.signerName || a.organisation || a.capacity) ? `Thời gian ký: ${vietnamIso(signingTime)}` : undefined].filter((s): s is string => !!s);
  let bottom = PAD;
  for (const text of small.reverse()) { lines.push({ text, size: SMALL_SIZE, bold: false, y: bottom + SMALL_SIZE * 0.2 }); bottom += SMALL_SIZE * 1.3; }
  bottom = Math.max(bottom, PAD + 2 * SMALL_SIZE * 1.3);
  if (a.signerName) lines.push({ text: a.signerName.trim(), size: TITLE_SIZE, bold: true, y: bottom + TITLE_SIZE * 0.25 });
  bottom += TITLE_SIZE * 1.4;

  const ops: PDFOperator[] = [];
  const xobjects: Record<string, PDFRef> = {};
  // The image area between title and name; the signature image takes 60 % of the width, centred.
  const area = { w: width * 0.6, h: Math.max(10, top - bottom - 2), cx: width / 2, cy: (top + bottom) / 2 };
  if (a.signatureImage) {
    const image = await doc.embedPng(a.signatureImage);
    xobjects.Sig = image.ref;
    ops.push(...imageOps('Sig', fit(image.width, image.height, area.w, area.h, area.cx, area.cy)));
  }
  if (a.sealImage) {
    const image = await doc.embedPng(a.sealImage);
    xobjects.Seal = image.ref;
    const size = Math.min(area.h * 1.15, width * 0.45);
    const sigLeft = area.cx - area.w / 2;
    // The seal's right edge at one third of the signature image's box: it covers that box's left third; kept
    // inside the block (a form XObject clips to its BBox, which would cut the seal's left edge off).
    ops.push(...imageOps('Seal', fit(image.width, image.height, size, size, Math.max(size / 2, sigLeft + area.w / 3 - size / 2), area.cy)));
  }

  const resources: { XObject?: Record<string, PDFRef>; Font?: Record<string, PDFRef> } = {};
  if (Object.keys(xobjects).length) resources.XObject = xobjects;
  if (lines.length) {
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(await (fontBytes ??= readFile(fontPath)), { subset: false });
    resources.Font = { F1: font.ref };
    ops.push(pushGraphicsState(), setFillingRgbColor(0, 0, 0), setStrokingRgbColor(0, 0, 0), setLineWidth(0.35));
    for (const line of lines) ops.push(...textOps(font, line, width));
    ops.push(popGraphicsState());
  }
  const form = doc.context.formXObject(ops, { BBox: [0, 0, width, height], Resources: resources });
  return doc.context.register(form);
}
