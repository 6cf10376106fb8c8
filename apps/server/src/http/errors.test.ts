import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bilingual } from '@hopso/shared/errors';
import { fieldErrors } from './errors.ts';

describe('fieldErrors', () => {
  const schema = z.object({ title: z.string().min(3), count: z.number(), nested: z.object({ at: z.string().refine(() => false, bilingual('Sai', 'Wrong')) }) });

  it('gives zod’s built-in messages in Vietnamese and English, keyed by path', () => {
    const fields = fieldErrors(schema, { title: 'x', count: 'many', nested: { at: 'y' } });
    expect(Object.keys(fields).sort()).toEqual(['count', 'nested.at', 'title']);
    expect(fields.title![0]!.vi).toMatch(/ký tự/);
    expect(fields.title![0]!.en).toMatch(/characters/);
    expect(fields.count![0]!.vi).not.toBe(fields.count![0]!.en);
  });

  it('splits a schema’s bilingual custom message', () => {
    expect(fieldErrors(schema, { title: 'abc', count: 1, nested: { at: 'y' } })).toEqual({ 'nested.at': [{ vi: 'Sai', en: 'Wrong' }] });
  });

  it('puts errors about the whole body under "_"', () => {
    expect(Object.keys(fieldErrors(schema, 'not an object'))).toEqual(['_']);
  });
});
