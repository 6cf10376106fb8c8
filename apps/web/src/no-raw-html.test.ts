import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Svelte escapes every `{expression}`, so user text (titles, petitions, questions, notes) reaches the page as
 * text. The only ways around that are raw-HTML sinks; none is used, and this keeps it so (docs/security.md,
 * XSS). tests/e2e/xss.test.ts checks the rendered result in Chromium.
 */
const sinks = [/\{@html\b/, /\.innerHTML\s*=/, /\.outerHTML\s*=/, /insertAdjacentHTML\s*\(/, /document\.write\s*\(/, /new Function\s*\(/, /\beval\s*\(/];
const src = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(svelte|ts|js)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('web app raw-HTML sinks', () => {
  it('finds the source files', () => {
    expect(sources(src).length).toBeGreaterThan(20);
  });

  it('uses no {@html}, innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function', () => {
    const found = sources(src).flatMap((file) => {
      // Comments may name a sink (hooks.client.ts explains why zod's `new Function` probe is turned off).
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      return sinks.filter((s) => s.test(text)).map((s) => `${relative(src, file)}: ${s.source}`);
    });
    expect(found).toEqual([]);
  });
});
