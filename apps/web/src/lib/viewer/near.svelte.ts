import { SvelteSet } from 'svelte/reactivity';
import type { Action } from 'svelte/action';

/**
 * Which pages (or thumbnails) are near the visible part of a scrolling list, with one IntersectionObserver
 * for all of them. A 300-page report lays out 300 light slots; only the few near the screen get a page view
 * (canvas, text layer, overlays) mounted, so opening a long document costs what opening a short one does.
 */
export class NearTracker {
  readonly near = new SvelteSet<number>();
  readonly #margin: string;
  readonly #nodes = new Set<HTMLElement>();
  #io: IntersectionObserver | null = null;

  /** `margin`: how far outside the visible area counts as near, e.g. '100% 0px' (a screen above and below). */
  constructor(margin: string) {
    this.#margin = margin;
  }

  /** Starts watching inside `root`, the scrolling element (slots registered before are watched too). */
  start(root: Element): void {
    this.#io?.disconnect();
    this.#io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const n = Number((e.target as HTMLElement).dataset.slot);
        if (e.isIntersecting) this.near.add(n);
        else this.near.delete(n);
      }
    }, { root, rootMargin: this.#margin });
    for (const node of this.#nodes) this.#io.observe(node);
  }

  stop(): void {
    this.#io?.disconnect();
    this.#io = null;
  }

  /** For each slot element, which carries its number in `data-slot`. */
  observe: Action<HTMLElement> = (node) => {
    this.#nodes.add(node);
    this.#io?.observe(node);
    return {
      destroy: () => {
        this.#nodes.delete(node);
        this.#io?.unobserve(node);
        this.near.delete(Number(node.dataset.slot));
      },
    };
  };
}
