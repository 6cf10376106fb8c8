import { Hono } from 'hono';
import { updateMinutesRequest } from '@hopso/shared/record';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, type AppEnv } from '../http/context.ts';
import { loadRecordMeeting } from './access.ts';
import { attachment } from '../http/download.ts';
import { finalizeMinutes, isFinal, minutesPdf, minutesView, updateMinutes } from './service.ts';

/** /api/meetings/:meetingId/minutes… */
export const minutesRoutes = new Hono<AppEnv>()
  .get('/:meetingId/minutes', async (c) => {
    const { meeting, allowed } = await loadRecordMeeting(c, idParam(c, 'meetingId'));
    const view = await minutesView(c.var.deps.db, meeting, allowed('minutes.manage'));
    // A draft is the secretariat's working text: others see only that minutes are being written.
    if (view.status === 'draft' && !allowed('record.export')) view.notes = {};
    return c.json({ ok: true as const, minutes: view });
  })
  .put('/:meetingId/minutes', async (c) => {
    const { meeting, user, allowed } = await loadRecordMeeting(c, idParam(c, 'meetingId'), 'minutes.manage');
    const input = await readJson(c, updateMinutesRequest);
    await updateMinutes(c.var.deps.db, meeting, input, user.id, c.var.deps.now());
    return c.json({ ok: true as const, minutes: await minutesView(c.var.deps.db, meeting, allowed('minutes.manage')) });
  })
  .post('/:meetingId/minutes/finalize', async (c) => {
    const { meeting, user, allowed } = await loadRecordMeeting(c, idParam(c, 'meetingId'), 'minutes.manage');
    await finalizeMinutes(c.var.deps, meeting, user.id, c.var.deps.now());
    return c.json({ ok: true as const, minutes: await minutesView(c.var.deps.db, meeting, allowed('minutes.manage')) });
  })
  .get('/:meetingId/minutes/pdf', async (c) => {
    const { meeting, allowed } = await loadRecordMeeting(c, idParam(c, 'meetingId'));
    if (!allowed('record.export') && !(await isFinal(c.var.deps.db, meeting.id))) throw new AppError('forbidden');
    const pdf = await minutesPdf(c.var.deps, meeting);
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', attachment(`bien-ban-${pdf.final ? 'chinh-thuc' : 'du-thao'}.pdf`, c.req.query('inline') ? 'inline' : 'attachment'));
    c.header('cache-control', 'private, no-store');
    if (pdf.sha256) c.header('etag', `"${pdf.sha256}"`);
    return c.body(new Uint8Array(pdf.bytes));
  });
