import { describe, expect, it } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import { ApiError } from '../api.ts';
import { looksLikePdf } from './format.ts';
import { uploadAll, type QueuedFile, type SendUpload } from './queue.ts';

function entry(name: string, title = name.replace(/\.\w+$/, '')): QueuedFile {
  return {
    file: new File(['%PDF-1.7'], name, { type: name.endsWith('.pdf') ? 'application/pdf' : 'text/plain' }),
    title, agendaItemId: null, confidentiality: 'internal', status: 'ready', progress: 0, problem: null, error: null, document: null,
  };
}

const notPdf = new ApiError(400, { ok: false, code: 'pdf_invalid', message: 'Tệp không phải là PDF.', messageEn: 'The file is not a PDF.' });

/** Refuses files whose name contains "bad"; reports half, then full progress for the others. */
const send: SendUpload = async (file, meta, onProgress) => {
  onProgress(0.5);
  if (file.name.includes('bad')) throw notPdf;
  return { id: file.name, title: meta.title } as unknown as MeetingDocument;
};

describe('uploadAll', () => {
  it('keeps going after a refused file and records each result', async () => {
    const files = [entry('bad.pdf'), entry('good.pdf'), entry('also-good.pdf')];
    const uploaded: string[] = [];
    const result = await uploadAll(files, send, looksLikePdf, (d) => uploaded.push(d.id));
    expect(result).toEqual({ done: 2, failed: 1 });
    expect(files.map((f) => f.status)).toEqual(['failed', 'done', 'done']);
    expect(files[0]!.error).toBe(notPdf);
    expect(files[1]!.progress).toBe(1);
    expect(uploaded).toEqual(['good.pdf', 'also-good.pdf']);
  });

  it('sends nothing for a file that is not a PDF or has too short a title', async () => {
    const calls: string[] = [];
    const files = [entry('notes.txt'), entry('x.pdf', ' a ')];
    const result = await uploadAll(files, async (f, m, p) => (calls.push(f.name), send(f, m, p)), looksLikePdf);
    expect(result).toEqual({ done: 0, failed: 2 });
    expect(files.map((f) => f.problem)).toEqual(['notPdf', 'titleShort']);
    expect(calls).toEqual([]);
  });

  it('skips files already uploaded or failed, so a second run sends only new ones', async () => {
    const files = [entry('good.pdf'), entry('new.pdf')];
    files[0]!.status = 'done';
    const names: string[] = [];
    await uploadAll(files, async (f, m, p) => (names.push(f.name), send(f, m, p)), looksLikePdf);
    expect(names).toEqual(['new.pdf']);
  });

  it('sends the trimmed title and the file name', async () => {
    const seen: unknown[] = [];
    const e = entry('Báo cáo.pdf', '  Báo cáo tài chính ');
    e.agendaItemId = 'item';
    await uploadAll([e], async (f, m, p) => (seen.push(m), send(f, m, p)), looksLikePdf);
    expect(seen).toEqual([{ title: 'Báo cáo tài chính', confidentiality: 'internal', agendaItemId: 'item', filename: 'Báo cáo.pdf' }]);
  });
});
