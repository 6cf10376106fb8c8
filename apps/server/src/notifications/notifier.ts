import type { MessageContent, NotificationChannel, NotificationLocale } from '@hopso/shared/notifications';
import type { StoredAttachment } from '@hopso/db/schema/notifications';

/** Everything a channel needs to send one delivery, loaded by the worker when it claims it. */
export interface OutgoingDelivery {
  id: string;
  channel: NotificationChannel;
  /** Stable across retries and nodes; sent to the provider so that it can drop a resend too. */
  idempotencyKey: string;
  /** 1 for the first attempt. */
  attempt: number;
  locale: NotificationLocale;
  event: string;
  councilName: string;
  recipient: { name: string; email: string | null; phone: string | null; zaloUserId: string | null };
  message: MessageContent;
  /** Absolute link into the app, or null. */
  link: string | null;
  attachments: StoredAttachment[];
}

/** A provider's answer: sent, worth trying again later (outage, 5xx, timeout) or refused for good (bounce, bad address). */
export type SendResult = { ok: true } | { ok: false; retryable: boolean; error: string };

/** One outside channel (e-mail, SMS, Zalo); adapters live beside this file. */
export interface Notifier {
  channel: NotificationChannel;
  send(delivery: OutgoingDelivery): Promise<SendResult>;
  close?(): Promise<void> | void;
}

export const retryable = (error: string): SendResult => ({ ok: false, retryable: true, error: scrubError(error) });
export const permanent = (error: string): SendResult => ({ ok: false, retryable: false, error: scrubError(error) });

/**
 * An error as it may be stored and shown to the secretariat: providers echo addresses, phone numbers and
 * tokens back in their messages, and those must not reach logs or the queue view in full.
 */
export function scrubError(error: string): string {
  return error
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, (m) => `${m[0]}…@${m.split('@')[1]}`)
    .replace(/\+?\d[\d .-]{6,}\d/g, (m) => (m.replace(/\D/g, '').length >= 8 ? `…${m.replace(/\D/g, '').slice(-3)}` : m))
    .replace(/(bearer|token|access_token)([\s:=]+)[^\s,;"']+/gi, '$1$2…')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}

/** A phone number as logs may show it: the last three digits. */
export const maskPhone = (phone: string) => `…${phone.replace(/\D/g, '').slice(-3)}`;

/** The text of an SMS or Zalo message: short, the subject first, the link last. */
export function shortText(delivery: OutgoingDelivery, maxLength: number): string {
  const tail = delivery.link ? `\n${delivery.link}` : '';
  const body = `${delivery.message.subject}\n${delivery.message.text}`.trim();
  const room = maxLength - tail.length;
  return (body.length > room ? `${body.slice(0, Math.max(0, room - 1))}…` : body) + tail;
}
