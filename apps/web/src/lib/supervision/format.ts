import type { FollowUpStatus, SupervisionStatus } from '@hopso/shared/supervision';

/** The badge colour of a follow-up status: done green, overdue red, in progress blue, pending amber (app.css badges). */
export const followUpBadge: Record<FollowUpStatus, string> = { done: 'badge-published', overdue: 'badge-live', inProgress: 'badge-kind', pending: 'badge-draft' };

/** The badge colour of a topic's status. */
export const statusBadge: Record<SupervisionStatus, string> = { planned: 'badge-draft', ongoing: 'badge-kind', done: 'badge-published' };

/** A calendar date ("2026-05-31") as the council writes it, day first: 31/05/2026. */
export function dayMonthYear(date: string | null): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
