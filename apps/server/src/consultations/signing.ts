import { and, eq, isNull } from 'drizzle-orm';
import { consultations, users } from '@hopso/db/schema/index';
import { can } from '@hopso/shared/roles';
import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { councilRole } from '../councils/access.ts';
import { appendAudit } from '../audit/log.ts';
import type { SignableKind, SigningTarget } from '../resolutions/signing.ts';
import { minutesSigner } from '../minutes/signing.ts';
import { consultationView, type ConsultationRow } from './service.ts';

/**
 * The closed consultation's frozen result sheet as a signing target (the minutes' flow): signed by the chair
 * in the "TM. THƯỜNG TRỰC HĐND" block laid out when it was frozen, then sealed. Only once, only when closed.
 */
export function consultationTarget(row: ConsultationRow): SigningTarget {
  if (row.status !== 'closed' || !row.resultSha256 || row.sealedSha256) throw new AppError('consultation_state');
  return {
    kind: 'consultation', id: row.id, councilId: row.councilId, meetingId: null, sha256: row.resultSha256,
    reason: `Ký bảng tổng hợp kết quả lấy ý kiến: ${row.title}`, sealReason: `Đóng dấu kết quả lấy ý kiến: ${row.title}`,
    ...(row.resultSignatureField ? { placement: row.resultSignatureField } : {}),
  };
}

/** As on the minutes, the printed block carries the capacity; the visible signature is the image alone. */
export const consultationSigner = minutesSigner;

async function load(deps: Deps, id: string): Promise<ConsultationRow> {
  const [row] = await deps.db.select().from(consultations).where(eq(consultations.id, id));
  if (!row) throw new AppError('consultation_state');
  return row;
}

export const consultationSigning: SignableKind = {
  load: async (deps, id) => consultationTarget(await load(deps, id)),
  async commit(tx, target, { userId, now, signedSha256, sealed }) {
    const [done] = await tx.update(consultations).set({ signedBy: userId, signedAt: now, signedSha256, sealedSha256: sealed.sha256 })
      .where(and(eq(consultations.id, target.id), eq(consultations.status, 'closed'), isNull(consultations.sealedSha256))).returning({ id: consultations.id });
    if (!done) throw new AppError('consultation_state');
    await appendAudit(tx, {
      action: 'consultation.signed', actorId: userId, councilId: target.councilId, targetType: 'consultation', targetId: target.id,
      details: { resultSha256: target.sha256, signedSha256, sealedSha256: sealed.sha256 },
    });
  },
  async view(deps, target, userId) {
    const row = await load(deps, target.id);
    const role = await councilRole(deps.db, userId, row.councilId);
    const [user] = await deps.db.select({ isSystemAdmin: users.isSystemAdmin }).from(users).where(eq(users.id, userId));
    return { consultation: await consultationView(deps.db, row, { userId, canManage: can('consultation.manage', role, user?.isSystemAdmin ?? false), canSign: role === 'chair' }, deps.now()) };
  },
};
