import { Hono } from 'hono';
import { rsvpRequest, type PublicRsvp, type RsvpCard, type RsvpRequest } from '@hopso/shared/invitations';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, type AppContext, type AppEnv } from '../http/context.ts';
import { loadMeeting, type MeetingRow } from '../meetings/access.ts';
import { councilName } from '../meetings/service.ts';
import * as service from './service.ts';

/** Refuses an answer the meeting no longer takes, or a substitute the council does not allow. */
async function checkAnswer(c: AppContext, meeting: MeetingRow, input: RsvpRequest): Promise<void> {
  if (!service.rsvpOpen(meeting, c.var.deps.now())) throw new AppError('rsvp_closed');
  if (input.response === 'substitute' && !(await service.meetingAllowsSubstitutes(c.var.deps.db, meeting))) throw new AppError('substitute_not_allowed');
}

/** The invitee behind a personal link, or the clear refusal the public page shows. */
async function holder(c: AppContext) {
  const found = await service.findRsvpToken(c.var.deps.db, c.req.param('token') ?? '', c.var.deps.now());
  if (found === 'unknown') throw new AppError('rsvp_link_unknown');
  if (found === 'expired') throw new AppError('rsvp_link_expired');
  return found;
}

async function publicView(c: AppContext, h: service.TokenHolder): Promise<PublicRsvp> {
  const { db } = c.var.deps;
  const m = h.meeting;
  return {
    ok: true, open: true, inviteeName: h.fullName, rsvp: await service.currentRsvp(db, m.id, h.userId),
    substitutesAllowed: await service.meetingAllowsSubstitutes(db, m),
    meeting: { title: m.title, councilName: await councilName(db, m.councilId), kind: m.kind, status: m.status, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt?.toISOString() ?? null, place: m.place, onlineUrl: m.onlineUrl },
  };
}

/** /api/meetings/:meetingId/rsvp(s): the signed-in invitee's own answer, and the secretariat's list. */
export const meetingRsvpRoutes = new Hono<AppEnv>()
  .get('/:meetingId/rsvp', async (c) => {
    const { meeting, user, invited } = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
    const { db } = c.var.deps;
    if (!invited) throw new AppError('not_found');
    const card: RsvpCard = {
      ok: true, rsvp: await service.currentRsvp(db, meeting.id, user.id),
      substitutesAllowed: await service.meetingAllowsSubstitutes(db, meeting), open: service.rsvpOpen(meeting, c.var.deps.now()),
    };
    return c.json(card);
  })
  .put('/:meetingId/rsvp', async (c) => {
    const { meeting, user, invited } = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
    if (!invited) throw new AppError('not_found');
    const input = await readJson(c, rsvpRequest);
    await checkAnswer(c, meeting, input);
    const rsvp = await service.saveRsvp(c.var.deps.db, meeting, user.id, input, 'tablet', c.var.deps.now());
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, rsvp });
  })
  .get('/:meetingId/rsvps', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    return c.json(await service.rsvpList(c.var.deps.db, meeting));
  });

/** /api/public/rsvp/:token — the personal link, no sign-in: the token is the secret. */
export const publicRsvpRoutes = new Hono<AppEnv>()
  .get('/rsvp/:token', async (c) => c.json(await publicView(c, await holder(c))))
  .put('/rsvp/:token', async (c) => {
    const h = await holder(c);
    const input = await readJson(c, rsvpRequest);
    await checkAnswer(c, h.meeting, input);
    await service.saveRsvp(c.var.deps.db, h.meeting, h.userId, input, 'link', c.var.deps.now());
    c.var.deps.notifyMeeting(h.meeting.id);
    return c.json(await publicView(c, h));
  });
