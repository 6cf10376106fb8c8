import { describe, expect, it } from 'vitest';
import { importProblems } from './importRows.ts';

describe('importProblems', () => {
  it('lists one problem per field message, by line', () => {
    expect(
      importProblems([
        { line: 5, errors: { role: [{ vi: 'Vai trò không hợp lệ', en: 'Invalid role' }] } },
        { line: 3, errors: { email: [{ vi: 'E-mail sai', en: 'Invalid email' }], phone: [{ vi: 'quá ngắn', en: 'too short' }, { vi: 'không phải số', en: 'not a number' }] } },
      ], 'en'),
    ).toEqual([
      { line: 3, field: 'email', message: 'Invalid email' },
      { line: 3, field: 'phone', message: 'too short' },
      { line: 3, field: 'phone', message: 'not a number' },
      { line: 5, field: 'role', message: 'Invalid role' },
    ]);
  });

  it('shows the messages in the UI language', () => {
    expect(importProblems([{ line: 4, errors: { email: [{ vi: 'E-mail sai', en: 'Invalid email' }] } }], 'vi')).toEqual([{ line: 4, field: 'email', message: 'E-mail sai' }]);
  });

  it('keeps a row that has no detail so its line still shows', () => {
    expect(importProblems([{ line: 2, errors: {} }], 'vi')).toEqual([{ line: 2, field: '', message: '' }]);
  });

  it('returns nothing when there are no rows', () => {
    expect(importProblems(undefined, 'vi')).toEqual([]);
  });
});
