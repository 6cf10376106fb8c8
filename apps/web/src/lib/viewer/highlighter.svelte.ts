import type { AnnotationStore } from './annotations.svelte.ts';
import type { Matrix } from './geometry.ts';
import { selectionHighlights, type PendingHighlight } from './selection.ts';
import { ActionState } from '#lib/ui/action.svelte.ts';

/**
 * Turns the reader's text selection inside the page column into private highlights. Kept apart from the
 * viewer so the selection timing (tablets collapse a selection as the button is tapped) lives in one place.
 */
export class Highlighter {
  pending = $state<PendingHighlight[]>([]);
  readonly action = new ActionState();
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #column: () => HTMLElement | null;
  readonly #transformOf: (page: number) => Matrix | undefined;

  constructor(column: () => HTMLElement | null, transformOf: (page: number) => Matrix | undefined) {
    this.#column = column;
    this.#transformOf = transformOf;
  }

  /** The document's `selectionchange` listener. */
  readonly onselectionchange = (): void => {
    clearTimeout(this.#timer);
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount || !this.#column()?.contains(sel.anchorNode)) {
      // Kept a moment: tapping the button may collapse the selection just before the click arrives.
      this.#timer = setTimeout(() => (this.pending = []), 600);
      return;
    }
    this.#timer = setTimeout(() => (this.pending = selectionHighlights(sel.getRangeAt(0), this.#transformOf)), 120);
  };

  /** Stores the pending selection as highlights; true when they were saved. */
  async highlight(store: AnnotationStore): Promise<boolean> {
    const chosen = this.pending;
    if (!chosen.length) return false;
    const ok = await this.action.run(async () => {
      for (const h of chosen) await store.highlight(h.page, h.rects);
    });
    if (ok) {
      document.getSelection()?.removeAllRanges();
      this.pending = [];
    }
    return ok;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}
