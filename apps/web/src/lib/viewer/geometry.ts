/**
 * Coordinates between the screen and PDF pages. A pdf.js viewport carries an affine `transform`
 * [a, b, c, d, e, f] taking a PDF point (user space, origin bottom-left) to page-local CSS pixels
 * (origin top-left): x' = a·x + c·y + e, y' = b·x + d·y + f. Highlights are stored in PDF units so they stay
 * on the same words at any zoom, on any tablet.
 */
export type Matrix = readonly [number, number, number, number, number, number];
/** [x1, y1, x2, y2] in PDF units, normalised so x1 ≤ x2 and y1 ≤ y2 (as `rectSchema` stores them). */
export type PdfRect = [number, number, number, number];
/** A box in CSS pixels: client coordinates or page-local ones, depending on who asks. */
export interface Box { left: number; top: number; width: number; height: number }

export function applyTransform(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The inverse affine transform (screen → PDF); throws on a degenerate matrix, which no real viewport has. */
export function invertTransform(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!det) throw new Error('singular transform');
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A selection rectangle from `getClientRects()` as a PDF rect of the page whose element sits at `page`
 * (its `getBoundingClientRect()`); `transform` is the page viewport's at the zoom the page is drawn at.
 */
export function clientRectToPdf(rect: Box, page: Pick<Box, 'left' | 'top'>, transform: Matrix): PdfRect {
  const inv = invertTransform(transform);
  const [x1, y1] = applyTransform(inv, rect.left - page.left, rect.top - page.top);
  const [x2, y2] = applyTransform(inv, rect.left - page.left + rect.width, rect.top - page.top + rect.height);
  return [round(Math.min(x1, x2)), round(Math.min(y1, y2)), round(Math.max(x1, x2)), round(Math.max(y1, y2))];
}

/** A stored PDF rect as a page-local box in CSS pixels at the viewport's zoom (to draw a highlight over the page). */
export function pdfRectToBox(rect: readonly number[], transform: Matrix): Box {
  const [ax, ay] = applyTransform(transform, rect[0]!, rect[1]!);
  const [bx, by] = applyTransform(transform, rect[2]!, rect[3]!);
  return { left: Math.min(ax, bx), top: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}

/**
 * Selection rects cleaned for storage: empty slivers dropped, and rects on the same line that touch or
 * overlap merged, so a highlighted sentence is one box per line rather than one per text run.
 */
export function mergeLineBoxes(boxes: readonly Box[], tolerance = 2): Box[] {
  const sorted = boxes.filter((b) => b.width > 0.5 && b.height > 0.5).toSorted((a, b) => a.top - b.top || a.left - b.left);
  const out: Box[] = [];
  for (const b of sorted) {
    const line = out.find((o) => {
      const overlap = Math.min(o.top + o.height, b.top + b.height) - Math.max(o.top, b.top);
      const sameLine = overlap >= 0.5 * Math.min(o.height, b.height);
      const touching = b.left <= o.left + o.width + tolerance && o.left <= b.left + b.width + tolerance;
      return sameLine && touching;
    });
    if (!line) {
      out.push({ ...b });
      continue;
    }
    const right = Math.max(line.left + line.width, b.left + b.width);
    const bottom = Math.max(line.top + line.height, b.top + b.height);
    line.left = Math.min(line.left, b.left);
    line.top = Math.min(line.top, b.top);
    line.width = right - line.left;
    line.height = bottom - line.top;
  }
  return out;
}
