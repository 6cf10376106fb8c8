import { describe, expect, it } from 'vitest';
import { importProblems } from './importRows.ts';

describe('importProblems', () => {
  it('lists one problem per field message, by line', () => {
    expect(
      importProblems([
        { line: 5, errors: { role: ['role must be chair, secretary, clerk, delegate or guest'] } },
        { line: 3, errors: { email: ['Invalid email'], phone: ['too short', 'not a number'] } },
      ]),
    ).toEqual([
      { line: 3, field: 'email', message: 'Invalid email' },
      { line: 3, field: 'phone', message: 'too short' },
      { line: 3, field: 'phone', message: 'not a number' },
      { line: 5, field: 'role', message: 'role must be chair, secretary, clerk, delegate or guest' },
    ]);
  });

  it('keeps a row that has no detail so its line still shows', () => {
    expect(importProblems([{ line: 2, errors: {} }])).toEqual([{ line: 2, field: '', message: '' }]);
  });

  it('returns nothing when there are no rows', () => {
    expect(importProblems(undefined)).toEqual([]);
  });
});
