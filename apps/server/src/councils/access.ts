import { and, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { councils, members } from '@hopso/db/schema/index';
import { can, type Action, type CouncilRole } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import { requireUser, type AppContext } from '../http/context.ts';
import type { AuthUser } from '../auth/session.ts';

export async function councilRole(db: Db, userId: string, councilId: string): Promise<CouncilRole | null> {
  const [row] = await db.select({ role: members.role }).from(members).where(and(eq(members.userId, userId), eq(members.councilId, councilId)));
  return row?.role ?? null;
}

/**
 * The one gate for council-scoped routes: 401 without a session, 404 for a council that does not exist,
 * 403 when the caller's role in it does not allow the action (shared/roles.ts `permissions`).
 */
export async function authorizeCouncil(c: AppContext, action: Action, councilId: string): Promise<{ user: AuthUser; role: CouncilRole | null }> {
  const user = requireUser(c);
  const { db } = c.var.deps;
  const [council] = await db.select({ id: councils.id }).from(councils).where(eq(councils.id, councilId));
  if (!council) throw new AppError('not_found');
  const role = await councilRole(db, user.id, councilId);
  if (!can(action, role, user.isSystemAdmin)) throw new AppError('forbidden');
  return { user, role };
}
