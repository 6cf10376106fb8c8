import { Hono } from 'hono';
import { createAgendaItemRequest, moveAgendaItemRequest, updateAgendaItemRequest } from '@hopso/shared/agenda';
import { createMeetingRequest, invitationRequest, updateMeetingRequest } from '@hopso/shared/meeting';
import { AppError, fieldError } from '../http/errors.ts';
import { idParam, readJson, requireUser, type AppContext, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { loadMeeting } from './access.ts';
import * as agenda from './agenda.ts';
import * as service from './service.ts';
import { audited } from '../audit/log.ts';
import { agendaChanged, meetingEditChanges, recordChange } from '../invitations/changes.ts';
import { sendInvitations } from '../invitations/service.ts';

/** The origin of links in invitations: the configured public address, else the one the secretariat used. */
const linkOrigin = (c: AppContext) => c.var.deps.config.PUBLIC_URL?.replace(/\/+$/, '') ?? new URL(c.req.url).origin;

/** Runs an agenda change, turning a broken tree rule into a 400 with the reason. */
async function agendaRule<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof agenda.AgendaRuleError) throw new AppError('validation', { fields: fieldError('parentId', e.vi, e.message) });
    throw e;
  }
}

/** Loads an agenda item and checks the caller may manage its meeting (404 if the meeting is invisible). */
async function manageItem(c: AppContext) {
  const item = await agenda.getAgendaItem(c.var.deps.db, idParam(c, 'itemId'));
  if (!item) throw new AppError('not_found');
  await loadMeeting(c, item.meetingId, 'manage');
  return item;
}

/** /api/councils/:councilId/meetings */
export const councilMeetingRoutes = new Hono<AppEnv>()
  .get('/:councilId/meetings', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'council.read', councilId);
    return c.json({ ok: true as const, meetings: await service.listVisibleMeetings(c.var.deps.db, user, councilId) });
  })
  .post('/:councilId/meetings', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'meeting.manage', councilId);
    const input = await readJson(c, createMeetingRequest);
    const meeting = await audited(c.var.deps.db, (tx) => service.createMeeting(tx, councilId, user.id, input), (m) => ({ action: 'meeting.created', councilId, meetingId: m.id, targetType: 'meeting', targetId: m.id, details: { ...input } }));
    c.var.log.info('meeting created', { meetingId: meeting.id, councilId, userId: user.id });
    return c.json({ ok: true as const, meeting }, 201);
  });

/** /api/meetings */
export const meetingRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    return c.json({ ok: true as const, meetings: await service.listVisibleMeetings(c.var.deps.db, user) });
  })
  .get('/:meetingId', async (c) => {
    const { meeting, canManage } = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
    const { db } = c.var.deps;
    const view = service.meetingView(meeting, await service.councilName(db, meeting.councilId));
    return c.json({ ok: true as const, meeting: { ...view, agenda: await agenda.listAgenda(db, meeting.id), canManage } });
  })
  .patch('/:meetingId', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const input = await readJson(c, updateMeetingRequest);
    const updated = await audited(c.var.deps.db, async (tx) => {
      const m = await service.updateMeeting(tx, meeting, input, c.var.deps.now());
      await recordChange(tx, meeting.id, meetingEditChanges(meeting, m), c.var.deps.now());
      return m;
    }, { action: 'meeting.updated', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'meeting', targetId: meeting.id, details: { ...input } });
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, meeting: updated });
  })
  .post('/:meetingId/publish', async (c) => {
    const { meeting, user } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    if (meeting.status !== 'draft') throw new AppError('conflict', { fields: fieldError('status', 'Chỉ công bố được cuộc họp đang ở trạng thái nháp', `Only a draft can be published; this meeting is ${meeting.status}`) });
    // The invitations go out in the same transaction: a published meeting always has sent them.
    const updated = await audited(c.var.deps.db, async (tx) => {
      const m = await service.setStatus(tx, meeting, 'published', c.var.deps.now());
      await sendInvitations(tx, meeting.id, linkOrigin(c), c.var.deps.now());
      return m;
    }, { action: 'meeting.updated', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'meeting', targetId: meeting.id, details: { status: 'published' } });
    c.var.log.info('meeting published', { meetingId: meeting.id, userId: user.id });
    return c.json({ ok: true as const, meeting: updated });
  })
  .post('/:meetingId/agenda', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const input = await readJson(c, createAgendaItemRequest);
    const item = await agendaRule(() => audited(c.var.deps.db, (tx) => agenda.addAgendaItem(tx, meeting.id, input).then(agendaChanged(tx, meeting.id, c.var.deps.now())), (it) => ({ action: 'agenda.changed', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'agendaItem', targetId: it.id, details: { change: 'added', ...input } })));
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, item }, 201);
  })
  .get('/:meetingId/invitations', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    return c.json({ ok: true as const, invitees: await service.listInvitees(c.var.deps.db, meeting.id, meeting.councilId) });
  })
  .put('/:meetingId/invitations', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const { userIds } = await readJson(c, invitationRequest);
    const { unknown } = await audited(c.var.deps.db, async (tx) => {
      const r = await service.setInvitees(tx, meeting, userIds);
      // Someone added to a published meeting's list gets the invitation the others had.
      if (!r.unknown.length) await sendInvitations(tx, meeting.id, linkOrigin(c), c.var.deps.now());
      return r;
    }, (r) => (r.unknown.length ? [] : { action: 'meeting.updated', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'meeting', targetId: meeting.id, details: { invitees: userIds } }));
    if (unknown.length) throw new AppError('validation', { fields: fieldError('userIds', `Không phải thành viên của HĐND này: ${unknown.join(', ')}`, `Not members of this council: ${unknown.join(', ')}`) });
    return c.json({ ok: true as const, invitees: await service.listInvitees(c.var.deps.db, meeting.id, meeting.councilId) });
  });

/** /api/agenda-items */
export const agendaItemRoutes = new Hono<AppEnv>()
  .patch('/:itemId', async (c) => {
    const item = await manageItem(c);
    const input = await readJson(c, updateAgendaItemRequest);
    const updated = await audited(c.var.deps.db, (tx) => agenda.updateAgendaItem(tx, item.id, input).then(agendaChanged(tx, item.meetingId, c.var.deps.now())), { action: 'agenda.changed', meetingId: item.meetingId, targetType: 'agendaItem', targetId: item.id, details: { change: 'updated', ...input } });
    c.var.deps.notifyMeeting(item.meetingId);
    return c.json({ ok: true as const, item: updated });
  })
  .post('/:itemId/move', async (c) => {
    const item = await manageItem(c);
    const { parentId, position } = await readJson(c, moveAgendaItemRequest);
    const list = await agendaRule(() => audited(c.var.deps.db, (tx) => agenda.moveAgendaItem(tx, item, parentId, position).then(agendaChanged(tx, item.meetingId, c.var.deps.now())), { action: 'agenda.changed', meetingId: item.meetingId, targetType: 'agendaItem', targetId: item.id, details: { change: 'moved', parentId, position } }));
    c.var.deps.notifyMeeting(item.meetingId);
    return c.json({ ok: true as const, agenda: list });
  })
  .delete('/:itemId', async (c) => {
    const item = await manageItem(c);
    await audited(c.var.deps.db, (tx) => agenda.deleteAgendaItem(tx, item).then(agendaChanged(tx, item.meetingId, c.var.deps.now())), { action: 'agenda.changed', meetingId: item.meetingId, targetType: 'agendaItem', targetId: item.id, details: { change: 'deleted', title: item.title } });
    c.var.deps.notifyMeeting(item.meetingId);
    return c.json({ ok: true as const });
  });
