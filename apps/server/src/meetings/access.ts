import { and, eq } from 'drizzle-orm';
import { invitations, meetings } from '@hopso/db/schema/index';
import { can, isSecretariat, type CouncilRole } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import { requireUser, type AppContext } from '../http/context.ts';
import { councilRole } from '../councils/access.ts';
import type { AuthUser } from '../auth/session.ts';

export type MeetingRow = typeof meetings.$inferSelect;

/**
 * Loads a meeting the caller may see: the council's secretariat sees every meeting, drafts included;
 * anyone else only published meetings they are invited to. An invisible meeting is a 404, not a 403, so
 * its existence is not revealed. With `manage`, a visible meeting the caller may not edit is a 403.
 */
export async function loadMeeting(c: AppContext, meetingId: string, need: 'read' | 'manage'): Promise<{ meeting: MeetingRow; user: AuthUser; role: CouncilRole | null; canManage: boolean }> {
  const user = requireUser(c);
  const { db } = c.var.deps;
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw new AppError('not_found');
  const role = await councilRole(db, user.id, meeting.councilId);
  const canManage = can('meeting.manage', role, user.isSystemAdmin);
  if (!isSecretariat(role, user.isSystemAdmin)) {
    const [invited] = await db.select({ userId: invitations.userId }).from(invitations)
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.userId, user.id)));
    if (!invited || meeting.status === 'draft') throw new AppError('not_found');
  }
  if (need === 'manage' && !canManage) throw new AppError('forbidden');
  return { meeting, user, role, canManage };
}
