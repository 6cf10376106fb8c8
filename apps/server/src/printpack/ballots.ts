import QRCode from 'qrcode';
import { rgb } from 'pdf-lib';
import type { polls } from '@hopso/db/schema/index';
import type { ChoiceLabels } from '@hopso/shared/rules';
import { margins, type PdfWriter } from '../minutes/writer.ts';

type PollRow = typeof polls.$inferSelect;

/**
 * What a ballot form's QR code says: the poll, and for a named poll the delegate too, so a counting desk
 * can scan who filled it in. A secret form's code names the poll only — the form must not identify a voter.
 */
export function ballotCode(poll: Pick<PollRow, 'id' | 'method'>, userId: string): string {
  return poll.method === 'named' ? `hopso:poll:${poll.id}:${userId}` : `hopso:poll:${poll.id}`;
}

const headings: Record<PollRow['kind'], string> = {
  motion: 'PHIẾU BIỂU QUYẾT', dismissal: 'PHIẾU BIỂU QUYẾT', election: 'PHIẾU BẦU', confidencePoll: 'PHIẾU LẤY PHIẾU TÍN NHIỆM', confidenceVote: 'PHIẾU TÍN NHIỆM',
};

/** One ballot form (phiếu) on its own page: the question, a box per choice, the delegate's name on named polls only, a QR code. */
export async function drawBallotForm(w: PdfWriter, poll: PollRow, delegate: { id: string; fullName: string }, labels: ChoiceLabels): Promise<void> {
  w.newPage();
  const qr = await w.doc.embedPng(await QRCode.toBuffer(ballotCode(poll, delegate.id), { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }));
  const side = 84;
  w.page.drawImage(qr, { x: w.size.width - margins.right - side, y: w.size.height - margins.top - side - 18, width: side, height: side });
  w.text(headings[poll.kind], { style: 'bold', size: 16, align: 'center', width: w.textWidth - side - 8, after: 4 });
  w.text(poll.method === 'secret' ? 'Bỏ phiếu kín — không ghi tên, không ký tên' : 'Biểu quyết công khai (ghi tên)', { style: 'italic', size: 12, align: 'center', width: w.textWidth - side - 8, after: 14 });
  if (w.y > w.size.height - margins.top - side - 30) w.y = w.size.height - margins.top - side - 30;
  w.text(poll.title, { style: 'bold', size: 14, after: 10 });
  if (poll.method === 'named') w.text(`Đại biểu: ${delegate.fullName}`, { size: 13, after: 10 });
  const box = (label: string) => {
    w.ensure(30);
    w.page.drawRectangle({ x: margins.left, y: w.y - 16, width: 16, height: 16, borderColor: rgb(0, 0, 0), borderWidth: 1 });
    w.text(label, { x: 26, size: 13, after: 10 });
  };
  const options = poll.options ?? [];
  if (poll.kind === 'motion' || poll.kind === 'dismissal') {
    w.text('Đánh dấu (X) vào một ô:', { style: 'italic', size: 12, after: 8 });
    for (const label of [labels.yes, labels.no, labels.abstain]) box(label);
  } else if (poll.kind === 'confidenceVote') {
    w.text('Đánh dấu (X) vào một ô:', { style: 'italic', size: 12, after: 8 });
    for (const label of ['Tín nhiệm', 'Không tín nhiệm']) box(label);
  } else if (poll.kind === 'election') {
    w.text(`Đánh dấu (X) vào ô của người được bầu, không quá ${poll.seats ?? 1} người:`, { style: 'italic', size: 12, after: 8 });
    for (const o of options) box(o.label);
  } else {
    w.text('Mỗi người, đánh dấu (X) vào một mức: tín nhiệm cao / tín nhiệm / tín nhiệm thấp.', { style: 'italic', size: 12, after: 8 });
    w.table([{ header: 'Người được lấy phiếu tín nhiệm', width: 4 }, { header: 'Tín nhiệm cao', width: 1.4, align: 'center' }, { header: 'Tín nhiệm', width: 1.4, align: 'center' }, { header: 'Tín nhiệm thấp', width: 1.4, align: 'center' }],
      options.map((o) => [o.label, '', '', '']));
  }
  w.gap(16);
  w.text(poll.method === 'secret' ? 'Phiếu giấy dự phòng: bỏ vào hòm phiếu; Ban kiểm phiếu kiểm và ghi biên bản.' : 'Phiếu giấy dự phòng: nộp cho Thư ký kỳ họp (hoặc thư ký điểm cầu) để nhập kết quả.', { style: 'italic', size: 11 });
}
