import { Hono } from 'hono';
import { recordingInput, updateRecordingRequest, type PublicRecordings } from '@hopso/shared/record';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, type AppContext, type AppEnv } from '../http/context.ts';
import { loadRecordMeeting } from '../minutes/access.ts';
import { publicMeeting } from '../portal/queries.ts';
import { addRecording, deleteRecording, getRecording, recordingViews, updateRecording, type RecordingRow } from './service.ts';
import { audited } from '../audit/log.ts';
import type { AuditEntryInput } from '@hopso/shared/audit';

/** The audit entry of a change to a meeting's recordings (one place for add, edit and removal). */
const recordingChanged = (meeting: { id: string; councilId: string }, recordingId: string, change: 'added' | 'updated' | 'deleted', details: object): AuditEntryInput => ({
  action: 'recording.changed', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'recording', targetId: recordingId, details: { change, ...details },
});

/** /api/meetings/:meetingId/recordings — readers of the meeting see them; the secretariat edits. */
export const meetingRecordingRoutes = new Hono<AppEnv>()
  .get('/:meetingId/recordings', async (c) => {
    const { meeting, allowed } = await loadRecordMeeting(c, idParam(c, 'meetingId'));
    return c.json({ ok: true as const, livestreamUrl: meeting.livestreamUrl, recordings: await recordingViews(c.var.deps.db, meeting), canManage: allowed('recording.manage') });
  })
  .post('/:meetingId/recordings', async (c) => {
    const { meeting, user } = await loadRecordMeeting(c, idParam(c, 'meetingId'), 'recording.manage');
    const input = await readJson(c, recordingInput);
    const recording = await audited(c.var.deps.db, (tx) => addRecording(tx, meeting, input, user.id), (r) => recordingChanged(meeting, r.id, 'added', input));
    return c.json({ ok: true as const, recording }, 201);
  });

/** A recording through its meeting: invisible meetings make it a 404; editing needs `recording.manage`. */
async function manageRecording(c: AppContext): Promise<{ row: RecordingRow; meeting: { id: string; councilId: string } }> {
  const row = await getRecording(c.var.deps.db, idParam(c, 'recordingId'));
  if (!row) throw new AppError('not_found');
  const { meeting } = await loadRecordMeeting(c, row.meetingId, 'recording.manage');
  return { row, meeting };
}

/** /api/recordings/:recordingId */
export const recordingRoutes = new Hono<AppEnv>()
  .patch('/:recordingId', async (c) => {
    const { row, meeting } = await manageRecording(c);
    const input = await readJson(c, updateRecordingRequest);
    const recording = await audited(c.var.deps.db, (tx) => updateRecording(tx, row, input), recordingChanged(meeting, row.id, 'updated', input));
    return c.json({ ok: true as const, recording });
  })
  .delete('/:recordingId', async (c) => {
    const { row, meeting } = await manageRecording(c);
    await audited(c.var.deps.db, (tx) => deleteRecording(tx, row.id), recordingChanged(meeting, row.id, 'deleted', { title: row.title, url: row.url }));
    return c.json({ ok: true as const });
  });

/**
 * /api/public/meetings/:meetingId/recordings — for the public portal, no sign-in: only public sessions
 * (published or held, not a closed sitting); anything else is a 404 so its existence is not revealed.
 */
export const publicRecordingRoutes = new Hono<AppEnv>()
  .get('/meetings/:meetingId/recordings', async (c) => {
    const meeting = await publicMeeting(c.var.deps.db, null, idParam(c, 'meetingId'));
    if (!meeting) throw new AppError('not_found');
    const body: PublicRecordings = {
      meetingId: meeting.id, title: meeting.title, startsAt: meeting.startsAt, livestreamUrl: meeting.livestreamUrl,
      recordings: await recordingViews(c.var.deps.db, meeting),
    };
    c.header('cache-control', 'public, max-age=60');
    return c.json({ ok: true as const, ...body });
  });
