import { clientRectToPdf, mergeLineBoxes, type Box, type Matrix, type PdfRect } from './geometry.ts';

/** What a selection would highlight on one page, in PDF units. */
export interface PendingHighlight { page: number; rects: PdfRect[] }

/**
 * The rects a text selection covers, per page, in PDF units: the text nodes of the text layers in the
 * range, each measured on its own (a range's own rects also include whole span boxes and the text layer's
 * end-of-content element), merged per line. `transformOf` gives a page's viewport transform at the zoom
 * it is shown at, or undefined if the page is not ready.
 */
export function selectionHighlights(range: Range, transformOf: (page: number) => Matrix | undefined): PendingHighlight[] {
  const root = range.commonAncestorContainer;
  const walker = document.createTreeWalker(root.nodeType === Node.TEXT_NODE ? root.parentNode ?? root : root, NodeFilter.SHOW_TEXT);
  const perPage = new Map<number, { el: HTMLElement; boxes: Box[] }>();
  for (let node = walker.currentNode.nodeType === Node.TEXT_NODE ? walker.currentNode : walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node) || !node.textContent) continue;
    const span = node.parentElement;
    if (!span?.closest('.textLayer')) continue;
    const pageEl = span.closest<HTMLElement>('[data-page]');
    const page = Number(pageEl?.dataset.page);
    if (!pageEl || !page) continue;
    const part = document.createRange();
    part.selectNodeContents(node);
    if (node === range.startContainer) part.setStart(node, range.startOffset);
    if (node === range.endContainer) part.setEnd(node, range.endOffset);
    let entry = perPage.get(page);
    if (!entry) perPage.set(page, (entry = { el: pageEl, boxes: [] }));
    for (const r of part.getClientRects()) entry.boxes.push({ left: r.left, top: r.top, width: r.width, height: r.height });
  }
  const out: PendingHighlight[] = [];
  for (const [page, { el, boxes }] of perPage) {
    const transform = transformOf(page);
    if (!transform) continue;
    const origin = el.getBoundingClientRect();
    const rects = mergeLineBoxes(boxes).slice(0, 200).map((b) => clientRectToPdf(b, origin, transform));
    if (rects.length) out.push({ page, rects });
  }
  return out.sort((a, b) => a.page - b.page);
}
