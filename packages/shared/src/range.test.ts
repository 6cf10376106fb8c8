import { describe, expect, it } from 'vitest';
import { parseRange } from './range.ts';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-200', { start: 800, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
  ])('%s of 1000 bytes', (header, expected) => expect(parseRange(header, 1000)).toEqual(expected));

  it.each([['bytes=1000-'], ['bytes=500-100'], ['bytes=-0']])('%s is unsatisfiable', (header) => {
    expect(parseRange(header, 1000)).toBe('unsatisfiable');
  });

  it.each([[undefined], [null], ['bytes=0-1,5-9'], ['items=0-5'], ['bytes=-'], ['bytes=abc']])('%s means the whole file', (header) => {
    expect(parseRange(header, 1000)).toBeNull();
  });
});
