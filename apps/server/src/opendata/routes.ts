import { Hono } from 'hono';
import Papa from 'papaparse';
import { publicListQuery } from '@hopso/shared/portal';
import { AppError } from '../http/errors.ts';
import { sendPdf } from '../http/download.ts';
import { idParam, readQuery, type AppContext, type AppEnv } from '../http/context.ts';
import { publicCouncils, publicDocumentFile, publicDocuments, publicMeeting, publicMeetings, publishedResolutionById, publishedResolutions } from '../portal/queries.ts';
import { openApiDocument } from './openapi.ts';

// /api/public/… open data: JSON and CSV of everything published, read-only, no login (issue 8 item 5).
// What is "published" is decided in portal/queries.ts, the same reads the portal pages make.

export const cache = { 'Cache-Control': 'public, max-age=60' };

const listQuery = (c: AppContext) => readQuery(c, publicListQuery);

/** CSV for spreadsheets: UTF-8 with a BOM (Excel reads Vietnamese right), formulae neutralised. */
export function sendCsv(c: AppContext, name: string, rows: object[], columns: string[]) {
  const text = Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((k) => (r as Record<string, unknown>)[k] ?? '')) }, { escapeFormulae: true });
  return c.body(`\uFEFF${text}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"`, ...cache });
}

/** The council must exist; unknown ids are 404 like everything unpublished. */
export async function councilOf(c: AppContext) {
  const id = idParam(c, 'councilId');
  const found = (await publicCouncils(c.var.deps.db)).find((x) => x.id === id);
  if (!found) throw new AppError('not_found');
  return found;
}

const meetingColumns = ['id', 'councilId', 'title', 'kind', 'status', 'startsAt', 'endsAt', 'place', 'livestreamUrl'];
const documentColumns = ['id', 'meetingId', 'title', 'filename', 'sha256', 'bytes', 'pageCount', 'uploadedAt', 'fileUrl'];
const resolutionColumns = ['id', 'councilId', 'meetingId', 'code', 'title', 'adoptedOn', 'signedAt', 'publishedAt', 'sha256', 'signatureVerified', 'fileUrl'];

export const openDataRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => c.json(openApiDocument(), 200, cache))
  .get('/councils', async (c) => c.json({ ok: true as const, councils: await publicCouncils(c.var.deps.db) }, 200, cache))
  .get('/councils.csv', async (c) => sendCsv(c, 'councils', await publicCouncils(c.var.deps.db), ['id', 'slug', 'name', 'level', 'locality']))
  .get('/councils/:councilId/meetings', async (c) => {
    const council = await councilOf(c);
    return c.json({ ok: true as const, meetings: await publicMeetings(c.var.deps.db, council.id, listQuery(c)) }, 200, cache);
  })
  .get('/councils/:councilId/meetings.csv', async (c) => {
    const council = await councilOf(c);
    return sendCsv(c, `meetings-${council.slug}`, await publicMeetings(c.var.deps.db, council.id, listQuery(c)), meetingColumns);
  })
  .get('/councils/:councilId/documents', async (c) => {
    const council = await councilOf(c);
    return c.json({ ok: true as const, documents: await publicDocuments(c.var.deps.db, { councilId: council.id, ...listQuery(c) }) }, 200, cache);
  })
  .get('/councils/:councilId/documents.csv', async (c) => {
    const council = await councilOf(c);
    return sendCsv(c, `documents-${council.slug}`, await publicDocuments(c.var.deps.db, { councilId: council.id, ...listQuery(c) }), documentColumns);
  })
  .get('/councils/:councilId/resolutions.csv', async (c) => {
    const council = await councilOf(c);
    return sendCsv(c, `resolutions-${council.slug}`, await publishedResolutions(c.var.deps.db, council.id, listQuery(c)), resolutionColumns);
  })
  .get('/meetings/:meetingId', async (c) => {
    const { db } = c.var.deps;
    const meeting = await publicMeeting(db, null, idParam(c, 'meetingId'));
    if (!meeting) throw new AppError('not_found');
    return c.json({ ok: true as const, meeting, documents: await publicDocuments(db, { councilId: meeting.councilId, meetingId: meeting.id }) }, 200, cache);
  })
  .get('/documents/:documentId/file', async (c) => {
    const doc = await publicDocumentFile(c.var.deps.db, idParam(c, 'documentId'));
    if (!doc) throw new AppError('not_found');
    return sendPdf(c, await c.var.deps.blobs.read(doc.sha256!), { name: doc.filename ?? `${doc.id}.pdf`, disposition: 'inline', etag: doc.sha256!, headers: cache });
  })
  .get('/resolutions/:resolutionId', async (c) => {
    const resolution = await publishedResolutionById(c.var.deps.db, idParam(c, 'resolutionId'));
    if (!resolution) throw new AppError('not_found');
    return c.json({ ok: true as const, resolution }, 200, cache);
  });
