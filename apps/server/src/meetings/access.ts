import { and, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { invitations, meetings } from '@hopso/db/schema/index';
import { can, isSecretariat, type CouncilRole } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import { requireUser, type AppContext } from '../http/context.ts';
import { councilRole } from '../councils/access.ts';
import type { AuthUser } from '../auth/session.ts';

export type MeetingRow = typeof meetings.$inferSelect;

export interface MeetingAccess {
  meeting: MeetingRow;
  role: CouncilRole | null;
  canManage: boolean;
  invited: boolean;
}

/**
 * Whether a user may see a meeting, for HTTP routes and socket events alike: the council's secretariat
 * sees every meeting, drafts included; anyone else only published meetings they are invited to.
 * Null when the meeting does not exist or is invisible to them.
 */
export async function meetingAccess(db: Db, user: AuthUser, meetingId: string): Promise<MeetingAccess | null> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return null;
  const role = await councilRole(db, user.id, meeting.councilId);
  const invited = await isInvited(db, meetingId, user.id);
  if (!isSecretariat(role, user.isSystemAdmin) && (!invited || meeting.status === 'draft')) return null;
  return { meeting, role, canManage: can('meeting.manage', role, user.isSystemAdmin), invited };
}

/** Whether the user is on the meeting's invitation list (the secretariat sees meetings it is not invited to). */
export async function isInvited(db: Db, meetingId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: invitations.userId }).from(invitations).where(and(eq(invitations.meetingId, meetingId), eq(invitations.userId, userId)));
  return Boolean(row);
}

/**
 * Loads a meeting the caller may see (meetingAccess). An invisible meeting is a 404, not a 403, so its
 * existence is not revealed. With `manage`, a visible meeting the caller may not edit is a 403.
 */
export async function loadMeeting(c: AppContext, meetingId: string, need: 'read' | 'manage'): Promise<{ meeting: MeetingRow; user: AuthUser; role: CouncilRole | null; canManage: boolean; invited: boolean }> {
  const user = requireUser(c);
  const access = await meetingAccess(c.var.deps.db, user, meetingId);
  if (!access) throw new AppError('not_found');
  if (need === 'manage' && !access.canManage) throw new AppError('forbidden');
  return { meeting: access.meeting, user, role: access.role, canManage: access.canManage, invited: access.invited };
}
