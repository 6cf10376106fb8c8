import { z } from 'zod';
import { bilingual } from './errors.ts';

// The monthly digital-transformation indicators a council reports under Resolution 57-NQ/TW (DESIGN.md
// "Seed plans"): what counts is decided by the small rules below, the server only counts rows with them.

/** A calendar month in Vietnam, "2026-05". */
export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(monthPattern, bilingual('Tháng phải có dạng YYYY-MM.', 'A month is written YYYY-MM.'));

/** The months shown at most at once (two years). */
export const maxKpiMonths = 24;

/** GET /api/councils/:councilId/kpi?from=2026-01&to=2026-12 */
export const kpiQuery = z.object({ from: month, to: month })
  .refine((q) => q.from <= q.to, { message: bilingual('Tháng cuối phải sau tháng đầu.', 'The last month must come after the first.'), path: ['to'] })
  .refine((q) => monthsBetween(q.from, q.to).length <= maxKpiMonths, { message: bilingual(`Tối đa ${maxKpiMonths} tháng.`, `At most ${maxKpiMonths} months.`), path: ['from'] });
export type KpiQuery = z.input<typeof kpiQuery>;

/** GET /api/councils/:councilId/kpi/:month.{xlsx,csv}: one month's report. */
export const kpiExportFormats = ['xlsx', 'csv'] as const;
export type KpiExportFormat = (typeof kpiExportFormats)[number];

/** The instants a Vietnam calendar month starts and ends (exclusive): 2026-05 → 2026-04-30T17:00Z … 2026-05-31T17:00Z. */
export function monthBounds(m: string): { start: Date; end: Date } {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(y, mo - 1, 1, -7)), end: new Date(Date.UTC(y, mo, 1, -7)) };
}

/** The Vietnam month of an instant, or of a calendar date ("2026-05-31" → "2026-05"). */
export function monthOf(at: Date | string): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at.slice(0, 7);
  return new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 7);
}

/** Every month from `from` to `to`, both included, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to) break;
    out.push(key);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** A share in percent with one decimal (66.7), or null when there is nothing to count (never a made-up 0 or 100). */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/**
 * A held meeting is paperless when nothing of it went on paper: no poll decided by a paper ballot count and
 * no document issued on paper only (secret documents, which are never sent to tablets).
 */
export function isPaperless(m: { paperPolls: number; paperOnlyDocuments: number }): boolean {
  return m.paperPolls === 0 && m.paperOnlyDocuments === 0;
}

/** A session document counts as delivered when it went out as a PDF through the system before the send-ahead deadline. */
export function deliveredOnTime(d: { hasPdf: boolean; late: boolean }): boolean {
  return d.hasPdf && !d.late;
}

/** A petition is answered on time when answered on or before its deadline (Vietnam dates); with no deadline, answered at all. */
export function answeredOnTime(p: { answeredOn: string | null; deadline: string | null }): boolean {
  return p.answeredOn !== null && (p.deadline === null || p.answeredOn <= p.deadline);
}

/** What the server counts for one month. */
export interface KpiCounts {
  month: string;
  meetingsHeld: number;
  meetingsPaperless: number;
  resolutionsAdopted: number;
  resolutionsSigned: number;
  sessionDocuments: number;
  documentsOnTime: number;
  /** Petitions received in the month, on every channel (merged duplicates included: each is a voter's petition). */
  petitionsReceived: number;
  /** Petitions answered in the month, and of them those answered by their deadline. */
  petitionsAnswered: number;
  petitionsAnsweredOnTime: number;
  supervisionDone: number;
}

/** One month (or the total) of the dashboard: the counts and the shares computed from them. */
export interface KpiMonth extends KpiCounts {
  paperlessPct: number | null;
  signedPct: number | null;
  onTimePct: number | null;
  petitionsOnTimePct: number | null;
}

