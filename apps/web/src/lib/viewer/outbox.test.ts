import { describe, expect, it } from 'vitest';
import type { Annotation } from '@hopso/shared/document';
import { enqueue, isPendingId, pendingFor, withPending, type PendingOp } from './outbox.ts';

const at = '2026-05-01T08:00:00.000Z';
const create = (tempId: string, text: string, documentId = 'd1'): PendingOp => ({ op: 'create', documentId, tempId, body: { page: 2, kind: 'note', text }, at });
const saved: Annotation = { id: 'a1', page: 1, kind: 'note', rects: [], color: '#ffd54f', text: 'cũ', createdAt: at, updatedAt: at };

describe('enqueue', () => {
  it('keeps new notes in the order they were written', () => {
    const ops = enqueue(enqueue([], create('pending-1', 'một')), create('pending-2', 'hai'));
    expect(ops.map((o) => o.op === 'create' && o.tempId)).toEqual(['pending-1', 'pending-2']);
  });

  it('folds an edit of an unsent note into the note to send', () => {
    const ops = enqueue([create('pending-1', 'một')], { op: 'update', documentId: 'd1', id: 'pending-1', body: { text: 'sửa' }, at });
    expect(ops).toEqual([{ ...create('pending-1', 'sửa') }]);
  });

  it('sends nothing for a note written and deleted offline', () => {
    expect(enqueue([create('pending-1', 'một')], { op: 'delete', documentId: 'd1', id: 'pending-1' })).toEqual([]);
  });

  it('merges edits of a saved note and drops them when it is deleted', () => {
    const edited = enqueue(enqueue([], { op: 'update', documentId: 'd1', id: 'a1', body: { text: 'x' }, at }), { op: 'update', documentId: 'd1', id: 'a1', body: { text: 'y' }, at });
    expect(edited).toEqual([{ op: 'update', documentId: 'd1', id: 'a1', body: { text: 'y' }, at }]);
    expect(enqueue(edited, { op: 'delete', documentId: 'd1', id: 'a1' })).toEqual([{ op: 'delete', documentId: 'd1', id: 'a1' }]);
  });
});

describe('withPending', () => {
  it('shows waiting notes, edits and deletions over the saved list', () => {
    const ops: PendingOp[] = [create('pending-1', 'mới'), { op: 'update', documentId: 'd1', id: 'a1', body: { text: 'sửa' }, at: '2026-05-01T09:00:00.000Z' }];
    const shown = withPending([saved], ops);
    expect(shown.map((a) => [a.id, a.text])).toEqual([['a1', 'sửa'], ['pending-1', 'mới']]);
    expect(withPending([saved], [{ op: 'delete', documentId: 'd1', id: 'a1' }])).toEqual([]);
  });

  it('picks one document\'s operations and tells waiting ids apart', () => {
    expect(pendingFor([create('pending-1', 'a'), create('pending-2', 'b', 'd2')], 'd2')).toHaveLength(1);
    expect(isPendingId('pending-1')).toBe(true);
    expect(isPendingId(saved.id)).toBe(false);
  });
});
