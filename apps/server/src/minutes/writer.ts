import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedSerif, type FontStyle } from './fonts.ts';

/** A4 in points with the margins of Nghị định 30/2020 (top/bottom 20 mm, left 30 mm, right 15 mm). */
const mm = 72 / 25.4;
export const pageSize = { width: 595.28, height: 841.89 };
export const margins = { top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm };

export interface TextOptions {
  style?: FontStyle;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent (NĐ30 body paragraphs: 1–1.27 cm). */
  indent?: number;
  /** Box within the text area: offset from the left margin and width; defaults to the whole width. */
  x?: number;
  width?: number;
  /** Space after the paragraph, in points. */
  after?: number;
  lineHeight?: number;
  /** Draws at this y without moving the cursor or breaking pages (side-by-side header blocks). */
  at?: number;
}

/**
 * A small flowing-text writer on pdf-lib for administrative documents: wrapped, justified paragraphs
 * that break across pages, page numbers centred at the top from page 2 (NĐ30), and simple tables. The
 * minutes and the PDF exports are both written with it.
 */
export class PdfWriter {
  readonly doc: PDFDocument;
  readonly fonts: Record<FontStyle, PDFFont>;
  page!: PDFPage;
  y = 0;
  /** Page size: A4 portrait, or landscape for wide tables. */
  readonly size: { width: number; height: number };
  readonly textWidth: number;

  private constructor(doc: PDFDocument, fonts: Record<FontStyle, PDFFont>, landscape: boolean) {
    this.doc = doc;
    this.fonts = fonts;
    this.size = landscape ? { width: pageSize.height, height: pageSize.width } : pageSize;
    this.textWidth = this.size.width - margins.left - margins.right;
    this.newPage();
  }

  static async create(title: string, options: { landscape?: boolean } = {}): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setLanguage('vi-VN');
    doc.setProducer('Họp Số');
    const [regular, bold, italic] = await Promise.all([embedSerif(doc, 'regular'), embedSerif(doc, 'bold'), embedSerif(doc, 'italic')]);
    return new PdfWriter(doc, { regular, bold, italic }, options.landscape ?? false);
  }

  newPage(): void {
    this.page = this.doc.addPage([this.size.width, this.size.height]);
    this.y = this.size.height - margins.top;
    const n = this.doc.getPageCount();
    if (n > 1) {
      const label = String(n);
      const w = this.fonts.regular.widthOfTextAtSize(label, 13);
      this.page.drawText(label, { x: (this.size.width - w) / 2, y: this.size.height - margins.top + 4, size: 13, font: this.fonts.regular });
      this.y -= 18;
    }
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.y - height < margins.bottom) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  /**
   * Splits text into lines that fit the width (the very first line shorter by the indent); hard line
   * breaks are kept, and `last` marks the last line of each paragraph (never justified).
   */
  wrap(text: string, font: PDFFont, size: number, width: number, indent = 0): { text: string; last: boolean }[] {
    const lines: { text: string; last: boolean }[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (line && font.widthOfTextAtSize(candidate, size) > (lines.length ? width : width - indent)) {
          lines.push({ text: line, last: false });
          line = word;
        } else line = candidate;
      }
      lines.push({ text: line, last: true });
    }
    return lines;
  }

  /** Writes a paragraph; returns the height used. */
  text(text: string, o: TextOptions = {}): number {
    const font = this.fonts[o.style ?? 'regular'];
    const size = o.size ?? 13;
    const lineHeight = o.lineHeight ?? size * 1.35;
    const boxX = margins.left + (o.x ?? 0);
    const width = o.width ?? this.textWidth - (o.x ?? 0);
    const indent = o.indent ?? 0;
    const align = o.align ?? 'left';
    let y = o.at ?? this.y;
    const lines = this.wrap(text, font, size, width, indent);
    lines.forEach((line, i) => {
      if (o.at === undefined && y - lineHeight < margins.bottom) {
        this.newPage();
        y = this.y;
      }
      const first = i === 0 ? indent : 0;
      const baseline = y - size;
      if (align === 'justify' && !line.last && line.text.includes(' ')) {
        // pdf-lib has no word spacing for embedded fonts: place the words one by one.
        const words = line.text.split(' ');
        const spare = width - first - words.reduce((sum, w) => sum + font.widthOfTextAtSize(w, size), 0);
        let x = boxX + first;
        for (const word of words) {
          this.page.drawText(word, { x, y: baseline, size, font });
          x += font.widthOfTextAtSize(word, size) + spare / (words.length - 1);
        }
      } else {
        const lineWidth = font.widthOfTextAtSize(line.text, size);
        const x = align === 'center' ? boxX + (width - lineWidth) / 2 : align === 'right' ? boxX + width - lineWidth : boxX + first;
        this.page.drawText(line.text, { x, y: baseline, size, font });
      }
      y -= lineHeight;
    });
    if (o.at === undefined) this.y = y - (o.after ?? 0);
    return lines.length * lineHeight + (o.after ?? 0);
  }

  /** A horizontal rule centred in a box (the short lines under the council name and the motto). */
  rule(centerX: number, length: number, y: number): void {
    this.page.drawLine({ start: { x: centerX - length / 2, y }, end: { x: centerX + length / 2, y }, thickness: 0.7, color: rgb(0, 0, 0) });
  }

  /** A bordered table with a bold header row; cells wrap; rows break across pages, repeating the header. */
  table(columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[], rows: string[][], size = 11): void {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.textWidth);
    const pad = 3;
    const lineHeight = size * 1.3;
    const drawRow = (cells: string[], bold: boolean) => {
      const font = bold ? this.fonts.bold : this.fonts.regular;
      const wrapped = cells.map((cell, i) => this.wrap(cell, font, size, widths[i]! - 2 * pad).map((l) => l.text));
      const height = Math.max(...wrapped.map((l) => l.length)) * lineHeight + 2 * pad;
      if (this.y - height < margins.bottom) {
        this.newPage();
        if (!bold) drawRow(columns.map((c) => c.header), true);
      }
      let x = margins.left;
      wrapped.forEach((lines, i) => {
        const w = widths[i]!;
        this.page.drawRectangle({ x, y: this.y - height, width: w, height, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
        lines.forEach((line, j) => {
          const lw = font.widthOfTextAtSize(line, size);
          const align = bold ? 'center' : columns[i]!.align ?? 'left';
          const tx = align === 'center' ? x + (w - lw) / 2 : align === 'right' ? x + w - pad - lw : x + pad;
          this.page.drawText(line, { x: tx, y: this.y - pad - size - j * lineHeight + 2, size, font });
        });
        x += w;
      });
      this.y -= height;
    };
    drawRow(columns.map((c) => c.header), true);
    for (const row of rows) drawRow(row, false);
    this.y -= 8;
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
