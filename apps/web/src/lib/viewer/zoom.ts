/**
 * Zoom of the viewer. `scale` is CSS pixels per PDF point (pdf.js viewport scale); the percentage shown
 * is relative to a page's printed size, 1 pt = 96/72 CSS px, as in other PDF readers.
 */
export const cssUnits = 96 / 72;
export const minScale = 0.25;
export const maxScale = 5;
const steps = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5].map((s) => s * cssUnits);

export function clampScale(scale: number): number {
  return Math.min(maxScale, Math.max(minScale, scale));
}

/** Scale at which a page `pageWidth` points wide fills `available` CSS pixels (the column minus its margins). */
export function fitWidthScale(available: number, pageWidth: number): number {
  if (!(available > 0 && pageWidth > 0)) return cssUnits;
  return clampScale(available / pageWidth);
}

/** The next zoom step up or down from any scale (fit width lands between steps). */
export function stepScale(scale: number, direction: 1 | -1): number {
  if (direction > 0) return steps.find((s) => s > scale * 1.001) ?? clampScale(scale * 1.25);
  return steps.toReversed().find((s) => s < scale * 0.999) ?? clampScale(scale / 1.25);
}

/** "125 %" in the toolbar. */
export function percentOf(scale: number): number {
  return Math.round((scale / cssUnits) * 100);
}

/** The scale after a pinch that started at `startScale` with fingers `startDistance` apart, now `distance`. */
export function pinchScale(startScale: number, startDistance: number, distance: number): number {
  if (!(startDistance > 0)) return startScale;
  return clampScale(startScale * (distance / startDistance));
}
