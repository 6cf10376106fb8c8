import { monthOf, monthsBetween } from '@hopso/shared/kpi';

/** The `count` months up to and including the current one in Vietnam, the dashboard's default range. */
export function recentMonths(now: Date, count: number): { from: string; to: string } {
  const to = monthOf(now);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const back = new Date(Date.UTC(y, m - count, 1));
  return { from: back.toISOString().slice(0, 7), to };
}

/** "2026-05" as the council writes a month: 05/2026. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

/** Whether a range is one the server will answer (both months set, in order); the server checks the rest. */
export function validRange(from: string, to: string): boolean {
  return /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && monthsBetween(from, to).length > 0;
}
