import type { Locale } from '@hopso/shared/auth';
import { petitionAttachmentLimits } from '@hopso/shared/petitions';
import { ApiError, NetworkError } from '../api.ts';
import { formatBytes } from '../documents/format.ts';
import type { EmailReceipt, SkippedAttachment } from '@hopso/shared/petitions';

// The clerk's .eml import on the petitions screen: the chosen files are sent one request each, in turn, and
// every file keeps its own outcome, so one malformed message does not stop the others. The server decides
// what is a message; nothing is checked here beyond what the file picker offers.

export type EmlStatus = 'waiting' | 'sending' | 'received' | 'repeated' | 'failed';

/** One chosen file and what became of it (a $state array in the component makes these fields reactive). */
export interface EmlItem {
  readonly key: number;
  readonly file: File;
  status: EmlStatus;
  receipt: EmailReceipt | null;
  error: unknown;
}

let nextKey = 0;

/** New items, waiting, for the files the clerk picked. */
export function emlItems(files: Iterable<File>): EmlItem[] {
  return [...files].map((file) => ({ key: ++nextKey, file, status: 'waiting', receipt: null, error: null }));
}

/**
 * Sends every waiting item, one after another (the server takes one message per request), recording the
 * petition it made — `repeated` when that message had been received before — or the server's error.
 */
export async function importEmails(items: readonly EmlItem[], send: (file: File) => Promise<EmailReceipt>): Promise<void> {
  for (const item of items) {
    if (item.status !== 'waiting') continue;
    item.status = 'sending';
    item.error = null;
    try {
      item.receipt = await send(item.file);
      item.status = item.receipt.petition.repeated ? 'repeated' : 'received';
    } catch (err) {
      item.error = err;
      item.status = 'failed';
    }
  }
}

/**
 * Whether sending the same file again may work: after a lost connection or a server failure, yes; a refusal
 * of the file itself (not an e-mail, too large, no permission) would only come back the same.
 */
export function canRetry(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}

/** How many files ended each way, for the batch's one-line summary. */
export function importSummary(items: readonly EmlItem[]): { received: number; repeated: number; failed: number; waiting: number } {
  const count = (s: EmlStatus) => items.filter((i) => i.status === s).length;
  return { received: count('received'), repeated: count('repeated'), failed: count('failed'), waiting: count('waiting') + count('sending') };
}

/** One skipped attachment as the clerk reads it: its name (or none), size, and the catalogue key and values of why. */
export function skippedLine(s: SkippedAttachment, locale: Locale): { name: string | null; size: string; reasonKey: string; values: Record<string, string | number> } {
  return {
    name: s.filename.trim() || null,
    size: formatBytes(s.bytes, locale),
    reasonKey: `petitions.email.reason.${s.reason}`,
    values: { max: formatBytes(petitionAttachmentLimits.bytes, locale), count: petitionAttachmentLimits.count, type: s.mimeType || '?' },
  };
}
