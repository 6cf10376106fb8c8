import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import type { IncomingPetition } from '../intake.ts';
import { splitLocality } from './locality.ts';

// The Zalo Official Account webhook (Zalo OA API v3 "Webhook"). Zalo POSTs each event as JSON and signs it
// in the X-ZEvent-Signature header: "mac=" + hex SHA-256 of app_id + the raw body + the event's timestamp +
// the OA secret key (a plain hash over the concatenation, not an HMAC). The timestamp is inside the signed
// body (milliseconds), so a captured event replayed later is refused by its age, and one replayed within the
// window is stored once, by its msg_id.

export interface ZaloConfig { appId: string; secret: string; maxAgeSeconds: number }

const id = z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(100));
const attachment = z.object({ type: z.string().max(40), payload: z.object({ url: z.string().optional(), name: z.string().optional() }).loose().optional() }).loose();
/** The fields of an event that Họp Số reads; others are ignored. */
export const zaloEvent = z.object({
  app_id: id,
  event_name: z.string().min(1).max(100),
  timestamp: id,
  sender: z.object({ id }).loose().optional(),
  message: z.object({ msg_id: id, text: z.string().max(20_000).optional(), attachments: z.array(attachment).max(50).optional() }).loose().optional(),
}).loose();
export type ZaloEvent = z.infer<typeof zaloEvent>;

/** The signature Zalo sends for `rawBody` (exported for tests, which sign their recorded payloads with it). */
export function zaloSignature(appId: string, rawBody: string, timestamp: string, secret: string): string {
  return `mac=${createHash('sha256').update(appId + rawBody + timestamp + secret, 'utf8').digest('hex')}`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The event, once its body is JSON of the documented shape, from our OA's app, signed with our secret and
 * recent. No signature header, a wrong one or another app's event: webhook_signature (401); broken JSON:
 * invalid_json (400); not the documented shape: bad_request (400); too old or from the future: webhook_stale (401).
 */
export function verifiedZaloEvent(config: ZaloConfig, rawBody: string, signature: string | undefined, now: Date): ZaloEvent {
  if (!signature) throw new AppError('webhook_signature');
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError('invalid_json');
  }
  const parsed = zaloEvent.safeParse(json);
  if (!parsed.success) throw new AppError('bad_request');
  const event = parsed.data;
  if (event.app_id !== config.appId) throw new AppError('webhook_signature');
  if (!sameText(signature.trim(), zaloSignature(config.appId, rawBody, event.timestamp, config.secret))) throw new AppError('webhook_signature');
  const at = Number(event.timestamp);
  const age = now.getTime() - at;
  if (!Number.isFinite(at) || age > config.maxAgeSeconds * 1000 || age < -60_000) throw new AppError('webhook_stale');
  return event;
}

/** The events that carry a voter's message; the others (follow, seen, OA's own sends…) are acknowledged and ignored. */
export const petitionEvents = new Set(['user_send_text', 'user_send_image', 'user_send_file']);

const mediaWords: Record<string, string> = { image: 'ảnh', file: 'tệp', video: 'video', audio: 'ghi âm', gif: 'ảnh động' };

/**
 * A message event as a petition. The text is the content (a leading "[Ấp …]" names the locality). Media is
 * NOT downloaded: Họp Số runs on an isolated LAN and never fetches remote URLs, and Zalo's CDN links expire —
 * so the links are left out (a stored link would also send a clerk who clicks it outside the LAN) and the
 * content says what came with the message, for the clerk to look at in the OA's chat.
 */
export function petitionFromZalo(event: ZaloEvent): IncomingPetition {
  const message = event.message;
  if (!message) throw new AppError('bad_request');
  const { locality, rest } = splitLocality(message.text ?? '');
  const media = (message.attachments ?? []).map((a) => mediaWords[a.type] ?? a.type);
  const note = media.length ? `[Kèm ${media.length} ${[...new Set(media)].join(', ')} gửi qua Zalo, chưa tải về — xem trong hộp thư Zalo OA]` : '';
  return {
    submitterName: null,
    // The sender's id within our OA: what the clerk needs to reply to the voter from the OA.
    submitterContact: event.sender ? `Zalo ${event.sender.id}` : null,
    locality,
    content: [rest, note].filter(Boolean).join('\n\n'),
    externalRef: message.msg_id,
    receivedAt: new Date(Number(event.timestamp)),
  };
}
