import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';
import type { ExportFormat } from '@hopso/shared/record';
import type { MeetingRecord } from '../minutes/data.ts';
import { vnDate } from '../minutes/format.ts';
import { PdfWriter } from '../minutes/writer.ts';
import type { Table } from './tables.ts';

/** CSV with a UTF-8 byte order mark, so spreadsheet programs read the Vietnamese letters right. */
export function toCsv(table: Pick<Table, 'columns' | 'rows'>): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${Papa.unparse([table.columns.map((c) => c.header), ...table.rows])}\r\n`);
}

/** XLSX: one sheet, bold header row, numbers kept as numbers. */
export async function toXlsx(table: Pick<Table, 'title' | 'columns' | 'rows'>): Promise<Uint8Array> {
  const header = table.columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const data = [header, ...table.rows.map((row) => row.map((value) => ({ value })))];
  const buffer = await writeXlsxFile([{ data, sheet: table.title.slice(0, 31), columns: table.columns.map((c) => ({ width: c.width })) }]).toBuffer();
  return new Uint8Array(buffer);
}

/** PDF: the council and meeting above the table, in the same serif font as the minutes. */
export async function toPdf(table: Table, r: MeetingRecord): Promise<Uint8Array> {
  const w = await PdfWriter.create(`${table.title} – ${r.meeting.title}`, { landscape: true });
  w.text(r.council.name.toLocaleUpperCase('vi-VN'), { style: 'bold', size: 12 });
  w.gap(8);
  w.text(table.title.toLocaleUpperCase('vi-VN'), { style: 'bold', size: 14, align: 'center', after: 2 });
  w.text(`${r.meeting.title} – ${vnDate(r.startedAt)}`, { style: 'italic', size: 12, align: 'center', after: 10 });
  w.table(table.columns, table.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('vi-VN') : cell))), 9.5);
  return w.save();
}

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Renders a table in one of the export formats. */
export function renderTable(table: Table, format: ExportFormat, r: MeetingRecord): Promise<Uint8Array> | Uint8Array {
  return format === 'csv' ? toCsv(table) : format === 'xlsx' ? toXlsx(table) : toPdf(table, r);
}
