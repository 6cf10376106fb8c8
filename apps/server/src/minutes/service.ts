import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { Db } from '@hopso/db/client';
import { minutes, users } from '@hopso/db/schema/index';
import type { MinutesView, UpdateMinutesRequest } from '@hopso/shared/record';
import type { CouncilRole } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import type { Deps } from '../http/context.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { keepBytes } from '../documents/keep.ts';
import { assertSignerIsMember, maySign } from '../resolutions/service.ts';
import { loadMeetingRecord } from './data.ts';
import { layOutMinutes, minutesSections, renderMinutes } from './render.ts';
import { appendAudit } from '../audit/log.ts';

export type MinutesRow = typeof minutes.$inferSelect;

export async function minutesRow(db: Db, meetingId: string): Promise<MinutesRow | null> {
  const [r] = await db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  return r ?? null;
}

/** Whether the minutes are final or signed (cheap: no rendering), for access checks before any work. */
export async function isFinal(db: Db, meetingId: string): Promise<boolean> {
  return ((await minutesRow(db, meetingId))?.status ?? 'draft') !== 'draft';
}

/** Who is asking: decides whether the view offers editing and signing. */
export interface MinutesCaller {
  userId: string;
  role: CouncilRole | null;
  canManage: boolean;
}

/** The minutes as the record page shows them: draft notes or the frozen state, the signature, and the sections to write. */
export async function minutesView(db: Db, meeting: MeetingRow, caller: MinutesCaller): Promise<MinutesView> {
  const r = await minutesRow(db, meeting.id);
  const record = await loadMeetingRecord(db, meeting);
  const [signer] = r?.signedBy ? await db.select({ name: users.fullName }).from(users).where(eq(users.id, r.signedBy)) : [];
  return {
    meetingId: meeting.id, status: r?.status ?? 'draft', code: r?.code ?? null, notes: r?.notes ?? {},
    sections: minutesSections(record),
    updatedAt: r?.updatedAt.toISOString() ?? null, finalizedAt: r?.finalizedAt?.toISOString() ?? null,
    finalizedBy: r?.finalizedBy ?? null, finalSha256: r?.finalSha256 ?? null,
    signerId: r?.signerId ?? null, signerName: signer?.name ?? null, signedAt: r?.signedAt?.toISOString() ?? null, signedSha256: r?.sealedSha256 ?? null,
    canManage: caller.canManage, canSign: r?.status === 'final' && maySign(r, caller.userId, caller.role),
  };
}

/** Saves the secretary's narrative (and the assigned signer), audited; refused once final. Empty sections are dropped. */
export async function updateMinutes(db: Db, meeting: MeetingRow, input: UpdateMinutesRequest, userId: string, now: Date): Promise<void> {
  if (input.signerId) await assertSignerIsMember(db, meeting.councilId, input.signerId);
  const notes = Object.fromEntries(Object.entries(input.notes).filter(([, v]) => v.trim() !== ''));
  const values = {
    notes, updatedAt: now, updatedBy: userId,
    ...(input.code !== undefined ? { code: input.code || null } : {}),
    ...(input.signerId !== undefined ? { signerId: input.signerId } : {}),
  };
  await db.transaction(async (tx) => {
    const [draft] = await tx.insert(minutes).values({ meetingId: meeting.id, ...values }).onConflictDoUpdate({
      target: minutes.meetingId, set: values, setWhere: eq(minutes.status, 'draft'),
    }).returning({ status: minutes.status });
    if (!draft) throw new AppError('minutes_final');
    // The sections written and their length, not the text: the text itself is in the minutes.
    await appendAudit(tx, {
      action: 'minutes.updated', actorId: userId, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'minutes', targetId: meeting.id,
      details: { sections: Object.fromEntries(Object.entries(notes).map(([k, v]) => [k, v.length])), ...(input.code !== undefined ? { code: values.code } : {}), ...(input.signerId !== undefined ? { signerId: input.signerId } : {}) },
    });
  });
}

/**
 * Freezes the minutes: renders the final PDF from the record as it is now, keeps it in the blob store with
 * where the chair signs, and marks the row final in one conditional update, so two finalisations cannot both win.
 */
export async function finalizeMinutes(deps: Pick<Deps, 'db' | 'blobs'>, meeting: MeetingRow, userId: string, now: Date): Promise<string> {
  const existing = await minutesRow(deps.db, meeting.id);
  if (existing && existing.status !== 'draft') throw new AppError('minutes_final');
  const record = await loadMeetingRecord(deps.db, meeting);
  const { pdf, signatureField } = await layOutMinutes(record, { draft: false });
  const sha256 = await keepBytes(deps.blobs, pdf, { db: deps.db, pageCount: (await PDFDocument.load(pdf)).getPageCount() });
  // Frozen and audited in one transaction; the rendering above stays outside it.
  await deps.db.transaction(async (tx) => {
    await tx.insert(minutes).values({ meetingId: meeting.id }).onConflictDoNothing();
    const [done] = await tx.update(minutes).set({ status: 'final', finalSha256: sha256, finalizedAt: now, finalizedBy: userId, signatureField })
      .where(and(eq(minutes.meetingId, meeting.id), eq(minutes.status, 'draft'))).returning({ sha: minutes.finalSha256 });
    if (!done) throw new AppError('minutes_final');
    await appendAudit(tx, { action: 'minutes.finalized', actorId: userId, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'minutes', targetId: meeting.id, details: { sha256 } });
  });
  return sha256;
}

/** The minutes PDF a reader gets, and what it is. */
export interface MinutesPdf {
  bytes: Uint8Array;
  /** Finalised (frozen); `signed`: signed by the chair and sealed. */
  final: boolean;
  signed: boolean;
  /** SHA-256 of these bytes once final (the signed and sealed file once signed). */
  sha256: string | null;
  /** The frozen, unsigned final PDF's SHA-256 (the signed file's first revision). */
  finalSha256: string | null;
}

/** The minutes PDF: the signed and sealed file once signed, the frozen final bytes once finalised, otherwise a draft rendered now. */
export async function minutesPdf(deps: Pick<Deps, 'db' | 'blobs'>, meeting: MeetingRow): Promise<MinutesPdf> {
  const r = await minutesRow(deps.db, meeting.id);
  const sha256 = r?.status === 'signed' ? r.sealedSha256 : r?.status === 'final' ? r.finalSha256 : null;
  if (sha256) return { bytes: await deps.blobs.read(sha256), final: true, signed: r!.status === 'signed', sha256, finalSha256: r!.finalSha256 };
  return { bytes: await renderMinutes(await loadMeetingRecord(deps.db, meeting), { draft: true }), final: false, signed: false, sha256: null, finalSha256: null };
}
