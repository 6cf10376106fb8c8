/** Which page a delegate is reading, and when to tell the server: pure helpers for the viewer. */

/** A page's place in the scrolled column, in CSS pixels from the top of the scroll content. */
export interface PageSlot { top: number; height: number }

/**
 * The page showing most inside the visible band [viewTop, viewTop + viewHeight]; on a tie the earlier page.
 * `slots` are in page order, so a binary search finds the first candidate on documents of any length.
 */
export function mostVisiblePage(slots: readonly PageSlot[], viewTop: number, viewHeight: number): number {
  if (slots.length === 0) return 1;
  const viewBottom = viewTop + viewHeight;
  let lo = 0;
  let hi = slots.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = slots[mid]!;
    if (s.top + s.height <= viewTop) lo = mid + 1;
    else hi = mid;
  }
  let best = lo;
  let bestShown = -1;
  for (let i = lo; i < slots.length; i++) {
    const s = slots[i]!;
    if (s.top >= viewBottom) break;
    const shown = Math.min(s.top + s.height, viewBottom) - Math.max(s.top, viewTop);
    if (shown > bestShown) {
      best = i;
      bestShown = shown;
    }
  }
  return best + 1;
}

/** A page number typed by the delegate, or null when it is not one of this document's pages. */
export function parsePageInput(value: string, pageCount: number): number | null {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > pageCount) return null;
  return n;
}

export function clampPage(page: number, pageCount: number): number {
  return Math.min(Math.max(1, Math.round(page)), Math.max(1, pageCount));
}

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending call now (leaving the viewer must not lose the last page). */
  flush(): void;
  cancel(): void;
}

/**
 * Calls `fn` with the latest arguments once `ms` have passed without a new call. The viewer uses it to send
 * the page being read 2 s after scrolling stops, rather than for every page flown past.
 */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const run = () => {
    timer = null;
    const args = pending;
    pending = null;
    if (args) fn(...args);
  };
  const d = ((...args: A) => {
    pending = args;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  }) as Debounced<A>;
  d.flush = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  d.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return d;
}

/**
 * Remembers the last page sent so the same page is not sent twice in a row (a delegate scrolling within a
 * page, or back to where they were when the timer fires).
 */
export function pageReporter(send: (page: number) => void, ms: number): Debounced<[number]> {
  let last: number | null = null;
  return debounce((page: number) => {
    if (page === last) return;
    last = page;
    send(page);
  }, ms);
}
