import nodemailer from 'nodemailer';
import type { NotificationLocale } from '@hopso/shared/notifications';
import { permanent, retryable, type Notifier, type OutgoingDelivery } from './notifier.ts';
import { escapeHtml } from './html.ts';

// Notification e-mail over SMTP (nodemailer): the caller's rendered message inside the house layout, in the
// recipient's language, plain text and HTML, with the caller's attachments (an ICS invitation).

const layout: Record<NotificationLocale, { open: string; why: string; settings: string }> = {
  vi: {
    open: 'Mở trong Họp Số',
    why: 'Bạn nhận thư này vì là thành viên của {council} trên Họp Số.',
    settings: 'Đổi kênh nhận thông báo trong mục Tài khoản của Họp Số.',
  },
  en: {
    open: 'Open in Họp Số',
    why: 'You receive this e-mail as a member of {council} on Họp Số.',
    settings: 'Change how you are notified on your Họp Số account page.',
  },
};

/** The e-mail of one delivery: subject, text and HTML in the recipient's language. */
export function renderEmail(delivery: OutgoingDelivery): { subject: string; text: string; html: string } {
  const words = layout[delivery.locale];
  const why = words.why.replace('{council}', delivery.councilName);
  const { subject, text, html } = delivery.message;
  const textParts = [text.trim(), delivery.link ? `${words.open}: ${delivery.link}` : '', '--', why, words.settings];
  const button = delivery.link ? `<p><a href="${escapeHtml(delivery.link)}" style="display:inline-block;padding:10px 16px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(words.open)}</a></p>` : '';
  return {
    subject,
    text: textParts.filter((p) => p !== '').join('\n\n'),
    html: `<!doctype html><html lang="${delivery.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`
      + `<body style="font-family:Arial,sans-serif;color:#1b1b1b;line-height:1.5"><div style="max-width:640px;margin:0 auto">`
      + `<p style="color:#555;font-size:13px">${escapeHtml(delivery.councilName)}</p>${html}${button}`
      + `<hr style="border:0;border-top:1px solid #ddd"><p style="color:#666;font-size:12px">${escapeHtml(why)}<br>${escapeHtml(words.settings)}</p></div></body></html>`,
  };
}

/** SMTP through nodemailer: a 5xx reply (a bounce, an unknown mailbox) is permanent, a 4xx or a dropped connection is retried. */
export function emailNotifier(options: { url: string; from: string }): Notifier {
  // Short timeouts: a mail server that hangs holds up only this channel's round, and not for minutes.
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  return {
    channel: 'email',
    async send(delivery) {
      const to = delivery.recipient.email;
      if (!to) return permanent('no e-mail address');
      const mail = renderEmail(delivery);
      try {
        await transport.sendMail({
          from: options.from, to: { name: delivery.recipient.name, address: to }, ...mail,
          // The same Message-ID on every attempt lets the receiving side drop a duplicate after a lost answer.
          messageId: `<${delivery.idempotencyKey}@hopso>`,
          headers: { 'X-Hopso-Event': delivery.event, 'Idempotency-Key': delivery.idempotencyKey },
          attachments: delivery.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
        return { ok: true };
      } catch (error) {
        const e = error as { message?: string; responseCode?: number; permanent?: boolean; code?: string };
        const reason = e.responseCode ? `SMTP ${e.responseCode}: ${e.message ?? ''}` : `${e.code ?? 'error'}: ${e.message ?? String(error)}`;
        return e.permanent === true ? permanent(reason) : retryable(reason);
      }
    },
    close: () => transport.close(),
  };
}
