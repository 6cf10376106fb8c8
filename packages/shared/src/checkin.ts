import { z } from 'zod';

// QR check-in codes (mã QR điểm danh): a compact token the server signs (HMAC) and binds to one meeting and one
// person (an invitee: `attendee`) or one guest pass (`guest`: opens the meeting's public documents without an
// account). Format: "HS1.<payload>.<mac>", both base64url; the payload is fixed-size binary so the QR stays
// small. Only the format lives here (the web reads it too); signing and verifying are on the server
// (apps/server/src/seating/codes.ts). Routes: docs/api.md "QR check-in".

export const checkinCodeVersion = 'HS1';
export const checkinKinds = ['attendee', 'guest'] as const;
export type CheckinKind = (typeof checkinKinds)[number];

/** kind byte + meeting id + subject id (user or guest pass) + expiry in Unix seconds. */
const payloadBytes = 1 + 16 + 16 + 4;
/** HMAC-SHA256 cut to 128 bits: enough against forging, short enough for a small QR. */
export const checkinMacBytes = 16;

export interface CheckinPayload {
  kind: CheckinKind;
  meetingId: string;
  /** The invitee's user id (attendee) or the guest pass id (guest). */
  subjectId: string;
  /** Whole seconds: the code is refused after this time. */
  expiresAt: Date;
}

export interface ParsedCheckinCode extends CheckinPayload {
  /** The text the MAC covers ("HS1.<payload>"). */
  signed: string;
  mac: Uint8Array;
}

const b64url = /^[A-Za-z0-9_-]+$/;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!b64url.test(text)) return null;
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidBytes(id: string): Uint8Array {
  if (!uuidPattern.test(id)) throw new Error(`not a uuid: ${id}`);
  const hex = id.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function bytesUuid(b: Uint8Array): string {
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The text to sign for a payload ("HS1.<payload>"); the server appends "." and the MAC. */
export function encodeCheckinPayload(p: CheckinPayload): string {
  const bytes = new Uint8Array(payloadBytes);
  bytes[0] = checkinKinds.indexOf(p.kind);
  bytes.set(uuidBytes(p.meetingId), 1);
  bytes.set(uuidBytes(p.subjectId), 17);
  new DataView(bytes.buffer).setUint32(33, Math.floor(p.expiresAt.getTime() / 1000));
  return `${checkinCodeVersion}.${toBase64Url(bytes)}`;
}

/** Joins the signed text and its MAC into the code. */
export function joinCheckinCode(signed: string, mac: Uint8Array): string {
  return `${signed}.${toBase64Url(mac)}`;
}

/**
 * The code inside what a scanner read: the bare code, or a link that ends with it (a guest QR is a link to
 * /khach/<code> so a phone opens the page). Surrounding spaces are ignored.
 */
export function extractCheckinCode(scanned: string): string {
  const text = scanned.trim();
  const at = text.lastIndexOf(`${checkinCodeVersion}.`);
  return at > 0 && /[/=]$/.test(text.slice(at - 1, at)) ? text.slice(at).replace(/[?#].*$/, '') : text;
}

/** Reads a code's format (version, sizes, kind); null when it is not a Họp Số code. Says nothing of the MAC. */
export function parseCheckinCode(code: string): ParsedCheckinCode | null {
  const parts = code.split('.');
  if (parts.length !== 3 || parts[0] !== checkinCodeVersion) return null;
  const payload = fromBase64Url(parts[1]!);
  const mac = fromBase64Url(parts[2]!);
  if (!payload || payload.length !== payloadBytes || !mac || mac.length !== checkinMacBytes) return null;
  const kind = checkinKinds[payload[0]!];
  if (!kind) return null;
  const seconds = new DataView(payload.buffer, payload.byteOffset).getUint32(33);
  return {
    kind, meetingId: bytesUuid(payload.subarray(1, 17)), subjectId: bytesUuid(payload.subarray(17, 33)),
    expiresAt: new Date(seconds * 1000), signed: `${parts[0]}.${parts[1]}`, mac,
  };
}

export const checkinRequest = z.object({ code: z.string().trim().min(1).max(600) });
export type CheckinRequest = z.infer<typeof checkinRequest>;

/** What a successful scan answers: who came in and, for an attendee, the seat and the quorum now. */
export interface CheckinResult {
  kind: CheckinKind;
  fullName: string;
  status: 'present' | 'late' | null;
  seat: string | null;
  at: string;
}

/** A delegate's own code and seat for a meeting (tablet, account page, printed invitation). */
export interface MyCheckin {
  code: string;
  seat: string | null;
  expiresAt: string;
}

export const guestPassRequest = z.object({
  label: z.string().trim().max(120).default(''),
  singleUse: z.boolean().default(false),
});
export type GuestPassRequest = z.input<typeof guestPassRequest>;

export interface GuestPass {
  id: string;
  label: string;
  singleUse: boolean;
  usedAt: string | null;
  uses: number;
  code: string;
  createdAt: string;
}

/** The public page a guest QR opens: the meeting and its public documents only. */
export interface GuestView {
  meeting: { id: string; title: string; startsAt: string; place: string };
  label: string;
  documents: { id: string; title: string; pageCount: number | null }[];
}

/** Vietnam wall-clock time "08:05" of an instant, for "đã điểm danh lúc 08:05". */
export function vietnamClock(at: Date): string {
  const v = new Date(at.getTime() + 7 * 3600_000);
  return `${String(v.getUTCHours()).padStart(2, '0')}:${String(v.getUTCMinutes()).padStart(2, '0')}`;
}
