import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import { joinItems, type PageText } from './search.ts';

/** A page's size in PDF points at scale 1, after its rotation (what a viewport at scale 1 measures). */
export interface PageSize { width: number; height: number }

/**
 * An open PDF as the viewer uses it: pages and their text fetched once and shared by the page views, the
 * thumbnails and the search. Until a page has been fetched its size is assumed to be page 1's, so the
 * placeholders of a 300-page report cost nothing to lay out (fetching every page would read its ranges).
 */
export class ViewerDocument {
  readonly proxy: PDFDocumentProxy;
  readonly pageCount: number;
  sizes = $state<PageSize[]>([]);
  #pages = new Map<number, Promise<PDFPageProxy>>();
  #loaded = new Map<number, PDFPageProxy>();
  #text = new Map<number, Promise<{ content: TextContent; text: PageText }>>();

  constructor(proxy: PDFDocumentProxy, first: PDFPageProxy) {
    this.proxy = proxy;
    this.pageCount = proxy.numPages;
    const size = sizeOf(first);
    this.sizes = Array.from({ length: this.pageCount }, () => ({ ...size }));
    this.#pages.set(1, Promise.resolve(first));
    this.#loaded.set(1, first);
  }

  /** Page `n` (1-based), fetched once; records its real size when it differs from the assumed one. */
  page(n: number): Promise<PDFPageProxy> {
    let p = this.#pages.get(n);
    if (!p) {
      p = this.proxy.getPage(n).then((page) => {
        this.#loaded.set(n, page);
        const size = sizeOf(page);
        const known = this.sizes[n - 1];
        if (known && (Math.abs(known.width - size.width) > 0.5 || Math.abs(known.height - size.height) > 0.5)) this.sizes[n - 1] = size;
        return page;
      });
      p.catch(() => this.#pages.delete(n));
      this.#pages.set(n, p);
    }
    return p;
  }

  /** The page if it has already been fetched (geometry for highlights without waiting). */
  loadedPage(n: number): PDFPageProxy | undefined {
    return this.#loaded.get(n);
  }

  /** Page `n`'s text runs (for its text layer) and their joined text (for search), fetched once. */
  text(n: number): Promise<{ content: TextContent; text: PageText }> {
    let t = this.#text.get(n);
    if (!t) {
      t = this.page(n).then(async (page) => {
        const content = await page.getTextContent();
        const items = content.items.filter((i): i is Extract<typeof i, { str: string }> => 'str' in i);
        return { content, text: joinItems(items) };
      });
      t.catch(() => this.#text.delete(n));
      this.#text.set(n, t);
    }
    return t;
  }

  destroy(): void {
    void this.proxy.loadingTask.destroy();
  }
}

function sizeOf(page: PDFPageProxy): PageSize {
  const vp = page.getViewport({ scale: 1 });
  return { width: vp.width, height: vp.height };
}