/** The shares of one month's counts. */
export function kpiMonth(c: KpiCounts): KpiMonth {
  return {
    ...c,
    paperlessPct: percent(c.meetingsPaperless, c.meetingsHeld),
    signedPct: percent(c.resolutionsSigned, c.resolutionsAdopted),
    onTimePct: percent(c.documentsOnTime, c.sessionDocuments),
    petitionsOnTimePct: percent(c.petitionsAnsweredOnTime, c.petitionsAnswered),
  };
}

/** The period's total: counts added up and shares computed from the sums (not an average of monthly shares). */
export function kpiTotal(months: KpiCounts[], label: string): KpiMonth {
  const sum = (k: keyof Omit<KpiCounts, 'month'>) => months.reduce((s, m) => s + m[k], 0);
  return kpiMonth({
    month: label, meetingsHeld: sum('meetingsHeld'), meetingsPaperless: sum('meetingsPaperless'),
    resolutionsAdopted: sum('resolutionsAdopted'), resolutionsSigned: sum('resolutionsSigned'),
    sessionDocuments: sum('sessionDocuments'), documentsOnTime: sum('documentsOnTime'),
    petitionsReceived: sum('petitionsReceived'), petitionsAnswered: sum('petitionsAnswered'), petitionsAnsweredOnTime: sum('petitionsAnsweredOnTime'),
    supervisionDone: sum('supervisionDone'),
  });
}

/** GET /api/councils/:councilId/kpi */
export interface KpiReport {
  ok: true;
  councilId: string;
  councilName: string;
  months: KpiMonth[];
  total: KpiMonth;
  /** Supervision topics done in each month's calendar year up to that month (the plan: at least one a year). */
  supervisionDoneYearToDate: Record<string, number>;
}

/** Supervision topics done in the year of `m` up to and including `m`, from the months' done dates. */
export function doneYearToDate(doneOn: string[], m: string): number {
  const year = m.slice(0, 4);
  return doneOn.filter((d) => d.slice(0, 4) === year && d.slice(0, 7) <= m).length;
}

/**
 * The rows of the monthly report, indicators down the side as a higher-level report lists them, in Vietnamese
 * (the language of the report): number, indicator, result, numerator, denominator, how it is counted.
 */
export function kpiReportRows(m: KpiMonth, yearToDate: number): (string | number)[][] {
  const pct = (v: number | null) => (v === null ? 'Không phát sinh' : `${v.toLocaleString('vi-VN')}%`);
  return [
    [1, 'Tỷ lệ kỳ họp, cuộc họp tổ chức không giấy', pct(m.paperlessPct), m.meetingsPaperless, m.meetingsHeld, 'Cuộc họp đã diễn ra không dùng phiếu giấy, không phát hành tài liệu bản giấy'],
    [2, 'Tỷ lệ nghị quyết được ký số', pct(m.signedPct), m.resolutionsSigned, m.resolutionsAdopted, 'Nghị quyết đã ký số / dự thảo được biểu quyết thông qua trong tháng'],
    [3, 'Tỷ lệ tài liệu kỳ họp gửi dạng PDF đúng hạn', pct(m.onTimePct), m.documentsOnTime, m.sessionDocuments, 'Tài liệu gửi qua hệ thống trước thời hạn gửi tài liệu của HĐND'],
    [4, 'Số kiến nghị cử tri tiếp nhận', m.petitionsReceived, '', '', 'Tiếp nhận qua cổng thông tin, thư điện tử, Zalo, tiếp xúc cử tri'],
    [5, 'Số kiến nghị được trả lời đúng hạn', m.petitionsAnsweredOnTime, m.petitionsAnsweredOnTime, m.petitionsAnswered, `Trả lời trong hạn / đã trả lời trong tháng (${pct(m.petitionsOnTimePct)})`],
    [6, 'Số cuộc giám sát chuyên đề hoàn thành', m.supervisionDone, '', '', `Lũy kế từ đầu năm: ${yearToDate}`],
  ];
}
