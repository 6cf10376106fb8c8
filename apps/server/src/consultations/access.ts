import { eq } from 'drizzle-orm';
import { consultations } from '@hopso/db/schema/index';
import { can, type CouncilRole } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import { idParam, requireUser, type AppContext } from '../http/context.ts';
import { authorizeCouncil, councilRole } from '../councils/access.ts';
import type { AuthUser } from '../auth/session.ts';
import { closeIfDue } from './lifecycle.ts';
import { recipientOf, type ConsultationRow } from './service.ts';

export interface Loaded { row: ConsultationRow; user: AuthUser; role: CouncilRole | null; memberId: string | null; canManage: boolean; canRead: boolean }

/**
 * Loads the consultation named by `:consultationId`, closed first if its deadline has passed (so every
 * reader sees the same state the scheduler will record). `manage` and `read` follow the permission table;
 * `view` also lets in a member of the base once it is sent; `answer` is for members of the base only
 * (403 not_consulted). Someone outside the council gets 404, as for other council rows.
 */
export async function loadConsultation(c: AppContext, need: 'manage' | 'read' | 'view' | 'answer'): Promise<Loaded> {
  const id = idParam(c, 'consultationId');
  const { db } = c.var.deps;
  const [found] = await db.select().from(consultations).where(eq(consultations.id, id));
  if (!found) throw new AppError(c.get('user') ? 'not_found' : 'unauthenticated');
  if (need === 'manage' || need === 'read') await authorizeCouncil(c, need === 'manage' ? 'consultation.manage' : 'consultation.read', found.councilId);
  const user = requireUser(c);
  const role = await councilRole(db, user.id, found.councilId);
  if (!role && !user.isSystemAdmin) throw new AppError('not_found');
  const row = await closeIfDue(c.var.deps, found);
  const memberId = row.status === 'draft' ? null : await recipientOf(db, row.id, user.id);
  const canRead = can('consultation.read', role, user.isSystemAdmin);
  if (need === 'view' && !canRead && !memberId) throw new AppError(row.status === 'draft' ? 'not_found' : 'forbidden');
  if (need === 'answer' && !memberId) throw new AppError(row.status === 'draft' ? 'consultation_state' : 'not_consulted');
  return { row, user, role, memberId, canManage: can('consultation.manage', role, user.isSystemAdmin), canRead };
}
