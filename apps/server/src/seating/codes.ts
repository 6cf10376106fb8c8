import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { serverSecrets } from '@hopso/db/schema/index';
import { checkinMacBytes, encodeCheckinPayload, extractCheckinCode, joinCheckinCode, parseCheckinCode, type CheckinKind, type CheckinPayload } from '@hopso/shared/checkin';
import { AppError } from '../http/errors.ts';
import type { Deps } from '../http/context.ts';

// Signing and checking QR check-in codes (shared/checkin.ts has the format). The key is CHECKIN_SECRET when
// configured, else one made on first start and kept in the database (server_secrets), so every node of an
// installation shares it and a restart does not void printed invitations.

const keys = new WeakMap<Db, Promise<Buffer>>();

/** The HMAC key of check-in codes: the configured secret, else the stored one (made now if there is none). */
export function checkinKey(deps: Pick<Deps, 'db' | 'config'>): Promise<Buffer> {
  if (deps.config.CHECKIN_SECRET) return Promise.resolve(Buffer.from(deps.config.CHECKIN_SECRET, 'utf8'));
  let key = keys.get(deps.db);
  if (!key) {
    key = (async () => {
      // Two nodes starting together both insert; the primary key keeps the first and both read it back.
      await deps.db.insert(serverSecrets).values({ name: 'checkin', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
      const [row] = await deps.db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, 'checkin'));
      return Buffer.from(row!.value, 'base64url');
    })();
    key.catch(() => keys.delete(deps.db));
    keys.set(deps.db, key);
  }
  return key;
}

function mac(key: Buffer, signed: string): Buffer {
  // Domain-separated: the key signs nothing else, but a future use must not accept a check-in code.
  return createHmac('sha256', key).update(`hopso-checkin\n${signed}`).digest().subarray(0, checkinMacBytes);
}

/** Signs a payload into a code. */
export function signCode(key: Buffer, payload: CheckinPayload): string {
  const signed = encodeCheckinPayload(payload);
  return joinCheckinCode(signed, mac(key, signed));
}

/**
 * Checks a scanned code for one meeting: Họp Số format and a MAC made with our key (else `checkin_forged`),
 * this meeting (`checkin_other_meeting`), not past its expiry (`checkin_expired`), of the kind asked for.
 * The MAC comes first, so nothing about a forged code (its meeting, its expiry) is believed.
 */
export function verifyCode(key: Buffer, scanned: string, expect: { meetingId: string; now: Date; kind?: CheckinKind }): CheckinPayload {
  const parsed = parseCheckinCode(extractCheckinCode(scanned));
  if (!parsed) throw new AppError('checkin_forged');
  const good = mac(key, parsed.signed);
  if (!timingSafeEqual(good, Buffer.from(parsed.mac))) throw new AppError('checkin_forged');
  if (parsed.meetingId !== expect.meetingId) throw new AppError('checkin_other_meeting');
  if (parsed.expiresAt.getTime() < expect.now.getTime()) throw new AppError('checkin_expired');
  if (expect.kind && parsed.kind !== expect.kind) throw new AppError('checkin_forged');
  return { kind: parsed.kind, meetingId: parsed.meetingId, subjectId: parsed.subjectId, expiresAt: parsed.expiresAt };
}

/** When a meeting's codes stop working: its end (or a day after its start) plus the configured margin. */
export function codeExpiry(meeting: { startsAt: Date; endsAt: Date | null }, marginHours: number): Date {
  const end = meeting.endsAt ?? new Date(meeting.startsAt.getTime() + 24 * 3600_000);
  // Whole seconds: the code carries its expiry in seconds, and the same code must come out every time.
  return new Date(Math.floor((end.getTime() + marginHours * 3600_000) / 1000) * 1000);
}
