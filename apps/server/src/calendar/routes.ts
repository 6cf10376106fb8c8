import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { users } from '@hopso/db/schema/index';
import { AppError } from '../http/errors.ts';
import type { AppEnv } from '../http/context.ts';
import { listVisibleMeetings } from '../meetings/service.ts';
import { meetingsToIcs } from './ics.ts';

/** /api/calendar/:token.ics — calendar apps cannot send our cookie, so the unguessable token is the credential. */
export const calendarRoutes = new Hono<AppEnv>().get('/:file', async (c) => {
  const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(c.req.param('file'));
  if (!match) throw new AppError('not_found');
  const { db } = c.var.deps;
  const [user] = await db.select({ id: users.id, isSystemAdmin: users.isSystemAdmin, fullName: users.fullName }).from(users).where(eq(users.calendarToken, match[1]!));
  if (!user) throw new AppError('not_found');
  const meetings = (await listVisibleMeetings(db, user)).filter((m) => m.status !== 'draft');
  const body = meetingsToIcs(meetings, new URL(c.req.url).origin, `Họp Số — ${user.fullName}`);
  return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="hop-so.ics"' });
});
