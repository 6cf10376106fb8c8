import { describe, expect, it } from 'vitest';
import { buildAgendaTree, createAgendaItemRequest, type AgendaItem } from './agenda.ts';

const item = (id: string, parentId: string | null, position: number): AgendaItem => ({
  id, parentId, position, title: id, description: null, presenter: null, durationMinutes: null, status: 'pending',
});

describe('buildAgendaTree', () => {
  it('orders siblings by position and numbers nested items like a printed agenda', () => {
    const tree = buildAgendaTree([item('b', null, 1), item('a', null, 0), item('b2', 'b', 1), item('b1', 'b', 0), item('b1a', 'b1', 0)]);
    const flat: string[] = [];
    const walk = (nodes: typeof tree) => nodes.forEach((n) => { flat.push(`${n.number}:${n.id}`); walk(n.children); });
    walk(tree);
    expect(flat).toEqual(['1:a', '2:b', '2.1:b1', '2.1.1:b1a', '2.2:b2']);
  });

  it('keeps an item whose parent is missing at the top level instead of dropping it', () => {
    expect(buildAgendaTree([item('x', 'gone', 0)]).map((n) => n.id)).toEqual(['x']);
  });

  it('returns an empty list for an empty agenda', () => {
    expect(buildAgendaTree([])).toEqual([]);
  });
});

describe('createAgendaItemRequest', () => {
  it('trims text, defaults the parent to top level and empty optional text to null', () => {
    expect(createAgendaItemRequest.parse({ title: '  Khai mạc  ', presenter: '' })).toEqual({
      title: 'Khai mạc', parentId: null, description: null, presenter: null, durationMinutes: null,
    });
  });

  it.each([[{ title: 'x' }], [{ title: 'Hợp lệ', durationMinutes: 0 }], [{ title: 'Hợp lệ', parentId: 'abc' }]])('rejects %j', (input) => {
    expect(createAgendaItemRequest.safeParse(input).success).toBe(false);
  });
});
