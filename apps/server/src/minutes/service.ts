import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { Db } from '@hopso/db/client';
import { minutes } from '@hopso/db/schema/index';
import type { MinutesView, UpdateMinutesRequest } from '@hopso/shared/record';
import { AppError } from '../http/errors.ts';
import type { Deps } from '../http/context.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { keepBytes } from '../documents/keep.ts';
import { loadMeetingRecord } from './data.ts';
import { minutesSections, renderMinutes } from './render.ts';
import { appendAudit } from '../audit/log.ts';

type MinutesRow = typeof minutes.$inferSelect;

async function row(db: Db, meetingId: string): Promise<MinutesRow | null> {
  const [r] = await db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  return r ?? null;
}

/** Whether the minutes are final (cheap: no rendering), for access checks before any work. */
export async function isFinal(db: Db, meetingId: string): Promise<boolean> {
  return (await row(db, meetingId))?.status === 'final';
}

/** The minutes as the record page shows them: draft notes or the frozen state, and the sections to write. */
export async function minutesView(db: Db, meeting: MeetingRow, canManage: boolean): Promise<MinutesView> {
  const r = await row(db, meeting.id);
  const record = await loadMeetingRecord(db, meeting);
  return {
    meetingId: meeting.id, status: r?.status ?? 'draft', code: r?.code ?? null, notes: r?.notes ?? {},
    sections: minutesSections(record),
    updatedAt: r?.updatedAt.toISOString() ?? null, finalizedAt: r?.finalizedAt?.toISOString() ?? null,
    finalizedBy: r?.finalizedBy ?? null, finalSha256: r?.finalSha256 ?? null, canManage,
  };
}

/** Saves the secretary's narrative; refused once final. Empty sections are dropped. */
export async function updateMinutes(db: Db, meeting: MeetingRow, input: UpdateMinutesRequest, userId: string, now: Date): Promise<void> {
  const notes = Object.fromEntries(Object.entries(input.notes).filter(([, v]) => v.trim() !== ''));
  const values = { notes, updatedAt: now, updatedBy: userId, ...(input.code !== undefined ? { code: input.code || null } : {}) };
  const [draft] = await db.insert(minutes).values({ meetingId: meeting.id, ...values }).onConflictDoUpdate({
    target: minutes.meetingId, set: values, setWhere: eq(minutes.status, 'draft'),
  }).returning({ status: minutes.status });
  if (!draft) throw new AppError('minutes_final');
}

/**
 * Freezes the minutes: renders the final PDF from the record as it is now, keeps it in the blob store and
 * marks the row final in one conditional update, so two finalisations cannot both win.
 */
export async function finalizeMinutes(deps: Pick<Deps, 'db' | 'blobs'>, meeting: MeetingRow, userId: string, now: Date): Promise<string> {
  const existing = await row(deps.db, meeting.id);
  if (existing?.status === 'final') throw new AppError('minutes_final');
  const record = await loadMeetingRecord(deps.db, meeting);
  const pdf = await renderMinutes(record, { draft: false });
  const sha256 = await keepBytes(deps.blobs, pdf, { db: deps.db, pageCount: (await PDFDocument.load(pdf)).getPageCount() });
  // Frozen and audited in one transaction; the rendering above stays outside it.
  await deps.db.transaction(async (tx) => {
    await tx.insert(minutes).values({ meetingId: meeting.id }).onConflictDoNothing();
    const [done] = await tx.update(minutes).set({ status: 'final', finalSha256: sha256, finalizedAt: now, finalizedBy: userId })
      .where(and(eq(minutes.meetingId, meeting.id), eq(minutes.status, 'draft'))).returning({ sha: minutes.finalSha256 });
    if (!done) throw new AppError('minutes_final');
    await appendAudit(tx, { action: 'minutes.finalized', actorId: userId, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'minutes', targetId: meeting.id, details: { sha256 } });
  });
  return sha256;
}

/**
 * The minutes PDF: the frozen final bytes once finalised, otherwise a draft rendered now.
 *
 * Hook for the signing flow: a finalised minutes PDF is an ordinary blob (`final` true, `sha256` its
 * SHA-256 in `blobs`), so signing can take it like a resolution's PDF and store the signed copy beside it.
 */
export async function minutesPdf(deps: Pick<Deps, 'db' | 'blobs'>, meeting: MeetingRow): Promise<{ bytes: Uint8Array; final: boolean; sha256: string | null }> {
  const r = await row(deps.db, meeting.id);
  if (r?.status === 'final' && r.finalSha256) {
    return { bytes: await deps.blobs.read(r.finalSha256), final: true, sha256: r.finalSha256 };
  }
  return { bytes: await renderMinutes(await loadMeetingRecord(deps.db, meeting), { draft: true }), final: false, sha256: null };
}
