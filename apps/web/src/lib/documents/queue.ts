import type { MeetingDocument } from '@hopso/shared/document';
import type { UploadMeta } from './upload.ts';

export type UploadStatus = 'ready' | 'uploading' | 'done' | 'failed';

/** Problems found before sending anything, shown beside the file in the UI language. */
export type LocalProblem = 'notPdf' | 'titleShort';

/** One file of a batch as the upload queue sees it (the Svelte class adds reactivity to these fields). */
export interface QueuedFile extends Omit<UploadMeta, 'filename'> {
  readonly file: File;
  status: UploadStatus;
  progress: number;
  problem: LocalProblem | null;
  error: unknown;
  document: MeetingDocument | null;
}

export type SendUpload = (file: File, meta: UploadMeta, onProgress: (fraction: number) => void) => Promise<MeetingDocument>;

/** What stops a file from being sent at all; the server still checks the bytes of every file it receives. */
export function localProblem(entry: Pick<QueuedFile, 'file' | 'title'>, isPdf: (f: File) => boolean): LocalProblem | null {
  if (!isPdf(entry.file)) return 'notPdf';
  if (entry.title.trim().length < 2) return 'titleShort';
  return null;
}

/**
 * Uploads every file that is ready, one after another (one 200 MB file at a time is what a council's
 * Wi-Fi carries well), recording each file's own result: a refused file is marked failed with the
 * server's error and the batch carries on. Calls `onUploaded` after each success so the list refreshes.
 */
export async function uploadAll(
  entries: readonly QueuedFile[],
  send: SendUpload,
  isPdf: (f: File) => boolean,
  onUploaded: (doc: MeetingDocument) => void = () => {},
): Promise<{ done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  for (const entry of entries) {
    if (entry.status !== 'ready') continue;
    entry.problem = localProblem(entry, isPdf);
    if (entry.problem) {
      entry.status = 'failed';
      failed++;
      continue;
    }
    entry.status = 'uploading';
    entry.progress = 0;
    entry.error = null;
    try {
      const meta: UploadMeta = { title: entry.title.trim(), confidentiality: entry.confidentiality, agendaItemId: entry.agendaItemId, filename: entry.file.name };
      entry.document = await send(entry.file, meta, (p) => (entry.progress = p));
      entry.status = 'done';
      entry.progress = 1;
      done++;
      onUploaded(entry.document);
    } catch (err) {
      entry.status = 'failed';
      entry.error = err;
      failed++;
    }
  }
  return { done, failed };
}
