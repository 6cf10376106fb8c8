import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { agendaItems, documents } from '@hopso/db/schema/index';
import { registerSecretDocumentRequest, updateDocumentRequest, uploadDocumentQuery, viewRequest } from '@hopso/shared/document';
import { formatMeetingTime } from '@hopso/shared/time';
import { AppError, fieldError } from '../http/errors.ts';
import { sendPdf } from '../http/download.ts';
import { idParam, readQuery, readJson, requireUser, type AppContext, type AppEnv } from '../http/context.ts';
import { loadMeeting } from '../meetings/access.ts';
import { loadDocument, manageMeetingDocuments, type DocumentRow } from './access.ts';
import { fileAccess } from './file-access.ts';
import { parseRange } from '@hopso/shared/range';
import * as service from './service.ts';
import { TooLarge } from './storage.ts';
import { inspectPdfIsolated } from './pdf.ts';
import { watermarkPdf } from './watermark.ts';
import { audited } from '../audit/log.ts';
import { recordViewAudited } from '../audit/documents.ts';
import { recordChange } from '../invitations/changes.ts';

/** An agenda item given with a document must belong to the document's meeting. */
async function checkAgendaItem(c: AppContext, meetingId: string, agendaItemId: string | null | undefined) {
  if (!agendaItemId) return;
  const [item] = await c.var.deps.db.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, agendaItemId));
  if (item?.meetingId !== meetingId) throw new AppError('validation', { fields: fieldError('agendaItemId', 'Mục chương trình không thuộc cuộc họp này', 'The agenda item is not part of this meeting') });
}

/**
 * Receives a PDF body: streamed to a temporary file under the size limit, checked with pdf.js, then kept
 * in the content-addressed store. Any refusal removes the temporary file, so nothing is left behind.
 */
export async function receivePdf(c: AppContext): Promise<{ sha256: string; bytes: number; pageCount: number }> {
  const { config, blobs } = c.var.deps;
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/pdf')) throw new AppError('unsupported_media_type');
  const limit = config.MAX_UPLOAD_MB * 1024 * 1024;
  const declared = Number(c.req.header('content-length') ?? 'NaN');
  if (declared > limit) throw new AppError('payload_too_large');
  const body = c.req.raw.body;
  if (!body || declared === 0) throw new AppError('pdf_invalid');
  let file;
  try {
    file = await blobs.receive(body, limit);
  } catch (error) {
    if (error instanceof TooLarge) throw new AppError('payload_too_large');
    throw new AppError('bad_request');
  }
  const check = file.bytes === 0 ? { ok: false as const, reason: 'pdf_invalid' as const } : await inspectPdfIsolated(file.tmpPath, file.bytes);
  if (!check.ok) {
    await blobs.discard(file);
    throw new AppError(check.reason);
  }
  await blobs.keep(file);
  return { sha256: file.sha256, bytes: file.bytes, pageCount: check.pageCount };
}

/** The file name the uploader gave (`?filename=`), stripped of path and control characters, or `fallback`.pdf. */
export function filenameOf(c: AppContext, fallback: string): string {
  const name = (c.req.query('filename') ?? '').replace(/[\\/\u0000-\u001f]/g, '').slice(0, 200);
  return name || `${fallback}.pdf`;
}

/** The caller's view of one document, as the list shows it. */
async function documentView(c: AppContext, meeting: Parameters<typeof service.listDocuments>[1], documentId: string, userId: string) {
  const [doc] = await service.listDocuments(c.var.deps.db, meeting, userId, documentId);
  if (!doc) throw new AppError('not_found');
  return doc;
}

/** The bytes of a document's current version may go to this caller: never for secret documents. */
async function readableVersion(c: AppContext, doc: DocumentRow) {
  if (doc.confidentiality === 'secret') throw new AppError('secret_document');
  const version = await service.currentVersion(c.var.deps.db, doc.id);
  if (!version) throw new AppError('not_found');
  return version;
}

/** /api/meetings/:meetingId/… */
export const meetingDocumentRoutes = new Hono<AppEnv>()
  .get('/:meetingId/documents', async (c) => {
    const { meeting, user } = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
    return c.json({ ok: true as const, documents: await service.listDocuments(c.var.deps.db, meeting, user.id) });
  })
  .post('/:meetingId/documents', async (c) => {
    const { meeting, user } = await manageMeetingDocuments(c, idParam(c, 'meetingId'));
    const query = readQuery(c, uploadDocumentQuery);
    await checkAgendaItem(c, meeting.id, query.agendaItemId);
    const pdf = await receivePdf(c);
    const documentId = await audited(c.var.deps.db, async (tx) => {
      const id = await service.addVersion(tx, { document: { meetingId: meeting.id, ...query }, ...pdf, filename: filenameOf(c, query.title), userId: user.id, now: c.var.deps.now() });
      await recordChange(tx, meeting.id, { documents: [query.title] }, c.var.deps.now());
      return id;
    }, (id) => ({ action: 'document.uploaded', actorId: user.id, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'document', targetId: id, details: { title: query.title, confidentiality: query.confidentiality, sha256: pdf.sha256, bytes: pdf.bytes } }));
    c.var.log.info('document uploaded', { documentId, meetingId: meeting.id, bytes: pdf.bytes, pages: pdf.pageCount, userId: user.id });
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, document: await documentView(c, meeting, documentId, user.id) }, 201);
  })
  .post('/:meetingId/documents/secret', async (c) => {
    const { meeting, user } = await manageMeetingDocuments(c, idParam(c, 'meetingId'));
    const input = await readJson(c, registerSecretDocumentRequest);
    await checkAgendaItem(c, meeting.id, input.agendaItemId);
    const [row] = await audited(c.var.deps.db, (tx) => tx.insert(documents).values({ meetingId: meeting.id, ...input, confidentiality: 'secret', createdBy: user.id }).returning({ id: documents.id }),
      (rows) => ({ action: 'document.uploaded', actorId: user.id, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'document', targetId: rows[0]!.id, details: { title: input.title, confidentiality: 'secret', registeredOnly: true } }));
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, document: await documentView(c, meeting, row!.id, user.id) }, 201);
  })
  .get('/:meetingId/read-receipts', async (c) => {
    const { meeting, user } = await manageMeetingDocuments(c, idParam(c, 'meetingId'));
    return c.json({ ok: true as const, receipts: await service.readReceipts(c.var.deps.db, meeting, user.id) });
  });

