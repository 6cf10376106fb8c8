import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import PostalMime, { type Email } from 'postal-mime';
import { councils, deliveries, notifications, notificationSettings, users } from '@hopso/db/schema/index';
import type { DeliveryView } from '@hopso/shared/notifications';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createTestApp, type TestApp } from '../testing.ts';
import { createNotifiers } from './channels.ts';
import { notify } from './notify.ts';
import { startDeliveryWorker, type DeliveryWorker } from './worker.ts';

// The real adapters against servers started here on 127.0.0.1: an SMTP server (smtp-server; messages parsed
// with postal-mime) that bounces one mailbox, an SMS gateway that answers 500 to each message's first try and a
// Zalo OA API that takes the first try but drops the connection before answering. Each provider must end up
// with exactly one accepted message per recipient and event.

let t: TestApp;
let councilId: string;
let secretary: string;
let userIds: Record<string, string>;
let worker: DeliveryWorker;
const mails: Email[] = [];
let smtp: SMTPServer;

/** A provider that dedupes by the Idempotency-Key header, as the adapters expect a provider may. */
function fakeProvider(firstTry: 'fail' | 'drop') {
  const accepted: { key: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }[] = [];
  const seen = new Set<string>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => { raw += chunk.toString(); });
    req.on('end', () => {
      requests++;
      const key = String(req.headers['idempotency-key'] ?? '');
      const first = !seen.has(key);
      seen.add(key);
      if (first && firstTry === 'fail') { res.writeHead(500).end('try later'); return; }
      if (!accepted.some((a) => a.key === key)) accepted.push({ key, body: JSON.parse(raw) as Record<string, unknown>, headers: req.headers });
      // The message is taken but the answer never arrives: the sender cannot tell and must try again.
      if (first && firstTry === 'drop') { req.socket.destroy(); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 0, message: 'Success' }));
    });
  });
  return {
    accepted, server, requests: () => requests,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`))),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
const sms = fakeProvider('fail');
const zalo = fakeProvider('drop');

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { void PostalMime.parse(Buffer.concat(chunks)).then((m) => { mails.push(m); callback(); }, callback); });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const [smsUrl, zaloUrl] = await Promise.all([sms.listen(), zalo.listen()]);
  t = await createTestApp();
  councilId = (await t.db.select().from(councils))[0]!.id;
  secretary = await t.login('thuky');
  userIds = Object.fromEntries((await t.db.select({ id: users.id, username: users.username }).from(users)).map((r) => [r.username, r.id]));
  for (const u of ['daibieu01', 'daibieu02']) await t.db.insert(notificationSettings).values({ userId: userIds[u]!, email: true, sms: true, zalo: true, zaloUserId: `zalo-${u}` });
  await t.db.update(users).set({ locale: 'en' }).where(eq(users.username, 'daibieu02'));
  await t.db.update(users).set({ email: 'bounce@tanphu.example.vn' }).where(eq(users.username, 'daibieu03'));
  const config = loadConfig({
    DATA_DIR: '/nonexistent', NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NOTIFY_MAIL_FROM: 'HĐND xã Tân Phú <hopso@tanphu.example.vn>',
    NOTIFY_SMS_URL: smsUrl, NOTIFY_SMS_TOKEN: 'sms-secret-token', NOTIFY_ZALO_URL: zaloUrl, NOTIFY_ZALO_TOKEN: 'zalo-oa-token',
  });
  const notifiers = createNotifiers(config);
  expect(notifiers.map((n) => n.channel)).toEqual(['email', 'sms', 'zalo']);
  worker = startDeliveryWorker({ db: t.db, notifiers, log: createLogger('silent'), emit: () => {}, appUrl: 'https://hopso.test', maxAttempts: 4, retryBaseMs: 1, pollMs: 60_000 });
});
afterAll(async () => {
  await worker.stop();
  await Promise.all([sms.close(), zalo.close(), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
  await t.close();
});

const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:hop-1@hopso\r\nSUMMARY:Kỳ họp thứ 5\r\nDTSTART:20261220T010000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
const invite = (key: string, usernames: string[]) => notify(t.db, {
  councilId, event: 'meeting.invitation', key,
  messages: usernames.map((u) => ({
    userId: userIds[u]!, link: '/meetings/m-1',
    vi: { subject: 'Giấy mời Kỳ họp thứ 5', text: 'Kính mời đại biểu dự Kỳ họp thứ 5.', html: '<p>Kính mời đại biểu dự <b>Kỳ họp thứ 5</b>.</p>' },
    en: { subject: 'Invitation: 5th session', text: 'You are invited to the 5th session.', html: '<p>You are invited to the <b>5th session</b>.</p>' },
    attachments: [{ filename: 'ky-hop-5.ics', contentType: 'text/calendar; method=REQUEST', content: ics }],
  })),
}, { channels: ['email', 'sms', 'zalo'] });
const deliveriesOf = async (key: string) => {
  const ids = (await t.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.key, key))).map((r) => r.id);
  return t.db.select().from(deliveries).where(inArray(deliveries.notificationId, ids));
};

describe('notification channels', () => {
  it('delivers e-mail with text, HTML and the ICS file, SMS after a 500 and Zalo after a dropped answer — once each', async () => {
    await invite('c-invite', ['daibieu01', 'daibieu02']);
    for (let i = 0; i < 4; i++) await worker.runOnce();
    const rows = await deliveriesOf('c-invite');
    expect(rows.map((d) => d.status)).toEqual(rows.map(() => 'sent'));
    expect(rows).toHaveLength(6);

    const vi = mails.find((m) => m.subject === 'Giấy mời Kỳ họp thứ 5')!;
    const en = mails.find((m) => m.subject === 'Invitation: 5th session')!;
    expect(mails).toHaveLength(2);
    expect(vi.to?.[0]).toMatchObject({ address: 'daibieu01@tanphu.example.vn' });
    expect(vi.text).toContain('Kính mời đại biểu dự Kỳ họp thứ 5.');
    expect(vi.text).toContain('Mở trong Họp Số: https://hopso.test/meetings/m-1');
    expect(vi.html).toContain('<b>Kỳ họp thứ 5</b>');
    expect(vi.html).toContain('href="https://hopso.test/meetings/m-1"');
    expect(en.text).toContain('Open in Họp Số: https://hopso.test/meetings/m-1');
    const attachment = vi.attachments.find((a) => a.filename === 'ky-hop-5.ics')!;
    expect(attachment.mimeType).toBe('text/calendar');
    const content = typeof attachment.content === 'string' ? attachment.content : new TextDecoder().decode(attachment.content);
    expect(content).toContain('SUMMARY:Kỳ họp thứ 5');

    // Two tries each reached the SMS gateway and the Zalo API; each took one message per recipient.
    const phones = (await t.db.select({ phone: users.phone }).from(users).where(inArray(users.id, [userIds.daibieu01!, userIds.daibieu02!]))).map((u) => u.phone);
    expect(sms.accepted.map((a) => a.body.to).sort()).toEqual(phones.sort());
    expect(sms.accepted.every((a) => a.headers.authorization === 'Bearer sms-secret-token' && String(a.body.text).includes('https://hopso.test/meetings/m-1'))).toBe(true);
    expect(zalo.accepted.map((a) => (a.body.recipient as { user_id: string }).user_id).sort()).toEqual(['zalo-daibieu01', 'zalo-daibieu02']);
    expect(zalo.accepted.every((a) => a.headers.access_token === 'zalo-oa-token')).toBe(true);
    expect(sms.requests()).toBe(4);
    expect(zalo.requests()).toBe(4);
    expect(rows.filter((d) => d.channel !== 'email').every((d) => d.attempts === 2)).toBe(true);

    // The same invitation again, and more rounds: nothing new reaches anyone.
    await invite('c-invite', ['daibieu01', 'daibieu02']);
    for (let i = 0; i < 2; i++) await worker.runOnce();
    expect([mails.length, sms.requests(), zalo.requests()]).toEqual([2, 4, 4]);
  });

  it('marks a bounced e-mail failed with the server’s reason', async () => {
    await invite('c-bounce', ['daibieu03']);
    await worker.runOnce();
    const [row] = await deliveriesOf('c-bounce');
    expect(row).toMatchObject({ channel: 'email', status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/^SMTP 550: .*mailbox unavailable/);
    expect(row!.lastError).not.toContain('bounce@tanphu.example.vn');
  });

  it('keeps e-mail flowing while the SMS gateway is down, and shows the failures to the secretariat', async () => {
    await sms.close();
    await invite('c-down', ['daibieu01']);
    // Backoff here is 1, 2, 4 ms on the real clock: wait past it before each round so every round finds the retry due.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 25));
      await worker.runOnce();
    }
    const rows = await deliveriesOf('c-down');
    const byChannel = Object.fromEntries(rows.map((d) => [d.channel, d]));
    expect(byChannel.email).toMatchObject({ status: 'sent' });
    expect(byChannel.zalo).toMatchObject({ status: 'sent' });
    expect(byChannel.sms).toMatchObject({ status: 'failed', attempts: 4 });
    expect(byChannel.sms!.lastError).toMatch(/^network: /);

    const res = await t.request('GET', `/api/councils/${councilId}/deliveries?status=failed`, { cookie: secretary });
    expect(res.status).toBe(200);
    const body = await res.json() as { deliveries: DeliveryView[]; totals: Record<string, number> };
    const failed = body.deliveries.find((d) => d.id === byChannel.sms!.id)!;
    expect(failed).toMatchObject({ channel: 'sms', status: 'failed', attempts: 4, event: 'meeting.invitation', subject: 'Giấy mời Kỳ họp thứ 5', recipient: { userId: userIds.daibieu01 } });
    expect(failed.lastError).toMatch(/^network: /);
    expect(body.deliveries.find((d) => d.channel === 'email' && d.status === 'failed')?.lastError).toMatch(/^SMTP 550/);
    expect(body.totals.failed).toBe(2);

    // Retry now: queued again with a fresh round of attempts; a sent delivery cannot be retried.
    expect((await t.request('POST', `/api/councils/${councilId}/deliveries/${failed.id}/retry`, { cookie: secretary, body: {} })).status).toBe(200);
    const [again] = await t.db.select().from(deliveries).where(eq(deliveries.id, failed.id));
    expect(again).toMatchObject({ status: 'queued', attempts: 0 });
    const sent = await t.request('POST', `/api/councils/${councilId}/deliveries/${byChannel.email!.id}/retry`, { cookie: secretary, body: {} });
    expect(sent.status).toBe(409);
    expect((await sent.json()).code).toBe('conflict');
  });
});
