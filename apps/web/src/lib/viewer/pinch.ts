import { pinchScale } from './zoom.ts';

export interface PinchOptions {
  /** The zoom when the fingers touch down. */
  scale: () => number;
  /** During the gesture: a cheap CSS scale of the page column around `origin` (column coordinates). */
  preview: (ratio: number, origin: { x: number; y: number }) => void;
  /** At the end: the new zoom, and the pinch centre in client coordinates to keep in place. */
  commit: (scale: number, centre: { x: number; y: number }) => void;
}

type Fingers = ArrayLike<Touch>;
const distance = (t: Fingers) => Math.hypot(t[0]!.clientX - t[1]!.clientX, t[0]!.clientY - t[1]!.clientY);
const centre = (t: Fingers) => ({ x: (t[0]!.clientX + t[1]!.clientX) / 2, y: (t[0]!.clientY + t[1]!.clientY) / 2 });

/**
 * Two-finger pinch on the pages: previewed with a CSS transform (no re-rendering while the fingers move),
 * then committed as a real zoom so pages are redrawn sharp. One finger still scrolls natively.
 */
export function usePinch(opts: PinchOptions) {
  function attach(scroller: HTMLElement, column: () => HTMLElement | null): () => void {
    let start: { distance: number; scale: number; centre: { x: number; y: number } } | null = null;
    let last = 1;

    const onstart = (e: TouchEvent) => {
      // One finger down while a pinch is still open: its end never came (headless Chromium drops the
      // touchend of a two-finger sequence until the next touch), so it ends here, where it last stood.
      if (start && e.touches.length === 1) finish(null);
      if (e.touches.length !== 2) return;
      start = { distance: distance(e.touches), scale: opts.scale(), centre: centre(e.touches) };
      last = 1;
    };
    const onmove = (e: TouchEvent) => {
      if (!start || e.touches.length !== 2) return;
      e.preventDefault();
      const col = column();
      if (!col) return;
      const next = pinchScale(start.scale, start.distance, distance(e.touches));
      last = next / start.scale;
      const box = col.getBoundingClientRect();
      opts.preview(last, { x: start.centre.x - box.left, y: start.centre.y - box.top });
    };
    function finish(e: TouchEvent | null) {
      const s = start!;
      start = null;
      // Where the fingers really ended: those still down and those just lifted. A busy tablet coalesces
      // touchmoves, so the last one before the lift may never have been seen (a cancel has no such places).
      const fingers = e ? [...Array.from(e.touches), ...Array.from(e.changedTouches)] : [];
      if (e?.type === 'touchend' && fingers.length >= 2) last = pinchScale(s.scale, s.distance, distance(fingers)) / s.scale;
      opts.commit(s.scale * last, s.centre);
    }
    const onend = (e: TouchEvent) => {
      if (!start || e.touches.length >= 2) return;
      finish(e);
    };

    scroller.addEventListener('touchstart', onstart, { passive: true });
    scroller.addEventListener('touchmove', onmove, { passive: false });
    scroller.addEventListener('touchend', onend);
    scroller.addEventListener('touchcancel', onend);
    return () => {
      scroller.removeEventListener('touchstart', onstart);
      scroller.removeEventListener('touchmove', onmove);
      scroller.removeEventListener('touchend', onend);
      scroller.removeEventListener('touchcancel', onend);
    };
  }
  return { attach };
}
