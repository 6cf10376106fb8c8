/** Councils work in Vietnam's time zone whatever the server's or the tablet's zone is. */
export const councilTimeZone = 'Asia/Ho_Chi_Minh';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: councilTimeZone, ...options })));
  return f;
}

/** "08:00, thứ Hai, 07/12/2026" in Vietnamese; "08:00, Monday, 07/12/2026" in English (day first in both). */
export function formatMeetingTime(iso: string, locale: 'vi' | 'en'): string {
  const d = new Date(iso);
  const time = formatter('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const weekday = formatter(locale === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long' }).format(d);
  const date = formatter('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
  return `${time}, ${weekday}, ${date}`;
}

/** The Vietnam-time parts of an instant, for calendars and document numbers. */
export function vietnamDateParts(iso: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = formatter('en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** Turns a local Vietnam date-time from a form ("2026-12-07T08:00") into ISO 8601 with +07:00. */
export function vietnamLocalToIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+07:00`;
}
