import { formatShare } from '@hopso/shared/rules';
import { itemSection } from '@hopso/shared/record';
import type { MeetingRecord } from './data.ts';
import { hhmm, placeName, pollMethodLabel, tally, vnClock, vnDate } from './format.ts';
import { pollOutcome, pollTally } from './polls.ts';
import { margins, PdfWriter } from './writer.ts';

const levelPrefix: Record<string, string> = { commune: 'xã', ward: 'phường', province: 'tỉnh' };
const body = { align: 'justify', indent: 28, after: 4 } as const;

/** The sections the secretary writes narrative for, in document order (also the draft editor's list). */
export function minutesSections(record: MeetingRecord): { key: string; title: string }[] {
  return [
    { key: 'opening', title: 'Mở đầu (trước chương trình)' },
    ...record.items.map((i) => ({ key: itemSection(i.id), title: `${i.number}. ${i.title}` })),
    { key: 'free', title: 'Ý kiến khác' },
    { key: 'closing', title: 'Kết thúc' },
  ];
}

/** Header of NĐ30 Appendix I: the council on the left, the national motto on the right, number and date line below. */
function header(w: PdfWriter, r: MeetingRecord, draft: boolean): void {
  const leftWidth = w.textWidth * 0.4;
  const rightX = leftWidth;
  const rightWidth = w.textWidth - leftWidth;
  const top = w.y;
  const unit = r.council.locality.toLocaleUpperCase('vi-VN');
  w.text('HỘI ĐỒNG NHÂN DÂN', { style: 'bold', size: 12.5, align: 'center', width: leftWidth, at: top });
  const leftUsed = w.text(unit, { style: 'bold', size: 12.5, align: 'center', width: leftWidth, at: top - 17 }) + 17;
  w.rule(margins.left + leftWidth / 2, 50, top - leftUsed - 2);
  w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { style: 'bold', size: 12, align: 'center', x: rightX, width: rightWidth, at: top });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  w.text(motto, { style: 'bold', size: 13, align: 'center', x: rightX, width: rightWidth, at: top - 17 });
  w.rule(margins.left + rightX + rightWidth / 2, w.fonts.bold.widthOfTextAtSize(motto, 13), top - 17 - 17);
  const second = top - Math.max(leftUsed, 36) - 12;
  w.text(`Số: ${r.code ?? '......'}/BB-HĐND`, { size: 13, align: 'center', width: leftWidth, at: second });
  w.text(`${placeName(r.council.locality)}, ${vnDate(r.startedAt)}`, { style: 'italic', size: 13, align: 'center', x: rightX, width: rightWidth, at: second });
  if (draft) {
    w.page.drawText('DỰ THẢO', { x: w.size.width - margins.right - w.fonts.bold.widthOfTextAtSize('DỰ THẢO', 11) - 2, y: w.size.height - margins.top + 8, size: 11, font: w.fonts.bold });
  }
  w.y = second - 40;
}

function note(w: PdfWriter, r: MeetingRecord, key: string): void {
  const text = r.notes[key]?.trim();
  if (text) for (const para of text.split(/\n+/)) w.text(para, body);
}

function heading(w: PdfWriter, text: string): void {
  w.ensure(60);
  w.gap(4);
  w.text(text, { style: 'bold', after: 4 });
}

function attendanceSection(w: PdfWriter, r: MeetingRecord): void {
  heading(w, 'I. THÀNH PHẦN THAM DỰ');
  const delegates = r.attendance.filter((a) => a.isDelegate);
  const late = delegates.filter((a) => a.status === 'late');
  const absent = delegates.filter((a) => a.status !== 'present' && a.status !== 'late');
  const q = r.quorum;
  w.text(`Tổng số đại biểu Hội đồng nhân dân ${levelPrefix[r.council.level] ?? ''}: ${q.total} đại biểu. Có mặt: ${q.present}/${q.total} đại biểu (${formatShare({ count: q.present, basisPoints: q.total ? Math.round((q.present * 10_000) / q.total) : 0 }, 'vi')}), trong đó đến muộn: ${late.length}. Vắng mặt: ${absent.length} đại biểu.`, body);
  w.text(q.reached
    ? `Số đại biểu có mặt bảo đảm từ ${q.required}/${q.total} đại biểu trở lên, đủ điều kiện tiến hành kỳ họp theo quy định.`
    : `Số đại biểu có mặt chưa đạt ${q.required}/${q.total} đại biểu theo quy định.`, body);
  if (late.length) w.text(`Đại biểu đến muộn: ${late.map((a) => `${a.fullName}${a.at ? ` (${hhmm(a.at)})` : ''}`).join('; ')}.`, body);
  if (absent.length) w.text(`Đại biểu vắng mặt: ${absent.map((a) => `${a.fullName} (${a.reason ? `lý do: ${a.reason}` : a.status === 'absent' ? 'không báo lý do' : 'không điểm danh'})`).join('; ')}.`, body);
  const others = r.attendance.filter((a) => !a.isDelegate && (a.status === 'present' || a.status === 'late'));
  if (others.length) w.text(`Khách mời và thành phần khác tham dự: ${others.map((a) => a.fullName).join('; ')}.`, body);
}

