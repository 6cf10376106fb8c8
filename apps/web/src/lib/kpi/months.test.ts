import { describe, expect, it } from 'vitest';
import { monthLabel, recentMonths, validRange } from './months.ts';

describe('kpi months', () => {
  it.each([
    ['2026-05-15T03:00:00Z', 6, { from: '2025-12', to: '2026-05' }],
    ['2026-05-31T17:30:00Z', 1, { from: '2026-06', to: '2026-06' }],
    ['2026-12-01T00:00:00Z', 12, { from: '2026-01', to: '2026-12' }],
  ])('the %i recent months at %s', (now, count, expected) => expect(recentMonths(new Date(now), count)).toEqual(expected));
  it('labels a month day-first style and checks a range', () => {
    expect(monthLabel('2026-05')).toBe('05/2026');
    expect(validRange('2026-01', '2026-03')).toBe(true);
    expect(validRange('2026-04', '2026-03')).toBe(false);
    expect(validRange('', '2026-03')).toBe(false);
  });
});
