/**
 * Moves keyboard and screen-reader focus to an element when it replaces the control just used (a ballot's
 * confirmation step appears where the choice buttons were): otherwise focus falls back to <body> and a
 * keyboard user starts again from the top of the page. Use as `{@attach focusOnMount}` on an element with
 * tabindex="-1" (or a control).
 */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}
