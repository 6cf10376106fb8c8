import Papa from 'papaparse';
import { memberImportColumns, memberImportRow, type MemberImportRow } from '@hopso/shared/member';
import type { ImportRowError } from '@hopso/shared/errors';
import { fieldError, fieldErrors } from '../http/errors.ts';

export interface ParsedImport {
  rows: { line: number; row: MemberImportRow }[];
  errors: ImportRowError[];
}

/**
 * Parses and validates a delegate CSV completely before anything is written, so the caller can reject the
 * whole file with one report. Lines are numbered as in a spreadsheet (the header is line 1).
 */
export function parseMemberCsv(csv: string): ParsedImport {
  const text = csv.replace(/^\uFEFF/, ''); // Excel writes a BOM before UTF-8 CSV
  const delimiter = Papa.parse(text.split(/\r?\n/, 1)[0] ?? '', { delimitersToGuess: [',', ';', '\t'] }).meta.delimiter;
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    delimiter,
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const headers = result.meta.fields ?? [];
  const missing = memberImportColumns.filter((col) => !headers.includes(col));
  if (missing.length) return { rows: [], errors: [{ line: 1, errors: fieldError('header', `Thiếu cột: ${missing.join(', ')}`, `Missing columns: ${missing.join(', ')}`) }] };

  const rows: ParsedImport['rows'] = [];
  const errors: ImportRowError[] = [];
  const emails = new Map<string, number>();
  result.data.forEach((record, index) => {
    const line = index + 2;
    if (Object.values(record).every((v) => (v ?? '').trim() === '')) return;
    const parsed = memberImportRow.safeParse(record);
    if (!parsed.success) {
      errors.push({ line, errors: fieldErrors(memberImportRow, record) });
      return;
    }
    const { email } = parsed.data;
    if (email && emails.has(email)) {
      errors.push({ line, errors: fieldError('email', `Trùng với dòng ${emails.get(email)}`, `Duplicate of line ${emails.get(email)}`) });
      return;
    }
    if (email) emails.set(email, line);
    rows.push({ line, row: parsed.data });
  });
  for (const e of result.errors) {
    if (e.code === 'TooFewFields' || e.code === 'TooManyFields') continue; // the row's own validation reports it
    const line = (e.row ?? 0) + 2;
    if (!errors.some((x) => x.line === line)) errors.push({ line, errors: fieldError('_', `Dòng không đọc được: ${e.message}`, `Unreadable line: ${e.message}`) });
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 2, errors: fieldError('_', 'Tệp không có dòng dữ liệu nào', 'The file has no rows') });
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

/** A login name from a Vietnamese full name: "Nguyễn Văn Đức" → "nguyenvanduc". */
export function usernameFromName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 40) || 'user';
}
