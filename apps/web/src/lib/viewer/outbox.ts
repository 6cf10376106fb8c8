import type { Annotation, AnnotationInput } from '@hopso/shared/document';

/**
 * Private annotations written while the tablet is offline wait here, as a list of operations applied in
 * order once the server answers again (outbox.svelte.ts keeps them per user). Unlike a ballot, replaying a
 * note later changes nothing but the note, so it is safe to keep and send afterwards.
 */
export type PendingOp =
  | { op: 'create'; documentId: string; tempId: string; body: AnnotationInput; at: string }
  | { op: 'update'; documentId: string; id: string; body: Partial<AnnotationInput>; at: string }
  | { op: 'delete'; documentId: string; id: string };

/** Ids given to annotations not yet on the server; the panel shows them as waiting to sync. */
export function isPendingId(id: string): boolean {
  return id.startsWith('pending-');
}

/**
 * Adds `op` to the queue, folding it into what is already there: an edit of a note not yet sent changes
 * the note to send, deleting it drops it (and nothing is sent), later edits of a saved note merge.
 */
export function enqueue(ops: readonly PendingOp[], op: PendingOp): PendingOp[] {
  if (op.op === 'create') return [...ops, op];
  if (isPendingId(op.id)) {
    if (op.op === 'delete') return ops.filter((o) => !(o.op === 'create' && o.tempId === op.id));
    return ops.map((o) => (o.op === 'create' && o.tempId === op.id ? { ...o, body: { ...o.body, ...op.body } } : o));
  }
  if (op.op === 'delete') return [...ops.filter((o) => !(o.op === 'update' && o.id === op.id)), op];
  const i = ops.findIndex((o) => o.op === 'update' && o.id === op.id);
  if (i < 0) return [...ops, op];
  const prev = ops[i] as Extract<PendingOp, { op: 'update' }>;
  return ops.with(i, { ...prev, body: { ...prev.body, ...op.body }, at: op.at });
}

/** The operations waiting for one document, in order. */
export function pendingFor(ops: readonly PendingOp[], documentId: string): PendingOp[] {
  return ops.filter((o) => o.documentId === documentId);
}

/** What the delegate should see: the server's list (or the kept copy) with the waiting operations applied. */
export function withPending(list: readonly Annotation[], ops: readonly PendingOp[]): Annotation[] {
  let out = [...list];
  for (const o of ops) {
    if (o.op === 'create') {
      out.push({ id: o.tempId, page: o.body.page, kind: o.body.kind, rects: o.body.rects ?? [], color: o.body.color ?? '#ffd54f', text: o.body.text ?? '', createdAt: o.at, updatedAt: o.at });
    } else if (o.op === 'update') {
      out = out.map((a) => (a.id === o.id ? { ...a, ...(o.body.text !== undefined ? { text: o.body.text } : {}), ...(o.body.color !== undefined ? { color: o.body.color } : {}), updatedAt: o.at } : a));
    } else {
      out = out.filter((a) => a.id !== o.id);
    }
  }
  return out;
}
