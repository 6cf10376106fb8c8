import { formatShare, type Share } from '@hopso/shared/rules';
import { vietnamDateParts } from '@hopso/shared/time';
import type { PollView } from '@hopso/shared/live';

const two = (n: number) => String(n).padStart(2, '0');

/** "ngày 15 tháng 12 năm 2026", as administrative documents date themselves (Vietnam time). */
export function vnDate(d: Date): string {
  const p = vietnamDateParts(d.toISOString());
  return `ngày ${two(p.day)} tháng ${two(p.month)} năm ${p.year}`;
}

/** "08 giờ 05" (Vietnam time). */
export function vnClock(d: Date): string {
  const p = vietnamDateParts(d.toISOString());
  return `${two(p.hour)} giờ ${two(p.minute)}`;
}

/** "08:05" (Vietnam time), for tables and short mentions. */
export function hhmm(d: Date | string | null): string {
  if (!d) return '';
  const p = vietnamDateParts(new Date(d).toISOString());
  return `${two(p.hour)}:${two(p.minute)}`;
}

/** "18/25 (72,00%)": a count against the total with its share. */
export function tally(s: Share, total: number): string {
  return `${s.count}/${total} (${formatShare(s, 'vi')})`;
}

/** "Xã Tân Phú" → "Tân Phú": the place name for the date line. */
export function placeName(locality: string): string {
  return locality.replace(/^(xã|phường|thị trấn|tỉnh|thành phố|huyện|quận)\s+/i, '');
}

export const methodLabel: Record<PollView['method'], string> = {
  named: 'biểu quyết điện tử công khai',
  secret: 'bỏ phiếu kín',
  hands: 'biểu quyết giơ tay',
};

/** How a poll was decided, in the record's words: a secret ballot counted from paper says so (phiếu giấy). */
export function pollMethodLabel(p: Pick<PollView, 'method' | 'paper'>): string {
  return p.paper ? 'bỏ phiếu kín bằng phiếu giấy (phiếu giấy, theo biên bản kiểm phiếu)' : methodLabel[p.method];
}

export const statusLabel = { present: 'Có mặt', late: 'Đến muộn', absent: 'Vắng mặt' } as const;
export const roleLabel: Record<string, string> = {
  admin: 'Quản trị', chair: 'Chủ tịch HĐND', secretary: 'Thư ký', clerk: 'Chuyên viên', delegate: 'Đại biểu', guest: 'Khách mời',
};
