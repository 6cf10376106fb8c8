import type { Locale } from '@hopso/shared/auth';
import type { ReadReceipt } from '@hopso/shared/document';

/** The shortest title the server accepts (uploadDocumentQuery). */
const minTitle = 2;

/**
 * A document title proposed from its file name: without ".pdf", underscores as spaces, in NFC (files
 * copied from a Mac carry decomposed Vietnamese letters, which would not match what people type).
 */
export function titleFromFilename(filename: string): string {
  const name = filename.normalize('NFC').replace(/\.pdf$/i, '').replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
  return name.length >= minTitle ? name : filename.normalize('NFC').trim();
}

const units = ['B', 'KB', 'MB', 'GB'] as const;

/** A file size as people read it on their computers (1024-based): "1,2 MB" in Vietnamese, "1.2 MB" in English. */
export function formatBytes(bytes: number, locale: Locale): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}

/** Whether a picked or dropped file looks like a PDF; the server still checks the bytes themselves. */
export function looksLikePdf(file: { name: string; type: string }): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

/** Share of invited delegates who opened a document, in whole percent (0 when nobody is invited). */
export function readShare(receipt: Pick<ReadReceipt, 'delegatesOpened' | 'delegatesInvited'>): { opened: number; invited: number; percent: number } {
  const invited = receipt.delegatesInvited;
  const opened = Math.min(receipt.delegatesOpened, invited);
  return { opened, invited, percent: invited > 0 ? Math.round((opened * 100) / invited) : 0 };
}
