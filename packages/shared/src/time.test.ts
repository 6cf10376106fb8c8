import { describe, expect, it } from 'vitest';
import { formatMeetingTime, vietnamDateParts, vietnamLocalToIso } from './time.ts';

describe('council time', () => {
  it('formats in Vietnam time whatever the instant’s zone, day first', () => {
    expect(formatMeetingTime('2026-12-07T01:00:00Z', 'vi')).toBe('08:00, Thứ Hai, 07/12/2026');
    expect(formatMeetingTime('2026-12-07T01:00:00Z', 'en')).toBe('08:00, Monday, 07/12/2026');
  });

  it('rolls over the date at Vietnam midnight, not UTC midnight', () => {
    expect(vietnamDateParts('2026-12-31T17:30:00Z')).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30 });
  });

  it('turns a form’s local time into ISO 8601 at +07:00', () => {
    expect(vietnamLocalToIso('2026-12-07T08:00')).toBe('2026-12-07T08:00:00+07:00');
    expect(new Date(vietnamLocalToIso('2026-12-07T08:00')).toISOString()).toBe('2026-12-07T01:00:00.000Z');
  });
});
