import { describe, expect, it } from 'vitest';
import { parseOffset } from './offsets.ts';

describe('parseOffset', () => {
  it.each([
    ['725', 725], ['12:05', 725], ['1:02:05', 3725], ['0:00', 0], [' 3:00 ', 180],
    ['', null], ['12:75', null], ['1:2:3:4', null], ['abc', null], ['-5', null], ['1:-2', null],
  ])('reads %j as %j', (text, seconds) => {
    expect(parseOffset(text)).toBe(seconds);
  });
});
