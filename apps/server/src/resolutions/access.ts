import { eq } from 'drizzle-orm';
import { resolutions } from '@hopso/db/schema/index';
import { AppError } from '../http/errors.ts';
import type { AppContext } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { maySign, type ResolutionRow } from './service.ts';

/**
 * Loads a resolution through its council: `read` and `manage` follow the permission table; `sign` needs the
 * signer's own right on this resolution (the assigned signer, or a chair when none is assigned) — a system
 * administrator cannot sign in someone's name. Callers outside the council get 403 (authorizeCouncil).
 */
export async function loadResolution(c: AppContext, id: string, need: 'read' | 'manage' | 'sign'): Promise<{ row: ResolutionRow; userId: string }> {
  const [row] = await c.var.deps.db.select().from(resolutions).where(eq(resolutions.id, id));
  if (!row) throw new AppError(c.get('user') ? 'not_found' : 'unauthenticated');
  const { user, role } = await authorizeCouncil(c, need === 'manage' ? 'resolution.manage' : 'resolution.read', row.councilId);
  if (need === 'sign' && !maySign(row, user.id, role)) throw new AppError('not_signer');
  return { row, userId: user.id };
}
