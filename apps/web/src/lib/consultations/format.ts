import type { ConsultationStatus } from '@hopso/shared/consultation';
import { formatClock, formatDay } from '../live/format.ts';

/** "08:05 27/12/2026" in Vietnam time, for deadlines and answer times. */
export function formatWhen(at: string | null): string {
  return at ? `${formatClock(at)} ${formatDay(at)}` : '—';
}

/** The badge colour of a consultation's status (app.css badges). */
export const statusBadge: Record<ConsultationStatus, string> = { draft: 'badge-draft', sent: 'badge-live', closed: 'badge-published' };

/** A share in hundredths of a percent as "66,67%" (vi) or "66.67%" (en). */
export function percent(basisPoints: number, locale: 'vi' | 'en'): string {
  const text = (basisPoints / 100).toFixed(2);
  return `${locale === 'vi' ? text.replace('.', ',') : text}%`;
}
