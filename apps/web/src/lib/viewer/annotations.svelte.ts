import type { Annotation, AnnotationInput } from '@hopso/shared/document';
import { NetworkError } from '../api.ts';
import { session } from '../session/session.svelte.ts';
import { groupByPage } from './annotations.ts';
import { viewerEndpoints } from './endpoints.ts';
import type { PdfRect } from './geometry.ts';
import { isPendingId, pendingFor, withPending, type PendingOp } from './outbox.ts';
import { addPending, flushPending, readPending } from './pending.ts';

/**
 * The delegate's private highlights and notes on one document. Only their author ever sees them (the server
 * answers 404 to anyone else, administrators included), so nothing here is shared with other tablets.
 * Written while the tablet is offline, they wait in the outbox (pending.ts), are shown as waiting, and are
 * sent when the network comes back.
 */
export class AnnotationStore {
  /** What the server (or, offline, the service worker's kept copy) last listed. */
  saved = $state<Annotation[]>([]);
  /** This document's operations waiting for the network. */
  pending = $state<PendingOp[]>([]);
  error = $state<unknown>(null);
  loaded = $state(false);
  readonly documentId: string;

  list = $derived(withPending(this.saved, this.pending));
  pages = $derived(groupByPage(this.list));
  noteCount = $derived(this.list.filter((a) => a.kind === 'note').length);

  constructor(documentId: string) {
    this.documentId = documentId;
  }

  #user(): string | null {
    return session.user?.id ?? null;
  }

  #readPending(): void {
    const user = this.#user();
    this.pending = user ? pendingFor(readPending(user), this.documentId) : [];
  }

  /** Sends what waits (when online), then reads the list again. */
  load = async (): Promise<void> => {
    this.error = null;
    const user = this.#user();
    if (user && navigator.onLine) await flushPending(user);
    this.#readPending();
    try {
      this.saved = (await viewerEndpoints.annotations(this.documentId)).annotations;
      this.loaded = true;
    } catch (err) {
      // Offline with nothing kept: the waiting notes still show; the error only when there is nothing at all.
      if (!(err instanceof NetworkError && this.pending.length)) this.error = err;
    }
  };

  /** Syncs whenever the browser says the network is back; returns the function that stops listening. */
  watchOnline(): () => void {
    const onOnline = () => void this.load();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }

  /** Annotations of one page (the page view draws its highlights and a marker for its notes). */
  onPage(page: number): Annotation[] {
    return this.list.filter((a) => a.page === page);
  }

  /** Whether an annotation still waits to reach the server. */
  isPending(id: string): boolean {
    return isPendingId(id);
  }

  /** Runs `online`; when the network is missing, queues `op` instead (the delegate's work is kept). */
  async #orQueue(online: () => Promise<void>, op: () => PendingOp): Promise<void> {
    const user = this.#user();
    try {
      await online();
    } catch (err) {
      if (!(err instanceof NetworkError) || !user) throw err;
      addPending(user, op());
      this.#readPending();
    }
  }

  #create(body: AnnotationInput): Promise<void> {
    return this.#orQueue(async () => {
      const { annotation } = await viewerEndpoints.annotate(this.documentId, body);
      this.saved = [...this.saved, annotation];
    }, () => ({ op: 'create', documentId: this.documentId, tempId: `pending-${crypto.randomUUID()}`, body, at: new Date().toISOString() }));
  }

  highlight(page: number, rects: PdfRect[]): Promise<void> {
    return this.#create({ page, kind: 'highlight', rects: rects.slice(0, 200) });
  }

  note(page: number, text: string): Promise<void> {
    return this.#create({ page, kind: 'note', text });
  }

  edit(id: string, text: string): Promise<void> {
    const op = (): PendingOp => ({ op: 'update', documentId: this.documentId, id, body: { text }, at: new Date().toISOString() });
    if (isPendingId(id)) return this.#orQueue(() => Promise.reject(new NetworkError('not sent yet')), op);
    return this.#orQueue(async () => {
      const { annotation } = await viewerEndpoints.updateAnnotation(id, { text });
      this.saved = this.saved.map((a) => (a.id === id ? annotation : a));
    }, op);
  }

  remove(id: string): Promise<void> {
    const op = (): PendingOp => ({ op: 'delete', documentId: this.documentId, id });
    if (isPendingId(id)) return this.#orQueue(() => Promise.reject(new NetworkError('not sent yet')), op);
    return this.#orQueue(async () => {
      await viewerEndpoints.deleteAnnotation(id);
      this.saved = this.saved.filter((a) => a.id !== id);
    }, op);
  }
}
