import type { Annotation } from '@hopso/shared/document';

/** One page's private annotations, for the notes panel (pages in order, notes before highlights, oldest first). */
export interface PageAnnotations { page: number; notes: Annotation[]; highlights: Annotation[] }

/** Groups the caller's annotations by page for the notes panel. */
export function groupByPage(list: readonly Annotation[]): PageAnnotations[] {
  const pages = new Map<number, PageAnnotations>();
  for (const a of list.toSorted((x, y) => x.page - y.page || x.createdAt.localeCompare(y.createdAt))) {
    let entry = pages.get(a.page);
    if (!entry) pages.set(a.page, (entry = { page: a.page, notes: [], highlights: [] }));
    (a.kind === 'note' ? entry.notes : entry.highlights).push(a);
  }
  return [...pages.values()];
}