function agendaSection(w: PdfWriter, r: MeetingRecord): void {
  heading(w, 'II. NỘI DUNG VÀ DIỄN BIẾN KỲ HỌP');
  note(w, r, 'opening');
  for (const item of r.items) {
    w.ensure(50);
    const when = item.liveAt ? `từ ${hhmm(item.liveAt)}${item.endAt ? ` đến ${hhmm(item.endAt)}` : ''}` : item.status === 'postponed' ? 'hoãn' : 'không diễn ra';
    w.text(`${item.number}. ${item.title}`, { style: 'bold', x: item.depth * 14, after: 2 });
    w.text(`(${when}${item.presenter ? `; trình bày: ${item.presenter}` : ''})`, { style: 'italic', x: item.depth * 14, after: 3 });
    note(w, r, itemSection(item.id));
    const speakers = r.speakers.filter((s) => s.agendaItemId === item.id);
    if (speakers.length) w.text(`Phát biểu: ${speakers.map((s) => `${s.fullName} (${hhmm(s.startedAt)}${s.endedAt ? `–${hhmm(s.endedAt)}` : ''})`).join('; ')}.`, body);
    const polls = r.polls.filter((p) => p.agendaItemId === item.id);
    if (polls.length) w.text(`Biểu quyết: ${polls.map((p) => `${p.title} – ${pollOutcome(p)}`).join('; ')} (chi tiết tại mục IV).`, body);
  }
  const loose = r.speakers.filter((s) => !r.items.some((i) => i.id === s.agendaItemId));
  if (loose.length) w.text(`Phát biểu khác: ${loose.map((s) => s.fullName).join('; ')}.`, body);
}

function questionSection(w: PdfWriter, r: MeetingRecord): void {
  if (!r.questions.length) return;
  heading(w, 'III. CHẤT VẤN VÀ TRẢ LỜI CHẤT VẤN');
  r.questions.forEach((q, i) => {
    const follow = q.parentId ? ' (chất vấn lại)' : '';
    w.text(`${i + 1}. Đại biểu ${q.askerName} chất vấn ${q.addressee}${follow}: ${q.content}`, body);
    if (q.status === 'merged') w.text('Được gộp với câu hỏi cùng nội dung.', { ...body, style: 'italic' });
    else if (q.answerText || q.answeredOrally) w.text(`Trả lời${q.answeredOrally ? ' trực tiếp tại kỳ họp' : ''}: ${q.answerText ?? ''}`, body);
    else if (q.writtenAnswerDue) w.text(`Trả lời bằng văn bản, hạn ${vnDate(new Date(q.writtenAnswerDue))}.`, { ...body, style: 'italic' });
  });
}

function pollSection(w: PdfWriter, r: MeetingRecord): void {
  heading(w, 'IV. KẾT QUẢ BIỂU QUYẾT');
  if (!r.polls.length) w.text('Không có nội dung biểu quyết.', body);
  r.polls.forEach((p, i) => {
    w.ensure(90);
    w.text(`${i + 1}. ${p.title}`, { style: 'bold', after: 2 });
    w.text(`Hình thức: ${pollMethodLabel(p)}; tổng số đại biểu: ${p.totalDelegates ?? 0}; số phiếu: ${p.cast}${p.closedAt ? `; kết thúc lúc ${hhmm(p.closedAt)}` : ''}.`, { ...body, after: 2 });
    if (p.paper) {
      w.text(`Biên bản kiểm phiếu: phiếu phát ra ${p.paper.issued}, thu vào ${p.paper.returned}, hợp lệ ${p.paper.valid}, không hợp lệ ${p.paper.invalid}; Ban kiểm phiếu: ${p.paper.committee.join(', ')}.`, { ...body, x: 14, after: 2 });
    }
    for (const line of pollTally(p, r.choiceLabels)) {
      w.text(`- ${line.label}: ${tally(line.share, p.totalDelegates ?? 0)}${line.names?.length ? `: ${line.names.join(', ')}` : ''}.`, { x: 14, align: 'justify', after: 1 });
    }
    w.text(`Kết quả: ${pollOutcome(p)}.`, { style: 'bold', x: 14, after: 6 });
  });
}

