import type { Annotation } from '@hopso/shared/document';
import { ApiError, NetworkError } from '../api.ts';
import { viewerEndpoints } from './endpoints.ts';
import { enqueue, type PendingOp } from './outbox.ts';

/**
 * The outbox of private annotations written offline (outbox.ts), kept per user in this browser's
 * localStorage so a reload while offline loses nothing, and sent in order when the server answers again.
 * Sign-out sends what it can, then drops the rest (lib/session): another user of the tablet never sees it.
 */

const key = (userId: string) => `hopso.pending-annotations.${userId}`;

/** The user's waiting operations (none when storage is unavailable or holds something unreadable). */
export function readPending(userId: string): PendingOp[] {
  try {
    const raw = localStorage.getItem(key(userId));
    const ops: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(ops) ? (ops as PendingOp[]) : [];
  } catch {
    return [];
  }
}

function writePending(userId: string, ops: readonly PendingOp[]): void {
  if (ops.length) localStorage.setItem(key(userId), JSON.stringify(ops));
  else localStorage.removeItem(key(userId));
}

/** Queues one operation for later (the API call failed for want of a network). */
export function addPending(userId: string, op: PendingOp): void {
  writePending(userId, enqueue(readPending(userId), op));
}

/** Forgets the user's waiting operations (sign-out). */
export function dropPending(userId: string): void {
  try {
    localStorage.removeItem(key(userId));
  } catch {
    // storage unavailable: nothing was kept
  }
}

async function send(op: PendingOp): Promise<Annotation | null> {
  if (op.op === 'create') return (await viewerEndpoints.annotate(op.documentId, op.body)).annotation;
  if (op.op === 'update') return (await viewerEndpoints.updateAnnotation(op.id, op.body)).annotation;
  await viewerEndpoints.deleteAnnotation(op.id);
  return null;
}

let flushing: Promise<void> = Promise.resolve();

/**
 * Sends the user's waiting operations in order, one flush at a time. A network failure stops and keeps the
 * rest for the next try; a refusal (the document was deleted, the note is gone) drops that operation, since
 * sending it again would be refused again.
 */
export function flushPending(userId: string): Promise<void> {
  flushing = flushing.then(async () => {
    for (;;) {
      const [op] = readPending(userId);
      if (!op) return;
      try {
        await send(op);
      } catch (err) {
        if (err instanceof NetworkError || (err instanceof ApiError && (err.status === 401 || err.status >= 500))) return;
      }
      // Operations queued while this one was on its way stay; only the one sent leaves.
      writePending(userId, readPending(userId).filter((o) => JSON.stringify(o) !== JSON.stringify(op)));
    }
  }).catch(() => {});
  return flushing;
}
