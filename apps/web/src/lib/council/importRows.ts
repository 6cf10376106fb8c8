import type { Locale } from '@hopso/shared/auth';
import type { ImportRowError } from '@hopso/shared/errors';

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

/** One table row per problem (line, field, message), ordered by line, as the secretary fixes the file top-down. */
export function importProblems(rows: readonly ImportRowError[] | undefined, locale: Locale): ImportProblem[] {
  if (!rows) return [];
  return [...rows]
    .sort((a, b) => a.line - b.line)
    .flatMap((row) => {
      const entries = Object.entries(row.errors);
      if (entries.length === 0) return [{ line: row.line, field: '', message: '' }];
      return entries.flatMap(([field, messages]) =>
        (messages.length ? messages.map((m) => m[locale]) : ['']).map((message) => ({ line: row.line, field, message })),
      );
    });
}