function resolutionSection(w: PdfWriter, r: MeetingRecord): void {
  heading(w, 'V. CÁC NGHỊ QUYẾT ĐÃ ĐƯỢC THÔNG QUA');
  const adopted = r.resolutions.length
    ? r.resolutions.map((x) => `Nghị quyết số ${x.code}: ${x.title}.`)
    : r.polls.filter((p) => p.result?.adopted).map((p) => `${p.title} (${p.result!.yes.count}/${p.result!.total} đại biểu tán thành).`);
  if (!adopted.length) w.text('Không có.', body);
  adopted.forEach((line, i) => w.text(`${i + 1}. ${line}`, body));
}

/** Where the chair signs the final minutes: page index and [x, y, width, height] in points. */
export interface SignatureField {
  page: number;
  rect: [number, number, number, number];
}

/**
 * The signature block: secretary on the left, chair on the right, with room for the signatures. The chair's
 * field is a box of the standard appearance height (160 pt) whose image area falls between the printed title
 * and name, so the signature image (and the seal over it) lands in that gap; its text rows stay empty.
 */
function signatures(w: PdfWriter, r: MeetingRecord): SignatureField {
  w.ensure(165);
  w.gap(10);
  const half = w.textWidth / 2;
  const top = w.y;
  w.text('THƯ KÝ', { style: 'bold', align: 'center', width: half, at: top });
  w.text('CHỦ TỌA', { style: 'bold', align: 'center', x: half, width: half, at: top });
  w.text(r.secretaries.join(', '), { style: 'bold', align: 'center', width: half, at: top - 112 });
  w.text(r.chairs.join(', '), { style: 'bold', align: 'center', x: half, width: half, at: top - 112 });
  w.y = top - 140;
  return { page: w.doc.getPageCount() - 1, rect: [margins.left + half, top - 146, half, 160] };
}

/** Renders the minutes (biên bản) PDF; a draft carries "DỰ THẢO" at the top of the first page. */
export async function renderMinutes(r: MeetingRecord, options: { draft: boolean }): Promise<Uint8Array> {
  return (await layOutMinutes(r, options)).pdf;
}

/** The minutes PDF with where the chair's signature goes (kept when the minutes are finalised). */
export async function layOutMinutes(r: MeetingRecord, options: { draft: boolean }): Promise<{ pdf: Uint8Array; signatureField: SignatureField }> {
  const w = await PdfWriter.create(`Biên bản – ${r.meeting.title}`);
  header(w, r, options.draft);
  w.text('BIÊN BẢN', { style: 'bold', size: 14, align: 'center', after: 2 });
  w.text(r.meeting.title, { style: 'bold', size: 13.5, align: 'center', after: 2 });
  w.rule(w.size.width / 2 + (margins.left - margins.right) / 2, 120, w.y - 2);
  w.gap(16);
  const ended = r.endedAt ? `, kết thúc lúc ${vnClock(r.endedAt)} ${vnDate(r.endedAt)}` : '';
  w.text(`Thời gian: bắt đầu lúc ${vnClock(r.startedAt)} ${vnDate(r.startedAt)}${ended}.`, body);
  w.text(`Địa điểm: ${r.meeting.place}.`, body);
  w.text(`Chủ tọa: ${r.chairs.join(', ') || '.....'}. Thư ký: ${r.secretaries.join(', ') || '.....'}.`, body);
  attendanceSection(w, r);
  agendaSection(w, r);
  questionSection(w, r);
  pollSection(w, r);
  resolutionSection(w, r);
  if (r.notes.free?.trim()) {
    heading(w, 'VI. Ý KIẾN KHÁC');
    note(w, r, 'free');
  }
  w.gap(6);
  note(w, r, 'closing');
  if (r.endedAt) w.text(`Kỳ họp kết thúc lúc ${vnClock(r.endedAt)} cùng ngày.`, body);
  const signatureField = signatures(w, r);
  return { pdf: await w.save(), signatureField };
}
