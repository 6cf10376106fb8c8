import { describe, expect, it } from 'vitest';
import { labelledFields } from '../errors.ts';
import vi from './vi.json';

describe('field labels', () => {
  it('has a translated label for every field the error display knows', () => {
    for (const field of labelledFields) expect(vi, field).toHaveProperty([`field.${field}`]);
  });
});
