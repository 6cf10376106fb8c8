import { Hono } from 'hono';
import { updateMinutesRequest } from '@hopso/shared/record';
import { startSigningRequest } from '@hopso/shared/resolution';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, type AppContext, type AppEnv } from '../http/context.ts';
import { loadRecordMeeting } from './access.ts';
import { attachment } from '../http/download.ts';
import { maySign } from '../resolutions/service.ts';
import { startSigning } from '../resolutions/signing.ts';
import { finalizeMinutes, isFinal, minutesPdf, minutesRow, minutesView, updateMinutes } from './service.ts';
import { minutesSigner, minutesTarget } from './signing.ts';

/** The caller's view of the minutes (editing and signing offered as their role allows). */
async function viewFor(c: AppContext, loaded: Awaited<ReturnType<typeof loadRecordMeeting>>) {
  return minutesView(c.var.deps.db, loaded.meeting, { userId: loaded.user.id, role: loaded.role, canManage: loaded.allowed('minutes.manage') });
}

/** /api/meetings/:meetingId/minutes… */
export const minutesRoutes = new Hono<AppEnv>()
  .get('/:meetingId/minutes', async (c) => {
    const loaded = await loadRecordMeeting(c, idParam(c, 'meetingId'));
    const view = await viewFor(c, loaded);
    // A draft is the secretariat's working text: others see only that minutes are being written.
    if (view.status === 'draft' && !loaded.allowed('record.export')) view.notes = {};
    return c.json({ ok: true as const, minutes: view });
  })
  .put('/:meetingId/minutes', async (c) => {
    const loaded = await loadRecordMeeting(c, idParam(c, 'meetingId'), 'minutes.manage');
    const input = await readJson(c, updateMinutesRequest);
    await updateMinutes(c.var.deps.db, loaded.meeting, input, loaded.user.id, c.var.deps.now());
    return c.json({ ok: true as const, minutes: await viewFor(c, loaded) });
  })
  .post('/:meetingId/minutes/finalize', async (c) => {
    const loaded = await loadRecordMeeting(c, idParam(c, 'meetingId'), 'minutes.manage');
    await finalizeMinutes(c.var.deps, loaded.meeting, loaded.user.id, c.var.deps.now());
    return c.json({ ok: true as const, minutes: await viewFor(c, loaded) });
  })
  // Signing the final minutes: the resolutions' browser flow (the CMS comes back to /api/signing-sessions/:id/cms).
  .post('/:meetingId/minutes/signing', async (c) => {
    const { meeting, user, role } = await loadRecordMeeting(c, idParam(c, 'meetingId'));
    const row = await minutesRow(c.var.deps.db, meeting.id);
    if (!maySign({ signerId: row?.signerId ?? null }, user.id, role)) throw new AppError('not_signer');
    const { certificates } = await readJson(c, startSigningRequest);
    const target = minutesTarget(meeting, row);
    const session = await startSigning(c.var.deps, target, user.id, certificates, await minutesSigner(c.var.deps, meeting.councilId, user.id));
    c.var.log.info('minutes signing started', { meetingId: meeting.id, sessionId: session.sessionId, userId: user.id });
    return c.json({ ok: true as const, session }, 201);
  })
  .get('/:meetingId/minutes/pdf', async (c) => {
    const { meeting, allowed } = await loadRecordMeeting(c, idParam(c, 'meetingId'));
    if (!allowed('record.export') && !(await isFinal(c.var.deps.db, meeting.id))) throw new AppError('forbidden');
    const pdf = await minutesPdf(c.var.deps, meeting);
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', attachment(`bien-ban-${pdf.signed ? 'da-ky' : pdf.final ? 'chinh-thuc' : 'du-thao'}.pdf`, c.req.query('inline') ? 'inline' : 'attachment'));
    c.header('cache-control', 'private, no-store');
    if (pdf.sha256) c.header('etag', `"${pdf.sha256}"`);
    return c.body(new Uint8Array(pdf.bytes));
  });
