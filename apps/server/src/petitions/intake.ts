import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { councils, meetings, petitionAttachments, petitions } from '@hopso/db/schema/index';
import { formatTrackingCode, missingRequired, petitionInput, type PetitionChannel, type PetitionInput } from '@hopso/shared/petitions';
import type { AuditEntryInput } from '@hopso/shared/audit';
import { appendAudit } from '../audit/log.ts';
import type { BlobStore } from '../documents/storage.ts';
import { AppError, fieldError, fieldErrors } from '../http/errors.ts';
import { keepAttachments, type IncomingFile, type KeptFile } from './attachments.ts';
import { settingsOf } from './settings.ts';

// The one way a petition enters Họp Số. The portal form, the clerks' list from voter-contact meetings and
// the e-mail and Zalo adapters all call receivePetition with their channel; nothing else inserts petitions.

/** What receivePetition needs from the server: the database, the file store and the clock. */
export interface IntakeDeps { db: Db; blobs: BlobStore; now: () => Date }

/** A petition as a channel hands it over. */
export interface IncomingPetition extends PetitionInput {
  attachments?: readonly IncomingFile[];
  /** The channel's own id of the message (e-mail Message-ID, Zalo msg_id): receiving it again is a no-op. */
  externalRef?: string | null;
  /** The voter-contact meeting it was raised at (channel `meeting`). */
  meetingId?: string | null;
  /** When it was actually received, if not now (the e-mail's date, the meeting's day). */
  receivedAt?: Date;
}

export interface Received { id: string; code: string; /** The channel had already delivered this message. */ repeated: boolean }

/** A fresh tracking code no petition has yet (50 random bits: a clash is a formality, checked anyway). */
async function newCode(db: Db): Promise<string> {
  for (;;) {
    const code = formatTrackingCode(randomBytes(10));
    const [taken] = await db.select({ id: petitions.id }).from(petitions).where(eq(petitions.code, code));
    if (!taken) return code;
  }
}

/** Field errors of one incoming petition, keyed under `prefix` when it is part of a list. */
function prefixed(prefix: string, fields: ReturnType<typeof fieldErrors>) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v]));
}

/**
 * Receives one petition on a channel: checks it (the council's required name/contact apply to the portal
 * form, where the citizen can still add them), keeps its attachments, stores it as `received` with a new
 * tracking code and audits it in the same transaction. The audit entry names no submitter: the log is
 * permanent, a citizen's name and phone need not be.
 */
export async function receivePetition(deps: IntakeDeps, councilId: string, input: IncomingPetition, channel: PetitionChannel): Promise<Received> {
  try {
    const [received] = await receivePetitions(deps, councilId, [input], channel);
    return received!;
  } catch (err) {
    // The same message delivered twice at the same moment (an SMTP client retrying on a slow reply, Zalo
    // resending while the first is stored): neither finds the other's externalRef, the unique
    // (council, channel, external_ref) lets one insert through, and the other, received again, is a repeat.
    if (!input.externalRef || !isUniqueViolation(err)) throw err;
    const [received] = await receivePetitions(deps, councilId, [input], channel);
    return received!;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Receives a list at once (a clerk's entry from a voter-contact meeting): all or nothing, one transaction,
 * one audit append at its end. Field errors name the item (`items.3.content`).
 */
export async function receivePetitions(deps: IntakeDeps, councilId: string, inputs: readonly IncomingPetition[], channel: PetitionChannel): Promise<Received[]> {
  const { db } = deps;
  const [council] = await db.select({ id: councils.id }).from(councils).where(eq(councils.id, councilId));
  if (!council) throw new AppError('not_found');
  const settings = channel === 'web' ? await settingsOf(db, councilId) : null;
  if (settings && !settings.intakeOpen) throw new AppError('intake_closed');
  const prefix = (i: number) => (inputs.length > 1 ? `items.${i}.` : '');
  const checked = inputs.map((input, i) => {
    const parsed = petitionInput.safeParse(input);
    if (!parsed.success) throw new AppError('validation', { fields: prefixed(prefix(i), fieldErrors(petitionInput, input)) });
    const missing = settings ? missingRequired(parsed.data, settings) : {};
    if (Object.keys(missing).length) throw new AppError('validation', { fields: prefixed(prefix(i), Object.fromEntries(Object.entries(missing).map(([k, m]) => [k, [m]]))) });
    return { input, fields: parsed.data, externalRef: input.externalRef?.slice(0, 500) || null, meetingId: input.meetingId ?? null };
  });
  const meetingIds = [...new Set(checked.map((c) => c.meetingId).filter((m): m is string => m !== null))];
  for (const meetingId of meetingIds) {
    const [meeting] = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.councilId, councilId)));
    if (!meeting) throw new AppError('validation', { fields: fieldError('meetingId', 'Cuộc họp không thuộc Hội đồng này', 'The meeting is not one of this council') });
  }
  const results: (Received | null)[] = [];
  for (const c of checked) {
    const [seen] = c.externalRef
      ? await db.select({ id: petitions.id, code: petitions.code }).from(petitions).where(and(eq(petitions.councilId, councilId), eq(petitions.channel, channel), eq(petitions.externalRef, c.externalRef)))
      : [];
    results.push(seen ? { ...seen, repeated: true } : null);
  }
  const files: KeptFile[][] = [];
  for (const c of checked) files.push(await keepAttachments(deps.blobs, c.input.attachments ?? []));
  const codes: string[] = [];
  for (const r of results) codes.push(r ? r.code : await newCode(db));
  return db.transaction(async (tx) => {
    const audit: AuditEntryInput[] = [];
    const out: Received[] = [];
    for (const [i, c] of checked.entries()) {
      if (results[i]) { out.push(results[i]!); continue; }
      const code = codes[i]!;
      const [row] = await tx.insert(petitions).values({
        councilId, code, channel, externalRef: c.externalRef, meetingId: c.meetingId, ...c.fields, receivedAt: c.input.receivedAt ?? deps.now(),
      }).returning({ id: petitions.id });
      if (files[i]!.length) await tx.insert(petitionAttachments).values(files[i]!.map((f) => ({ petitionId: row!.id, ...f })));
      audit.push({ action: 'petition.received', councilId, meetingId: c.meetingId, targetType: 'petition', targetId: row!.id, details: { code, channel, locality: c.fields.locality, attachments: files[i]!.length } });
      out.push({ id: row!.id, code, repeated: false });
    }
    await appendAudit(tx, audit);
    return out;
  });
}
