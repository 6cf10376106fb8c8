import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '@hopso/shared/agenda';
import { branchIds } from './editor.svelte.ts';

const item = (id: string, parentId: string | null): AgendaItem => ({
  id, parentId, position: 0, title: id, description: null, presenter: null, durationMinutes: null, status: 'pending',
});

describe('branchIds', () => {
  it('collects an item and all of its descendants, whatever the row order', () => {
    const items = [item('c', 'b'), item('a', null), item('b', 'a'), item('d', null), item('e', 'a')];
    expect([...branchIds(items, 'a')].sort()).toEqual(['a', 'b', 'c', 'e']);
    expect([...branchIds(items, 'd')]).toEqual(['d']);
  });
});
