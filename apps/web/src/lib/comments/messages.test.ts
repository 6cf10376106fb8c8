import { describe, expect, it } from 'vitest';
import { answerKinds } from '@hopso/shared/comments';
import vi from './vi.json';
import en from './en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the comments catalogues', () => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });

  it('name every kind of answer', () => {
    for (const k of answerKinds) expect(vi, k).toHaveProperty([`comments.kind.${k}`]);
  });
});
