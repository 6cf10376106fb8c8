import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { users } from '@hopso/db/schema/index';
import { startRehearsalRequest, type TourState } from '@hopso/shared/guidance';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, requireUser, type AppContext, type AppEnv } from '../http/context.ts';
import { loadMeeting } from '../meetings/access.ts';
import { councilName, meetingView } from '../meetings/service.ts';
import { appendAudit } from '../audit/log.ts';
import { copyForRehearsal } from './rehearsal.ts';

// /api/guidance/tour — the signed-in user's first-run tour, remembered on the server so it shows once per
// person whichever tablet they pick up. A personal display preference, like the UI language: not audited.
// /api/meetings/:meetingId/rehearsal — the secretariat starts a practice sitting copied from a real meeting.

async function tourOf(c: AppContext, userId: string): Promise<TourState> {
  const [row] = await c.var.deps.db.select({ seenAt: users.tourSeenAt }).from(users).where(eq(users.id, userId));
  return { seenAt: row?.seenAt?.toISOString() ?? null };
}

export const guidanceRoutes = new Hono<AppEnv>()
  .get('/tour', async (c) => {
    const user = requireUser(c);
    return c.json({ ok: true as const, tour: await tourOf(c, user.id) });
  })
  .put('/tour', async (c) => {
    const user = requireUser(c);
    await c.var.deps.db.update(users).set({ tourSeenAt: c.var.deps.now() }).where(eq(users.id, user.id));
    return c.json({ ok: true as const, tour: await tourOf(c, user.id) });
  })
  .delete('/tour', async (c) => {
    const user = requireUser(c);
    await c.var.deps.db.update(users).set({ tourSeenAt: null }).where(eq(users.id, user.id));
    return c.json({ ok: true as const, tour: await tourOf(c, user.id) });
  });

export const meetingRehearsalRoutes = new Hono<AppEnv>()
  .post('/:meetingId/rehearsal', async (c) => {
    const { meeting, user } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    // One level of practice: a rehearsal of a rehearsal would only blur which meeting is real.
    if (meeting.rehearsal) throw new AppError('rehearsal_meeting');
    const { startsAt } = await readJson(c, startRehearsalRequest);
    const { db, now } = c.var.deps;
    const copy = await db.transaction(async (tx) => {
      const row = await copyForRehearsal(tx, meeting, { createdBy: user.id, startsAt: startsAt ? new Date(startsAt) : now(), now: now() });
      await appendAudit(tx, { action: 'meeting.created', councilId: meeting.councilId, meetingId: row.id, targetType: 'meeting', targetId: row.id, details: { rehearsal: true, rehearsalOf: meeting.id, title: row.title } });
      return row;
    });
    c.var.log.info('rehearsal created', { meetingId: copy.id, rehearsalOf: meeting.id, userId: user.id });
    return c.json({ ok: true as const, meeting: meetingView(copy, await councilName(db, copy.councilId)) }, 201);
  });
