import { connect } from 'node:net';
import { zaloSignature } from './zalo.ts';

// Helpers for the channel tests and the authorization matrix: e-mails built as a mail client writes them,
// a minimal SMTP client, and Zalo events in the documented shape signed like Zalo signs them.

/** The Zalo configuration tests run the app with (a test secret, never a real one). */
export const zaloTestEnv = { ZALO_APP_ID: '3482178216594085616', ZALO_OA_SECRET: 'test-oa-secret-not-real', ZALO_COUNCIL: 'hdnd-xa-tan-phu' } as const;

const pdf = '%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n';
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

export interface EmlOptions {
  from?: string; subject?: string; date?: string | null; messageId?: string | null;
  text?: string; html?: string; attachments?: { filename: string; type: string; bytes: Uint8Array | string }[];
}

/** An RFC 822 message with UTF-8 headers (RFC 2047) and base64 parts, CRLF line ends. */
export function eml(o: EmlOptions = {}): string {
  const header = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${b64(s)}?=`);
  const lines = [
    `From: ${o.from ?? `${header('Nguyễn Thị Lan')} <lan.nguyen@example.vn>`}`,
    'To: kiennghi@tanphu.example.vn',
    `Subject: ${header(o.subject ?? '[Ấp Bình An] Đường liên thôn xuống cấp')}`,
    ...(o.date === null ? [] : [`Date: ${o.date ?? new Date(Date.now() - 3600_000).toUTCString()}`]),
    ...(o.messageId === null ? [] : [`Message-ID: ${o.messageId ?? `<${crypto.randomUUID()}@example.vn>`}`]),
    'MIME-Version: 1.0',
  ];
  const body = o.html
    ? { type: 'text/html; charset=utf-8', content: o.html }
    : { type: 'text/plain; charset=utf-8', content: o.text ?? 'Đường liên thôn qua ấp Bình An bị sạt lở sau mưa lũ, đề nghị sửa chữa sớm.' };
  const files = o.attachments ?? [];
  if (!files.length) return [...lines, `Content-Type: ${body.type}`, 'Content-Transfer-Encoding: base64', '', b64(body.content), ''].join('\r\n');
  const boundary = 'ranh-gioi-hopso';
  const parts = [
    [`--${boundary}`, `Content-Type: ${body.type}`, 'Content-Transfer-Encoding: base64', '', b64(body.content)],
    ...files.map((f) => [`--${boundary}`, `Content-Type: ${f.type}; name="${f.filename}"`, `Content-Disposition: attachment; filename="${f.filename}"`, 'Content-Transfer-Encoding: base64', '', b64(f.bytes)]),
  ];
  return [...lines, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts.flat(), `--${boundary}--`, ''].join('\r\n');
}
export const samplePdf = pdf;

/**
 * Sends one message over SMTP (EHLO, MAIL, RCPT, DATA) and returns every reply line. The dialog waits for
 * each reply before the next command, as RFC 5321 asks of a client without PIPELINING.
 */
export function sendSmtp(port: number, message: string, from = 'lan.nguyen@example.vn'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: string[] = [];
    // Dot-stuffing: a line starting with "." gets another one; the message ends with CRLF.CRLF.
    const data = `${message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..').replace(/(\r\n)?$/, '\r\n')}.\r\n`;
    const steps = [`EHLO test.example.vn\r\n`, `MAIL FROM:<${from}>\r\n`, 'RCPT TO:<kiennghi@tanphu.example.vn>\r\n', 'DATA\r\n', data, 'QUIT\r\n'];
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        replies.push(line);
        // The last line of a reply has a space after the code; a 5xx ends the dialog early.
        if (!/^\d{3} /.test(line)) continue;
        if (/^5/.test(line) || steps.length === 0) { socket.end(); continue; }
        socket.write(steps.shift()!);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(replies));
  });
}

/** A Zalo event as its webhook sends it, with the body and the headers Zalo would put on it. */
export function signedZaloEvent(event: Record<string, unknown>, options: { secret?: string; at?: Date; signature?: string | null } = {}) {
  const timestamp = String((options.at ?? new Date()).getTime());
  const body = JSON.stringify({ app_id: zaloTestEnv.ZALO_APP_ID, user_id_by_app: '552177279717587730', timestamp, ...event });
  const signed = JSON.parse(body) as { app_id: string; timestamp: string };
  const signature = options.signature === undefined ? zaloSignature(signed.app_id, body, signed.timestamp, options.secret ?? zaloTestEnv.ZALO_OA_SECRET) : options.signature;
  return { body, headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-zevent-signature': signature }) } };
}

/** A user_send_text event from one voter, with a fresh msg_id unless given. */
export function zaloText(text: string, msgId: string = crypto.randomUUID().replace(/-/g, '')) {
  return { event_name: 'user_send_text', sender: { id: '246845883529197922' }, recipient: { id: '388613280878808645' }, message: { msg_id: msgId, text } };
}
