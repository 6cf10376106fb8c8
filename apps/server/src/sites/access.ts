import { and, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { attendance } from '@hopso/db/schema/index';
import { mayMarkAt } from '@hopso/shared/sites';
import { LiveError } from '../live/commands.ts';
import { siteViews } from './service.ts';

/**
 * Who may mark attendance where (attendance.mark): those running the meeting at every site; a site
 * secretary only at their own site, and not over someone recorded present at another site or the main hall.
 * A site secretary who names no site is marking in the main hall, which is not theirs.
 */
export async function authorizeSiteMark(db: Db, meetingId: string, caller: { id: string; canRun: boolean }, userId: string, siteId: string | null | undefined): Promise<void> {
  if (caller.canRun) return;
  const sites = await siteViews(db, meetingId);
  if (!mayMarkAt(siteId ?? null, caller, sites)) throw new LiveError('forbidden');
  const [current] = await db.select({ siteId: attendance.siteId, status: attendance.status }).from(attendance)
    .where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId)));
  if (current && current.siteId !== siteId && (current.status === 'present' || current.status === 'late')) throw new LiveError('forbidden');
}
