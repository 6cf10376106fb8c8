import { and, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { petitions } from '@hopso/db/schema/index';
import type { AuditAction } from '@hopso/shared/audit';
import { canMergeInto, transition, vietnamDate, type PetitionAction, type petitionActionRequest } from '@hopso/shared/petitions';
import type { z } from 'zod';
import { appendAudit } from '../audit/log.ts';
import { AppError, fieldError } from '../http/errors.ts';
import type { PetitionRow } from './queries.ts';

// One step of the workflow (shared/petitions.ts `transition`): the change, the status, the audit entry, in
// one transaction. The update is conditional on the status read before, so of two clerks moving the same
// petition on at once only one succeeds; the other gets petition_state.

type ActionRequest = z.output<typeof petitionActionRequest>;

const audited: Record<PetitionAction, AuditAction> = {
  classify: 'petition.classified', assign: 'petition.assigned', answer: 'petition.answered',
  publish: 'petition.published', close: 'petition.closed', merge: 'petition.merged',
};

/** The columns an action sets besides the status. */
async function changes(tx: Db, row: PetitionRow, request: ActionRequest, now: Date): Promise<Partial<typeof petitions.$inferInsert>> {
  switch (request.action) {
    case 'classify':
      return { field: request.field, locality: request.locality, ...(request.agency ? { agency: request.agency } : {}), classifiedAt: now };
    case 'assign':
      if (request.deadline < vietnamDate(now)) throw new AppError('validation', { fields: fieldError('deadline', 'Hạn trả lời không được trước hôm nay', 'The deadline cannot be before today') });
      return { agency: request.agency, deadline: request.deadline, assignedAt: now };
    case 'answer':
      return { answer: request.answer, answeredAt: now };
    case 'publish':
      return { summary: request.summary, publishedAt: now };
    case 'close':
      return { closedReason: request.reason, closedAt: now };
    case 'merge': {
      const [target] = await tx.select().from(petitions).where(eq(petitions.id, request.into));
      if (!target || target.councilId !== row.councilId) throw new AppError('validation', { fields: fieldError('into', 'Không tìm thấy kiến nghị để gộp vào', 'The petition to merge into was not found') });
      if (target.id === row.id || !canMergeInto(target.status)) throw new AppError('validation', { fields: fieldError('into', 'Không gộp được vào kiến nghị này', 'Cannot merge into this petition') });
      // Petitions already merged into this one follow it, so every chain is one step long.
      await tx.update(petitions).set({ mergedInto: target.id, updatedAt: now }).where(eq(petitions.mergedInto, row.id));
      return { mergedInto: target.id, closedAt: now };
    }
  }
}

/** Applies one action to a petition; 409 petition_state when its status does not allow it (or just changed). */
export async function actOnPetition(db: Db, row: PetitionRow, request: ActionRequest, now: Date): Promise<void> {
  const next = transition(row.status, request.action);
  if (!next) throw new AppError('petition_state');
  await db.transaction(async (tx) => {
    const set = await changes(tx, row, request, now);
    const updated = await tx.update(petitions).set({ ...set, status: next, updatedAt: now })
      .where(and(eq(petitions.id, row.id), eq(petitions.status, row.status))).returning({ id: petitions.id });
    if (!updated.length) throw new AppError('petition_state');
    const { action, ...details } = request;
    await appendAudit(tx, { action: audited[action], councilId: row.councilId, meetingId: row.meetingId, targetType: 'petition', targetId: row.id, details: { code: row.code, from: row.status, to: next, ...details } });
  });
}
