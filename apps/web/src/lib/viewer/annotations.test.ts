import { describe, expect, it } from 'vitest';
import type { Annotation } from '@hopso/shared/document';
import { groupByPage } from './annotations.ts';

const a = (id: string, page: number, kind: Annotation['kind'], createdAt: string): Annotation => ({
  id, page, kind, rects: [], color: '#ffd54f', text: '', createdAt, updatedAt: createdAt,
});

describe('groupByPage', () => {
  it('lists pages in order with their notes and highlights, oldest first', () => {
    const groups = groupByPage([
      a('n2', 12, 'note', '2026-12-07T02:00:00Z'),
      a('h1', 3, 'highlight', '2026-12-07T01:00:00Z'),
      a('n1', 12, 'note', '2026-12-07T01:30:00Z'),
      a('h2', 12, 'highlight', '2026-12-07T01:00:00Z'),
    ]);
    expect(groups.map((g) => [g.page, g.notes.map((n) => n.id), g.highlights.map((h) => h.id)])).toEqual([
      [3, [], ['h1']],
      [12, ['n1', 'n2'], ['h2']],
    ]);
  });
});
