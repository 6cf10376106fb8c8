import type { Action } from 'svelte/action';
import type { Box } from './geometry.ts';

/**
 * Sets CSS custom properties through the CSSOM. Our CSP (style-src without 'unsafe-inline') blocks
 * `style="…"` attributes, including those Svelte would write for `style:` directives, but not
 * `element.style.setProperty`, so every size that depends on the page or the zoom goes through here.
 */
export const cssVars: Action<HTMLElement, Record<string, string | number>> = (node, vars) => {
  let current: Record<string, string | number> = {};
  const apply = (next: Record<string, string | number>) => {
    for (const name of Object.keys(current)) if (!(name in next)) node.style.removeProperty(name);
    for (const [name, value] of Object.entries(next)) node.style.setProperty(name, String(value));
    current = next;
  };
  apply(vars);
  return { update: apply };
};

/** Places an absolutely positioned overlay (a highlight) at a page-local box, in CSS pixels. */
export const placeBox: Action<HTMLElement, Box> = (node, box) => {
  const apply = (b: Box) => {
    node.style.setProperty('left', `${b.left}px`);
    node.style.setProperty('top', `${b.top}px`);
    node.style.setProperty('width', `${b.width}px`);
    node.style.setProperty('height', `${b.height}px`);
  };
  apply(box);
  return { update: apply };
};

/** A page slot's size in PDF points, as --page-w/--page-h; CSS multiplies them by the zoom. */
export const pageSize: Action<HTMLElement, { width: number; height: number } | undefined> = (node, size) => {
  const apply = (s: { width: number; height: number } | undefined) => {
    node.style.setProperty('--page-w', String(s?.width ?? 595.28));
    node.style.setProperty('--page-h', String(s?.height ?? 841.89));
  };
  apply(size);
  return { update: apply };
};