/** /api/documents/:documentId/… */
export const documentRoutes = new Hono<AppEnv>()
  .post('/:documentId/versions', async (c) => {
    const { doc, meeting, user } = await loadDocument(c, idParam(c, 'documentId'), 'manage');
    if (doc.confidentiality === 'secret') throw new AppError('secret_document');
    const pdf = await receivePdf(c);
    await audited(c.var.deps.db, async (tx) => {
      await service.addVersion(tx, { document: doc, ...pdf, filename: filenameOf(c, doc.title), userId: user.id, now: c.var.deps.now() });
      await recordChange(tx, meeting.id, { documents: [doc.title] }, c.var.deps.now());
    }, { action: 'document.replaced', actorId: user.id, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'document', targetId: doc.id, details: { title: doc.title, sha256: pdf.sha256, bytes: pdf.bytes } });
    fileAccess(c.var.deps).forgetDocument(doc.id);
    c.var.log.info('document replaced', { documentId: doc.id, bytes: pdf.bytes, userId: user.id });
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, document: await documentView(c, meeting, doc.id, user.id) });
  })
  .patch('/:documentId', async (c) => {
    const { doc, meeting, user } = await loadDocument(c, idParam(c, 'documentId'), 'manage');
    const input = await readJson(c, updateDocumentRequest);
    await checkAgendaItem(c, meeting.id, input.agendaItemId);
    await audited(c.var.deps.db, (tx) => tx.update(documents).set(input).where(eq(documents.id, doc.id)),
      { action: 'document.updated', actorId: user.id, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'document', targetId: doc.id, details: { ...input } });
    fileAccess(c.var.deps).forgetDocument(doc.id);
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, document: await documentView(c, meeting, doc.id, user.id) });
  })
  .delete('/:documentId', async (c) => {
    const { doc, meeting, user } = await loadDocument(c, idParam(c, 'documentId'), 'manage');
    // Versions go with the document; blobs stay, since another document (or an archive) may share them.
    await audited(c.var.deps.db, (tx) => tx.delete(documents).where(eq(documents.id, doc.id)),
      { action: 'document.deleted', actorId: user.id, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'document', targetId: doc.id, details: { title: doc.title, confidentiality: doc.confidentiality } });
    fileAccess(c.var.deps).forgetDocument(doc.id);
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const });
  })
  .get('/:documentId/file', async (c) => {
    // The viewer reads by many small ranges: the access check is remembered a few seconds (file-access.ts).
    const documentId = idParam(c, 'documentId');
    const version = await fileAccess(c.var.deps).read(requireUser(c).id, documentId, async () => {
      const { doc } = await loadDocument(c, documentId, 'read');
      const { sha256, bytes } = await readableVersion(c, doc);
      return { sha256, bytes };
    });
    const etag = `"${version.sha256}"`;
    const headers: Record<string, string> = { 'Content-Type': 'application/pdf', 'Accept-Ranges': 'bytes', ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const range = parseRange(c.req.header('range'), version.bytes);
    if (range === 'unsatisfiable') return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${version.bytes}` });
    const { start, end } = range ?? { start: 0, end: version.bytes - 1 };
    const stream = Readable.toWeb(createReadStream(c.var.deps.blobs.pathOf(version.sha256), { start, end })) as ReadableStream;
    return c.body(stream, range ? 206 : 200, {
      ...headers, 'Content-Length': String(end - start + 1), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${version.bytes}` } : {}),
    });
  })
  .get('/:documentId/download', async (c) => {
    const { doc, user } = await loadDocument(c, idParam(c, 'documentId'), 'read');
    const version = await readableVersion(c, doc);
    const original = await c.var.deps.blobs.read(version.sha256);
    const bytes = doc.confidentiality === 'internal'
      ? await watermarkPdf(original, [`${user.fullName} — Tài liệu nội bộ / Internal`, formatMeetingTime(c.var.deps.now().toISOString(), 'vi')])
      : original;
    c.var.log.info('document downloaded', { documentId: doc.id, userId: user.id, watermarked: doc.confidentiality === 'internal' });
    if (doc.confidentiality !== 'public') await audited(c.var.deps.db, async () => {}, { action: 'document.viewed', actorId: user.id, meetingId: doc.meetingId, targetType: 'document', targetId: doc.id, details: { download: true, version: version.version } });
    return sendPdf(c, bytes, { name: version.filename });
  })
  .post('/:documentId/views', async (c) => {
    const { doc, user } = await loadDocument(c, idParam(c, 'documentId'), 'read');
    const version = await readableVersion(c, doc);
    const { page } = await readJson(c, viewRequest);
    await recordViewAudited(c.var.deps.db, doc, user.id, Math.min(page, version.pageCount), version.version, c.var.deps.now());
    return c.json({ ok: true as const });
  })
  .get('/:documentId/views/me', async (c) => {
    const { doc, user } = await loadDocument(c, idParam(c, 'documentId'), 'read');
    return c.json({ ok: true as const, lastPage: await service.lastPage(c.var.deps.db, doc.id, user.id) });
  });
