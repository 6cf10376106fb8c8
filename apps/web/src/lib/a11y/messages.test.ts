import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import vi from './vi.json';
import en from './en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the a11y catalogues', () => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });

  it('hold every key this folder uses', () => {
    const source = readdirSync(new URL('.', import.meta.url)).filter((f) => /\.(svelte|ts)$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
    const used = new Set([...source.matchAll(/'(a11y\.[\w.]+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(0);
    for (const key of used) expect(vi, key).toHaveProperty([key]);
  });
});
