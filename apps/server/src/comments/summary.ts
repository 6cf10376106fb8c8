import { eq } from 'drizzle-orm';
import { councils, documents, draftCommentPeriods } from '@hopso/db/schema/index';
import { commentPlace, groupComments, type AnswerKind } from '@hopso/shared/comments';
import type { Deps } from '../http/context.ts';
import { appendAudit } from '../audit/log.ts';
import { keepBytes } from '../documents/keep.ts';
import { addVersion } from '../documents/service.ts';
import { rulesOf } from '../live/state.ts';
import { hhmm, vnDate } from '../minutes/format.ts';
import { PdfWriter } from '../minutes/writer.ts';
import type { CommentDocument } from './access.ts';
import { listComments, type CommentWithAuthor } from './service.ts';

const answerLabel: Record<AnswerKind, string> = { accepted: 'Tiếp thu', explained: 'Giải trình' };

export interface SummaryInput {
  locality: string;
  meetingTitle: string;
  draftTitle: string;
  currentVersion: number;
  agencyName: string;
  closesAt: Date;
  madeAt: Date;
  /** Name each delegate (the council's `commentSummaryNames` rule), or write only "Đại biểu". */
  names: boolean;
  comments: CommentWithAuthor[];
}

/**
 * The summary table (bảng tổng hợp tiếp thu, giải trình): one row per comment in the agency's order (by version,
 * page and section), the answer beside it, counts at the end. Landscape A4 in the minutes' serif font.
 */
export async function renderSummary(s: SummaryInput): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const w = await PdfWriter.create(`Bảng tổng hợp ý kiến góp ý — ${s.draftTitle}`, { landscape: true });
  w.text(`HỘI ĐỒNG NHÂN DÂN ${s.locality.toLocaleUpperCase('vi-VN')}`, { style: 'bold', size: 12, after: 10 });
  w.text('BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý', { style: 'bold', size: 14, align: 'center', after: 2 });
  w.text(`Dự thảo: ${s.draftTitle} (phiên bản ${s.currentVersion})`, { style: 'bold', size: 12, align: 'center', after: 2 });
  w.text(`${s.meetingTitle} — Cơ quan soạn thảo: ${s.agencyName}`, { style: 'italic', size: 12, align: 'center', after: 2 });
  w.text(`Thời hạn góp ý: ${hhmm(s.closesAt)} ${vnDate(s.closesAt)}. Lập lúc ${hhmm(s.madeAt)} ${vnDate(s.madeAt)}.`, { style: 'italic', size: 11, align: 'center', after: 10 });
  const ordered = groupComments(s.comments).flatMap((g) => g.comments);
  const rows = ordered.map((c, i) => [
    String(i + 1),
    s.names ? c.authorName : 'Đại biểu',
    commentPlace(c, s.currentVersion),
    c.quote ? `“${c.quote}”\n${c.text}` : c.text,
    c.answer ? answerLabel[c.answer.kind] : 'Chưa trả lời',
    c.answer?.text ?? '',
  ]);
  if (rows.length) {
    w.table([
      { header: 'STT', width: 5, align: 'center' }, { header: 'Đại biểu', width: 14 }, { header: 'Vị trí', width: 12 },
      { header: 'Nội dung góp ý', width: 32 }, { header: 'Hình thức', width: 10 }, { header: 'Nội dung tiếp thu, giải trình', width: 32 },
    ], rows, 10.5);
  } else {
    w.text('Không có ý kiến góp ý.', { align: 'center', after: 8 });
  }
  const count = (k: AnswerKind | null) => ordered.filter((c) => (c.answer?.kind ?? null) === k).length;
  w.text(`Tổng số: ${ordered.length} ý kiến; tiếp thu: ${count('accepted')}; giải trình: ${count('explained')}; chưa trả lời: ${count(null)}.`, { size: 12 });
  const bytes = await w.save();
  return { bytes, pageCount: w.doc.getPageCount() };
}

/**
 * Makes the summary table of a document's comments and files it with the meeting's documents through the
 * document service: a new internal document the first time, a new version of it afterwards, so readers see
 * it like any other document and its "changed" badge when regenerated. Audited in the same transaction.
 */
export async function generateSummary(deps: Deps, d: CommentDocument): Promise<{ documentId: string; replaced: boolean; comments: number }> {
  const { db, now } = deps;
  const period = d.period!;
  const [council] = await db.select({ locality: councils.locality }).from(councils).where(eq(councils.id, d.meeting.councilId));
  const comments = await listComments(db, d.doc.id, d.user.id, true);
  const madeAt = now();
  const pdf = await renderSummary({
    locality: council?.locality ?? '', meetingTitle: d.meeting.title, draftTitle: d.doc.title, currentVersion: d.current?.version ?? 0,
    agencyName: period.agencyName, closesAt: period.closesAt, madeAt, names: (await rulesOf(db, d.meeting.councilId)).commentSummaryNames, comments,
  });
  const sha256 = await keepBytes(deps.blobs, pdf.bytes, { db, pageCount: pdf.pageCount });
  return db.transaction(async (tx) => {
    // Locked, so two generations at once make two versions of one document, never two documents.
    const [locked] = await tx.select().from(draftCommentPeriods).where(eq(draftCommentPeriods.documentId, d.doc.id)).for('update');
    const [existing] = locked?.summaryDocumentId ? await tx.select().from(documents).where(eq(documents.id, locked.summaryDocumentId)) : [];
    const title = `Bảng tổng hợp tiếp thu, giải trình ý kiến góp ý: ${d.doc.title}`.slice(0, 300);
    const documentId = await addVersion(tx, {
      document: existing ?? { meetingId: d.meeting.id, agendaItemId: d.doc.agendaItemId, title, confidentiality: 'internal' },
      sha256, bytes: pdf.bytes.byteLength, pageCount: pdf.pageCount, filename: `bang-tong-hop-gop-y-${d.doc.id.slice(0, 8)}.pdf`, userId: d.user.id, now: madeAt,
    });
    if (!existing) await tx.update(draftCommentPeriods).set({ summaryDocumentId: documentId }).where(eq(draftCommentPeriods.documentId, d.doc.id));
    await appendAudit(tx, {
      action: 'comment.summaryGenerated', councilId: d.meeting.councilId, meetingId: d.meeting.id, targetType: 'document', targetId: d.doc.id,
      details: { summaryDocumentId: documentId, replaced: Boolean(existing), sha256, comments: comments.length },
    });
    return { documentId, replaced: Boolean(existing), comments: comments.length };
  });
}
