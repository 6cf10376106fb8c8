import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { e2eEngines, leftToOtherPass } from './e2e/engines.ts';

const files = readdirSync(new URL('./e2e', import.meta.url)).filter((f) => f.endsWith('.test.ts')).sort();

describe('the e2e files shared between the two side-by-side passes', () => {
  it('places every e2e file, and only files that exist', () => {
    expect(Object.keys(e2eEngines).sort()).toEqual(files);
  });

  it('runs every file in at least one pass, and the ones marked both in each', () => {
    const pglite = files.filter((f) => !leftToOtherPass('pglite').includes(f));
    const postgres = files.filter((f) => !leftToOtherPass('postgres').includes(f));
    expect([...new Set([...pglite, ...postgres])].sort()).toEqual(files);
    expect(pglite.filter((f) => postgres.includes(f)).sort()).toEqual(['live.test.ts', 'smoke.test.ts']);
  });
});
