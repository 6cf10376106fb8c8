import type { ViewerDocument } from './document.svelte.ts';
import { findMatches, foldQuery, type TextMatch } from './search.ts';

export interface SearchHit extends TextMatch { page: number }

/**
 * Search through the whole document, page after page, in the background: the count grows as pages are read
 * (only their text, never their images), and the first hit at or after the page being read becomes current.
 */
export class DocumentSearch {
  query = $state('');
  hits = $state<SearchHit[]>([]);
  current = $state(-1);
  running = $state(false);
  error = $state<unknown>(null);
  /** Bumped on every move to a hit, so the page scrolls to it even when it is the same hit again. */
  moves = $state(0);
  #run = 0;
  readonly #doc: ViewerDocument;

  constructor(doc: ViewerDocument) {
    this.#doc = doc;
  }

  /** The current hit, if any. */
  get hit(): SearchHit | null {
    return this.hits[this.current] ?? null;
  }

  async start(query: string, fromPage: number): Promise<void> {
    const run = ++this.#run;
    const folded = foldQuery(query);
    this.query = query;
    this.hits = [];
    this.current = -1;
    this.error = null;
    if (!folded) {
      this.running = false;
      return;
    }
    this.running = true;
    try {
      for (let page = 1; page <= this.#doc.pageCount; page++) {
        const { text } = await this.#doc.text(page);
        if (run !== this.#run) return;
        const found = findMatches(text.text, folded).map((m) => ({ ...m, page }));
        if (!found.length) continue;
        this.hits.push(...found);
        if (this.current < 0 && page >= fromPage) this.#select(this.hits.length - found.length);
      }
      if (this.current < 0 && this.hits.length) this.#select(0);
    } catch (err) {
      if (run === this.#run) this.error = err;
    } finally {
      if (run === this.#run) this.running = false;
    }
  }

  clear(): void {
    this.#run++;
    this.query = '';
    this.hits = [];
    this.current = -1;
    this.running = false;
  }

  next(): void {
    if (this.hits.length) this.#select((this.current + 1) % this.hits.length);
  }

  previous(): void {
    if (this.hits.length) this.#select((this.current - 1 + this.hits.length) % this.hits.length);
  }

  #select(index: number): void {
    this.current = index;
    this.moves++;
  }
}
