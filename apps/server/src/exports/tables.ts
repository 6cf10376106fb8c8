import type { ExportTable } from '@hopso/shared/record';
import type { MeetingRecord } from '../minutes/data.ts';
import { hhmm, pollMethodLabel, roleLabel, statusLabel } from '../minutes/format.ts';
import { pollOutcome, pollTally } from '../minutes/polls.ts';

export type Cell = string | number;

/** One exported table: the same rows go to CSV, XLSX and PDF, so the three formats always agree. */
export interface Table {
  name: ExportTable;
  title: string;
  columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[];
  rows: Cell[][];
}

/** Attendance (điểm danh): every invitee, delegates first, with status, time and reason. */
export function attendanceTable(r: MeetingRecord): Table {
  return {
    name: 'attendance',
    title: 'Danh sách điểm danh',
    columns: [
      { header: 'STT', width: 6, align: 'center' }, { header: 'Họ và tên', width: 24 }, { header: 'Vai trò', width: 14 },
      { header: 'Đại biểu', width: 9, align: 'center' }, { header: 'Trạng thái', width: 12 }, { header: 'Giờ', width: 8, align: 'center' },
      { header: 'Lý do', width: 24 },
    ],
    rows: r.attendance.map((a, i) => [
      i + 1, a.fullName, roleLabel[a.role] ?? a.role, a.isDelegate ? 'Có' : 'Không',
      a.status ? statusLabel[a.status] : 'Chưa điểm danh', hhmm(a.at), a.reason ?? '',
    ]),
  };
}

/**
 * Poll results (kết quả biểu quyết): one row per choice, candidate or official level of every closed poll,
 * with the count, its share of the total in percent, the outcome, and for named polls the names.
 */
export function pollTable(r: MeetingRecord): Table {
  return {
    name: 'polls',
    title: 'Kết quả biểu quyết',
    columns: [
      { header: 'STT', width: 6, align: 'center' }, { header: 'Nội dung biểu quyết', width: 24 }, { header: 'Hình thức', width: 12 },
      { header: 'Lựa chọn', width: 16 }, { header: 'Số phiếu', width: 8, align: 'right' }, { header: 'Tổng số đại biểu', width: 9, align: 'right' },
      { header: 'Tỷ lệ (%)', width: 8, align: 'right' }, { header: 'Kết quả', width: 20 }, { header: 'Danh sách (biểu quyết công khai)', width: 30 },
    ],
    rows: r.polls.flatMap((p, i) => pollTally(p, r.choiceLabels).map((line) => [
      i + 1, p.title, pollMethodLabel(p), line.label, line.share.count, p.totalDelegates ?? 0,
      line.share.basisPoints / 100, pollOutcome(p), line.names?.join('; ') ?? '',
    ])),
  };
}

export const tables: Record<ExportTable, (r: MeetingRecord) => Table> = { attendance: attendanceTable, polls: pollTable };

/** File names inside downloads and the ZIP (ASCII, Vietnamese words). */
export const tableFileNames: Record<ExportTable, string> = { attendance: 'diem-danh', polls: 'bieu-quyet' };
