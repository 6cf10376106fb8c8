import { eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { committees, consultationResponses, councils, delegateGroups } from '@hopso/db/schema/index';
import {
  consultationThreshold, opinionLabels, tallyConsultation, type AnswerSet, type ConsultationQuestion, type ConsultationTally,
  type ConsultationThresholdRule, type StoredAnswer,
} from '@hopso/shared/consultation';
import { formatShare, type Threshold } from '@hopso/shared/rules';
import { rulesOf } from '../live/state.ts';
import { vnClock, vnDate } from '../minutes/format.ts';
import { margins, PdfWriter } from '../minutes/writer.ts';
import type { SignatureField } from '../minutes/render.ts';
import { toXlsx } from '../exports/formats.ts';
import type { Cell, Table } from '../exports/tables.ts';
import { progressOf, questionsOf, type ConsultationRow } from './service.ts';

/** Everything the result sheet shows: the tally and, per member of the base, their answers or none. */
export interface ConsultationResult {
  consultation: ConsultationRow;
  council: { name: string; locality: string };
  baseLabel: string;
  threshold: Threshold | null;
  questions: ConsultationQuestion[];
  tally: ConsultationTally;
  people: { memberId: string; fullName: string; title: string | null; answeredAt: Date | null; answers: AnswerSet | null }[];
}

/** The base as the sheet names it ("Thường trực HĐND", "Ban Pháp chế"…). */
async function baseLabel(db: Db, row: ConsultationRow): Promise<string> {
  if (row.baseKind === 'standingCommittee') return 'Thường trực HĐND';
  if (row.baseKind === 'allDelegates') return 'Toàn thể đại biểu HĐND';
  const table = row.baseKind === 'committee' ? committees : delegateGroups;
  const [body] = await db.select({ name: table.name }).from(table).where(eq(table.id, row.baseBodyId!));
  return body?.name ?? '';
}

export async function loadResult(db: Db, row: ConsultationRow): Promise<ConsultationResult> {
  const [questions, progress, responses, [council], rules, label] = await Promise.all([
    questionsOf(db, row.id), progressOf(db, row.id),
    db.select({ memberId: consultationResponses.memberId, answers: consultationResponses.answers }).from(consultationResponses).where(eq(consultationResponses.consultationId, row.id)),
    db.select({ name: councils.name, locality: councils.locality }).from(councils).where(eq(councils.id, row.councilId)),
    rulesOf(db, row.councilId), baseLabel(db, row),
  ]);
  const threshold = consultationThreshold(row.thresholdRule as ConsultationThresholdRule | null, rules);
  const tally = tallyConsultation(questions, progress.map((p) => p.memberId), responses, threshold);
  const byMember = new Map(responses.map((r) => [r.memberId, r.answers]));
  return {
    consultation: row, council: council!, baseLabel: label, threshold, questions, tally,
    people: progress.map((p) => ({ memberId: p.memberId, fullName: p.fullName, title: p.title, answeredAt: p.answeredAt, answers: byMember.get(p.memberId) ?? null })),
  };
}

/** One member's answer to one question as the sheet prints it. */
export function answerText(q: ConsultationQuestion, a: StoredAnswer | undefined): string {
  if (!a) return '';
  const main = q.kind === 'opinion' ? opinionLabels[a.choice ?? 'other'].vi : q.options[a.option ?? -1] ?? '';
  return a.opinion ? `${main}: ${a.opinion}` : main;
}

function thresholdText(t: Threshold, total: number, required: number): string {
  return `${t.strict ? 'quá' : 'ít nhất'} ${t.num}/${t.den} tổng số thành viên được xin ý kiến (cần ${required}/${total})`;
}

function pct(n: { count: number; basisPoints: number }, total: number): string {
  return `${n.count}/${total} (${formatShare(n, 'vi')})`;
}

/**
 * The result sheet (bảng tổng hợp kết quả lấy ý kiến) as a PDF in the minutes' layout and font: counts per
 * question against the base's total, the threshold outcome, every member's answers with the opinions
 * verbatim, who did not answer, and the chair's signature block (where the signing flow puts the signature).
 */
export async function renderResult(r: ConsultationResult, options: { draft: boolean }): Promise<{ pdf: Uint8Array; signatureField: SignatureField }> {
  const c = r.consultation;
  const w = await PdfWriter.create(`Kết quả lấy ý kiến – ${c.title}`);
  const half = w.textWidth * 0.42;
  const top = w.y;
  w.text('HỘI ĐỒNG NHÂN DÂN', { style: 'bold', size: 12.5, align: 'center', width: half, at: top });
  w.text(r.council.locality.toLocaleUpperCase('vi-VN'), { style: 'bold', size: 12.5, align: 'center', width: half, at: top - 17 });
  w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { style: 'bold', size: 11.5, align: 'center', x: half, width: w.textWidth - half, at: top });
  w.text('Độc lập - Tự do - Hạnh phúc', { style: 'bold', size: 12.5, align: 'center', x: half, width: w.textWidth - half, at: top - 17 });
  if (options.draft) w.page.drawText('DỰ THẢO', { x: w.size.width - margins.right - 60, y: w.size.height - margins.top + 8, size: 11, font: w.fonts.bold });
  w.y = top - 60;
  w.text('BẢNG TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN BẰNG VĂN BẢN', { style: 'bold', size: 14, align: 'center', after: 2 });
  w.text(c.title, { style: 'bold', size: 13, align: 'center', after: 12 });
  const body = { align: 'justify', indent: 28, after: 4 } as const;
  const t = r.tally;
  w.text(`Thành phần được xin ý kiến: ${r.baseLabel}; tổng số ${t.total} người. Đã trả lời: ${t.answered}; chưa trả lời: ${t.notAnswered.length}.`, body);
  w.text(`Gửi lúc ${c.sentAt ? `${vnClock(c.sentAt)} ${vnDate(c.sentAt)}` : '…'}; hạn trả lời ${vnClock(c.deadline)} ${vnDate(c.deadline)}${c.closedAt ? `; kết thúc lấy ý kiến lúc ${vnClock(c.closedAt)} ${vnDate(c.closedAt)}` : ''}.`, body);
  if (r.threshold) w.text(`Tiêu chí thông qua: ${thresholdText(r.threshold, t.total, t.questions[0]?.outcome?.required ?? 0)}; người không trả lời được tính là không tán thành.`, body);

  w.text('I. KẾT QUẢ THEO TỪNG CÂU HỎI', { style: 'bold', after: 4 });
  t.questions.forEach((q, i) => {
    w.ensure(80);
    w.text(`Câu ${i + 1}. ${q.text}`, { style: 'bold', after: 2 });
    for (const line of q.counts) w.text(`- ${line.label}: ${pct(line.share, t.total)}.`, { x: 14, after: 1 });
    w.text(`- Chưa trả lời: ${pct(q.notAnswered, t.total)}.`, { x: 14, after: 1 });
    if (q.outcome) {
      const winners = q.kind === 'choice' ? q.outcome.winners.map((k) => q.counts[k]!.label).join(', ') : '';
      w.text(`Kết quả: ${q.outcome.met ? `đạt${winners ? ` (${winners})` : ''}` : 'không đạt'} – cần ${q.outcome.required}/${t.total}.`, { style: 'bold', x: 14, after: 2 });
    }
    for (const o of q.opinions) {
      const who = r.people.find((p) => p.memberId === o.memberId)?.fullName ?? '';
      w.text(`Ý kiến của ${who}: “${o.text}”`, { style: 'italic', x: 14, align: 'justify', after: 1 });
    }
    w.gap(4);
  });

  w.text('II. DANH SÁCH TRẢ LỜI', { style: 'bold', after: 4 });
  const answered = r.people.filter((p) => p.answers);
  // Widths are shares of the text width: the name keeps room for a whole Vietnamese name on one line.
  const qCols = r.questions.map((_, i) => ({ header: `Câu ${i + 1}`, width: Math.max(70, 220 / r.questions.length) }));
  w.table([{ header: 'STT', width: 25, align: 'center' }, { header: 'Họ và tên', width: 140 }, ...qCols, { header: 'Thời gian', width: 65, align: 'center' }],
    answered.map((p, i) => [String(i + 1), p.fullName, ...r.questions.map((q) => answerText(q, p.answers![q.id])), p.answeredAt ? `${vnClock(p.answeredAt)} ${vnDate(p.answeredAt).replace(/^ngày /, '')}` : '']), 9.5);
  w.gap(6);
  w.text('III. CHƯA TRẢ LỜI', { style: 'bold', after: 4 });
  const missing = r.people.filter((p) => !p.answers);
  w.text(missing.length ? missing.map((p, i) => `${i + 1}. ${p.fullName}${p.title ? ` (${p.title})` : ''}`).join('; ') + '.' : 'Không có.', body);

  w.ensure(170);
  w.gap(10);
  const sigTop = w.y;
  const right = w.textWidth / 2;
  w.text('TM. THƯỜNG TRỰC HĐND', { style: 'bold', align: 'center', x: right, width: right, at: sigTop });
  w.text('CHỦ TỊCH', { style: 'bold', align: 'center', x: right, width: right, at: sigTop - 16 });
  w.y = sigTop - 150;
  return { pdf: await w.save(), signatureField: { page: w.doc.getPageCount() - 1, rect: [margins.left + right, sigTop - 156, right, 160] } };
}

