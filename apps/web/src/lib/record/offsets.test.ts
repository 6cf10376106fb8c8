import { describe, expect, it } from 'vitest';
import { linkAt, parseOffset } from './offsets.ts';

describe('parseOffset', () => {
  it.each([
    ['725', 725], ['12:05', 725], ['1:02:05', 3725], ['0:00', 0], [' 3:00 ', 180],
    ['', null], ['12:75', null], ['1:2:3:4', null], ['abc', null], ['-5', null], ['1:-2', null],
  ])('reads %j as %j', (text, seconds) => {
    expect(parseOffset(text)).toBe(seconds);
  });
});

describe('linkAt', () => {
  it('starts the video at the offset, replacing any earlier fragment', () => {
    expect(linkAt('https://v.example.vn/a.mp4', 300)).toBe('https://v.example.vn/a.mp4#t=300');
    expect(linkAt('https://v.example.vn/a.mp4#t=10', 42)).toBe('https://v.example.vn/a.mp4#t=42');
  });
});
