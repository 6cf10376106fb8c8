import { describe, expect, it } from 'vitest';
import { buildAgendaTree, type AgendaItem } from '@hopso/shared/agenda';
import { canAddChild, moveRequest, subtreeHeight } from './moves.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (n: number, parent: number | null, position: number): AgendaItem => ({
  id: id(n), parentId: parent === null ? null : id(parent), position, title: `Item ${n}`,
  description: null, presenter: null, durationMinutes: null, status: 'pending',
});

// 1 ─ 1.1 (2) ─ 1.1.1 (4)
//   └ 1.2 (3)
// 2 (5)
// 3 (6)
const tree = buildAgendaTree([
  item(1, null, 0), item(2, 1, 0), item(3, 1, 1), item(4, 2, 0), item(5, null, 1), item(6, null, 2),
]);

describe('moveRequest', () => {
  it('moves an item up and down among its siblings', () => {
    expect(moveRequest(tree, id(5), 'up')).toEqual({ parentId: null, position: 0 });
    expect(moveRequest(tree, id(5), 'down')).toEqual({ parentId: null, position: 2 });
    expect(moveRequest(tree, id(3), 'up')).toEqual({ parentId: id(1), position: 0 });
  });

  it('refuses to move the first item up or the last item down', () => {
    expect(moveRequest(tree, id(1), 'up')).toBeNull();
    expect(moveRequest(tree, id(6), 'down')).toBeNull();
    expect(moveRequest(tree, id(3), 'down')).toBeNull();
  });

  it('indents an item as the last child of its previous sibling', () => {
    expect(moveRequest(tree, id(5), 'indent')).toEqual({ parentId: id(1), position: 2 });
    expect(moveRequest(tree, id(3), 'indent')).toEqual({ parentId: id(2), position: 1 });
  });

  it('refuses to indent the first sibling or past the maximum depth', () => {
    expect(moveRequest(tree, id(1), 'indent')).toBeNull();
    expect(moveRequest(tree, id(2), 'indent')).toBeNull();
    // 1.1.1 would become a 4th level under nothing: it has no previous sibling anyway
    expect(moveRequest(tree, id(4), 'indent')).toBeNull();
  });

  it('outdents an item to just after its parent', () => {
    expect(moveRequest(tree, id(3), 'outdent')).toEqual({ parentId: null, position: 1 });
    expect(moveRequest(tree, id(4), 'outdent')).toEqual({ parentId: id(1), position: 1 });
    expect(moveRequest(tree, id(5), 'outdent')).toBeNull();
  });

  it('returns null for an unknown item', () => {
    expect(moveRequest(tree, id(99), 'up')).toBeNull();
  });
});

describe('depth helpers', () => {
  it('measures subtree height', () => {
    expect(subtreeHeight(tree[0]!)).toBe(3);
    expect(subtreeHeight(tree[1]!)).toBe(1);
  });

  it('allows children only above the deepest level', () => {
    expect(canAddChild(tree, id(1))).toBe(true);
    expect(canAddChild(tree, id(2))).toBe(true);
    expect(canAddChild(tree, id(4))).toBe(false);
  });
});