/** The result sheet as one spreadsheet: a row per member of the base (answers or "chưa trả lời"), then the counts. */
export function resultTable(r: ConsultationResult): Pick<Table, 'title' | 'columns' | 'rows'> {
  const rows: Cell[][] = r.people.map((p, i) => [
    i + 1, p.fullName, p.title ?? '', p.answers ? 'Đã trả lời' : 'Chưa trả lời',
    ...r.questions.map((q) => answerText(q, p.answers?.[q.id])), p.answeredAt ? p.answeredAt.toISOString() : '',
  ]);
  rows.push([]);
  r.tally.questions.forEach((q, i) => {
    for (const line of q.counts) rows.push(['', `Câu ${i + 1}`, q.text, line.label, line.share.count, r.tally.total, line.share.basisPoints / 100]);
    rows.push(['', `Câu ${i + 1}`, q.text, 'Chưa trả lời', q.notAnswered.count, r.tally.total, q.notAnswered.basisPoints / 100]);
    if (q.outcome) rows.push(['', `Câu ${i + 1}`, q.text, 'Kết quả', q.outcome.met ? 'Đạt' : 'Không đạt', q.outcome.required]);
  });
  const columns = [
    { header: 'STT', width: 6 }, { header: 'Họ và tên', width: 26 }, { header: 'Chức vụ', width: 24 }, { header: 'Trạng thái', width: 14 },
    ...r.questions.map((_, i) => ({ header: `Câu ${i + 1}`, width: 30 })), { header: 'Thời gian trả lời', width: 24 },
  ];
  // Every row as wide as the header: the counts below the members use fewer columns.
  return { title: 'Kết quả lấy ý kiến', columns, rows: rows.map((row) => [...row, ...Array<Cell>(Math.max(0, columns.length - row.length)).fill('')]) };
}

export function resultXlsx(r: ConsultationResult): Promise<Uint8Array> {
  return toXlsx(resultTable(r));
}
