import { and, eq } from 'drizzle-orm';
import { councils, meetings, minutes, users } from '@hopso/db/schema/index';
import { can } from '@hopso/shared/roles';
import type { Deps } from '../http/context.ts';
import { councilRole } from '../councils/access.ts';
import { AppError } from '../http/errors.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { signatureImage } from '../resolutions/appearance.ts';
import type { SignableKind, SignerBlock, SigningTarget } from '../resolutions/signing.ts';
import { appendAudit } from '../audit/log.ts';
import { minutesRow, minutesView, type MinutesRow } from './service.ts';

/**
 * The final minutes as a signing target (the same browser flow as resolutions): only `final` minutes, not
 * yet signed. The signature lands in the "CHỦ TỌA" block laid out when they were finalised.
 */
export function minutesTarget(meeting: Pick<MeetingRow, 'id' | 'councilId'>, row: MinutesRow | null): SigningTarget {
  if (row?.status !== 'final' || !row.finalSha256) throw new AppError('minutes_state');
  const code = row.code ? ` số ${row.code}/BB-HĐND` : '';
  return {
    kind: 'minutes', id: meeting.id, councilId: meeting.councilId, meetingId: meeting.id, sha256: row.finalSha256,
    reason: `Ký biên bản kỳ họp${code}`, sealReason: `Đóng dấu biên bản kỳ họp${code}`,
    ...(row.signatureField ? { placement: row.signatureField } : {}),
  };
}

/**
 * The signer on the minutes: the printed block already carries "CHỦ TỌA" and the name, so the visible
 * signature is the handwritten-signature image alone; name and council go into the signature dictionary.
 */
export async function minutesSigner(deps: Deps, councilId: string, userId: string): Promise<SignerBlock> {
  const [person] = await deps.db.select({ fullName: users.fullName }).from(users).where(eq(users.id, userId));
  const [council] = await deps.db.select({ name: councils.name }).from(councils).where(eq(councils.id, councilId));
  const image = await signatureImage(deps, councilId, 'signature', userId);
  return { name: person?.fullName ?? '', location: council?.name ?? '', appearance: image ? { signatureImage: image } : {} };
}

async function loadMeeting(deps: Deps, meetingId: string): Promise<MeetingRow> {
  const [meeting] = await deps.db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw new AppError('minutes_state');
  return meeting;
}

/** Minutes in the signing flow: signed by the chair and sealed by the council in one step (`final` → `signed`). */
export const minutesSigning: SignableKind = {
  load: async (deps, meetingId) => minutesTarget(await loadMeeting(deps, meetingId), await minutesRow(deps.db, meetingId)),
  async commit(tx, target, { userId, now, signedSha256, sealed }) {
    const [done] = await tx.update(minutes).set({ status: 'signed', signedBy: userId, signedAt: now, signedSha256, sealedSha256: sealed.sha256 })
      .where(and(eq(minutes.meetingId, target.id), eq(minutes.status, 'final'))).returning({ finalSha256: minutes.finalSha256 });
    if (!done) throw new AppError('minutes_state');
    await appendAudit(tx, {
      action: 'minutes.signed', actorId: userId, councilId: target.councilId, meetingId: target.meetingId, targetType: 'minutes', targetId: target.id,
      details: { finalSha256: done.finalSha256, signedSha256, sealedSha256: sealed.sha256 },
    });
  },
  async view(deps, target, userId) {
    const meeting = await loadMeeting(deps, target.id);
    const role = await councilRole(deps.db, userId, meeting.councilId);
    const [user] = await deps.db.select({ isSystemAdmin: users.isSystemAdmin }).from(users).where(eq(users.id, userId));
    return { minutes: await minutesView(deps.db, meeting, { userId, role, canManage: can('minutes.manage', role, user?.isSystemAdmin ?? false) }) };
  },
};
