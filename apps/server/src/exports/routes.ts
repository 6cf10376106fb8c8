import { Hono } from 'hono';
import { exportFormats, exportTables, type ExportFormat, type ExportTable } from '@hopso/shared/record';
import { vietnamDateParts } from '@hopso/shared/time';
import { AppError } from '../http/errors.ts';
import { idParam, type AppEnv } from '../http/context.ts';
import { loadRecordMeeting } from '../minutes/access.ts';
import { loadMeetingRecord } from '../minutes/data.ts';
import { attachment } from '../http/download.ts';
import { contentTypes, renderTable } from './formats.ts';
import { recordEntries } from './record.ts';
import { tableFileNames, tables } from './tables.ts';
import { zipStream } from './zip.ts';

/** /api/meetings/:meetingId/exports/… — the secretariat's downloads (`record.export`). */
export const exportRoutes = new Hono<AppEnv>()
  .get('/:meetingId/exports/record.zip', async (c) => {
    const { meeting, user } = await loadRecordMeeting(c, idParam(c, 'meetingId'), 'record.export');
    const d = vietnamDateParts(meeting.startsAt.toISOString());
    c.header('content-type', 'application/zip');
    c.header('content-disposition', attachment(`ho-so-ky-hop-${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}.zip`));
    c.header('cache-control', 'private, no-store');
    return c.body(zipStream(recordEntries(c.var.deps, meeting, user.id)));
  })
  .get('/:meetingId/exports/:file', async (c) => {
    const [table, format] = c.req.param('file').split('.') as [ExportTable, ExportFormat];
    if (!exportTables.includes(table) || !exportFormats.includes(format)) throw new AppError('not_found');
    const { meeting } = await loadRecordMeeting(c, idParam(c, 'meetingId'), 'record.export');
    const record = await loadMeetingRecord(c.var.deps.db, meeting);
    const bytes = await renderTable(tables[table](record), format, record);
    c.header('content-type', contentTypes[format]);
    c.header('content-disposition', attachment(`${tableFileNames[table]}.${format}`));
    c.header('cache-control', 'private, no-store');
    return c.body(new Uint8Array(bytes));
  });
