import { describe, expect, it } from 'vitest';
import { splitMinutes, toMinutes } from './reminderForm.ts';

describe('reminder offsets in the settings form', () => {
  it.each([[4320, 3, 'day'], [60, 1, 'hour'], [90, 90, 'minute'], [1440, 1, 'day'], [120, 2, 'hour']] as const)('reads %i minutes as %i %s', (minutes, amount, unit) => {
    expect(splitMinutes(minutes)).toEqual({ amount, unit });
    expect(toMinutes(amount, unit)).toBe(minutes);
  });

  it('turns an empty or negative amount into 0, which the server refuses with a reason', () => {
    expect(toMinutes(Number.NaN, 'day')).toBe(0);
    expect(toMinutes(-2, 'hour')).toBe(0);
  });
});
