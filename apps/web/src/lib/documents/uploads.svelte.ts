import type { MeetingDocument } from '@hopso/shared/document';
import { looksLikePdf, titleFromFilename } from './format.ts';
import { uploadAll, type LocalProblem, type QueuedFile, type UploadStatus } from './queue.ts';
import { sendPdf, uploadUrl } from './upload.ts';

let nextKey = 0;

/** One chosen file with the metadata the clerk may still change before sending it. */
export class UploadEntry implements QueuedFile {
  readonly key = ++nextKey;
  readonly file: File;
  title = $state('');
  agendaItemId = $state<string | null>(null);
  confidentiality = $state<'public' | 'internal'>('internal');
  status = $state<UploadStatus>('ready');
  progress = $state(0);
  problem = $state<LocalProblem | null>(null);
  error = $state<unknown>(null);
  document = $state<MeetingDocument | null>(null);

  constructor(file: File, agendaItemId: string | null) {
    this.file = file;
    this.title = titleFromFilename(file.name);
    this.agendaItemId = agendaItemId;
    // Something that is plainly not a PDF is flagged at once, before the clerk fills in its details.
    if (!looksLikePdf(file)) {
      this.problem = 'notPdf';
      this.status = 'failed';
    }
  }
}

/** The files of one upload batch on the meeting page: pick or drop several, adjust, send them in turn. */
export class UploadQueue {
  entries = $state<UploadEntry[]>([]);
  running = $state(false);
  readonly #meetingId: () => string;

  constructor(meetingId: () => string) {
    this.#meetingId = meetingId;
  }

  /** Files still waiting to be sent. */
  get ready(): number {
    return this.entries.filter((e) => e.status === 'ready').length;
  }

  get finished(): number {
    return this.entries.filter((e) => e.status === 'done' || e.status === 'failed').length;
  }

  add(files: Iterable<File>, agendaItemId: string | null = null): void {
    this.entries = [...this.entries, ...[...files].map((f) => new UploadEntry(f, agendaItemId))];
  }

  remove(key: number): void {
    this.entries = this.entries.filter((e) => e.key !== key || e.status === 'uploading');
  }

  clearFinished(): void {
    this.entries = this.entries.filter((e) => e.status === 'ready' || e.status === 'uploading');
  }

  /** Sends every ready file in turn; `onUploaded` runs after each success (to refresh the document list). */
  async start(onUploaded: (doc: MeetingDocument) => void): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const meetingId = this.#meetingId();
      await uploadAll(this.entries, (file, meta, progress) => sendPdf(uploadUrl(meetingId, meta), file, progress), looksLikePdf, onUploaded);
    } finally {
      this.running = false;
    }
  }
}
