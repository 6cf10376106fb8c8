import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '@hopso/shared/agenda';
import { formatClock, formatElapsed, numberedAgenda } from './format.ts';

const item = (id: string, parentId: string | null, position: number): AgendaItem => ({
  id, parentId, position, title: id, description: null, presenter: null, durationMinutes: null, status: 'pending',
});

describe('numberedAgenda', () => {
  it('lists the agenda in reading order with printed numbers and depth', () => {
    const rows = numberedAgenda([item('b', null, 1), item('a1', 'a', 0), item('a', null, 0)]);
    expect(rows.map((r) => [r.node.id, r.node.number, r.depth])).toEqual([['a', '1', 0], ['a1', '1.1', 1], ['b', '2', 0]]);
  });
});

describe('formatClock and formatElapsed', () => {
  it('shows Vietnam time whatever the device zone', () => {
    expect(formatClock('2026-12-20T01:05:00.000Z')).toBe('08:05');
  });
  it('shows minutes and seconds, hours only past an hour', () => {
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(-5)).toBe('0:00');
  });
});
