import type { Annotation } from '@hopso/shared/document';
import { groupByPage } from './annotations.ts';
import { viewerEndpoints } from './endpoints.ts';
import type { PdfRect } from './geometry.ts';

/**
 * The delegate's private highlights and notes on one document. Only their author ever sees them (the server
 * answers 404 to anyone else, administrators included), so nothing here is shared with other tablets.
 */
export class AnnotationStore {
  list = $state<Annotation[]>([]);
  error = $state<unknown>(null);
  loaded = $state(false);
  readonly documentId: string;

  pages = $derived(groupByPage(this.list));
  noteCount = $derived(this.list.filter((a) => a.kind === 'note').length);

  constructor(documentId: string) {
    this.documentId = documentId;
  }

  load = async (): Promise<void> => {
    this.error = null;
    try {
      this.list = (await viewerEndpoints.annotations(this.documentId)).annotations;
      this.loaded = true;
    } catch (err) {
      this.error = err;
    }
  };

  /** Annotations of one page (the page view draws its highlights and a marker for its notes). */
  onPage(page: number): Annotation[] {
    return this.list.filter((a) => a.page === page);
  }

  async highlight(page: number, rects: PdfRect[]): Promise<void> {
    const { annotation } = await viewerEndpoints.annotate(this.documentId, { page, kind: 'highlight', rects: rects.slice(0, 200) });
    this.list = [...this.list, annotation];
  }

  async note(page: number, text: string): Promise<void> {
    const { annotation } = await viewerEndpoints.annotate(this.documentId, { page, kind: 'note', text });
    this.list = [...this.list, annotation];
  }

  async edit(id: string, text: string): Promise<void> {
    const { annotation } = await viewerEndpoints.updateAnnotation(id, { text });
    this.list = this.list.map((a) => (a.id === id ? annotation : a));
  }

  async remove(id: string): Promise<void> {
    await viewerEndpoints.deleteAnnotation(id);
    this.list = this.list.filter((a) => a.id !== id);
  }
}
