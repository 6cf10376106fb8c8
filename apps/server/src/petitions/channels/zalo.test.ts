import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { petitions } from '@hopso/db/schema/index';
import { createLogger } from '../../log.ts';
import { createTestApp, type TestApp } from '../../testing.ts';
import { unclassifiedLocality } from './locality.ts';
import { signedZaloEvent, zaloTestEnv, zaloText } from './testing.ts';
import { zaloSignature } from './zalo.ts';

// The Zalo Official Account webhook, fed with recorded payloads: events in the documented shape, made by the
// test and signed as Zalo signs them (with a test secret). Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.

let t: TestApp;
const logged: string[] = [];
const path = '/api/public/zalo/webhook';
const count = async () => (await t.db.select({ id: petitions.id }).from(petitions)).length;
const post = (event: { body: string; headers: Record<string, string> }) => t.request('POST', path, { body: event.body, headers: event.headers });

beforeAll(async () => {
  t = await createTestApp({ env: zaloTestEnv });
  // Everything the app logs while handling the webhook, to check that no secret or signature reaches it.
  t.deps.log = createLogger('debug', {}, (line) => { logged.push(line); return true; });
});
afterAll(async () => { await t.close(); });

describe('Zalo signature', () => {
  it('is "mac=" and the SHA-256 of app id, raw body, timestamp and OA secret', () => {
    // sha256("1" + "{}" + "2" + "s") computed independently with: printf '1{}2s' | sha256sum
    expect(zaloSignature('1', '{}', '2', 's')).toBe('mac=b4f82c4532052c7f37ed3c6bdaf0e2c83adb46816e9649f84022fe165b65a81b');
  });
});

describe('POST /api/public/zalo/webhook', () => {
  it('stores a voter’s text message as a Zalo petition, once however often it is delivered', async () => {
    const event = signedZaloEvent(zaloText('[Ấp Bình An] Đèn đường ấp Bình An hỏng đã hai tháng, đề nghị sửa.', 'msg-text-1'));
    const res = await post(event);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, petition: { repeated: false } });
    const [row] = await t.db.select().from(petitions).where(eq(petitions.id, body.petition.id));
    expect(row).toMatchObject({ channel: 'zalo', externalRef: 'msg-text-1', locality: 'Ấp Bình An', content: 'Đèn đường ấp Bình An hỏng đã hai tháng, đề nghị sửa.', submitterContact: 'Zalo 246845883529197922', status: 'received' });

    const before = await count();
    const again = await post(event);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, petition: { id: row!.id, repeated: true } });
    expect(await count()).toBe(before);
  });

  it('stores an event Zalo resends while the first is being stored once', async () => {
    const event = signedZaloEvent(zaloText('Đề nghị lắp thêm đèn chiếu sáng đoạn đường ra chợ ấp Bình An.', 'msg-race-1'));
    const answers = await Promise.all([post(event), post(event)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const [a, b] = await Promise.all(answers.map((r) => r.json()));
    expect(a.petition.id).toBe(b.petition.id);
    expect(await t.db.select().from(petitions).where(eq(petitions.externalRef, 'msg-race-1'))).toHaveLength(1);
  });

  it('records that media came with a message without storing or fetching its links', async () => {
    const url = 'https://photo-stal.zadn.vn/abc/anh-duong.jpg';
    const event = signedZaloEvent({ ...zaloText('Ảnh chụp đoạn đường bị sạt lở ở ấp Phú Hòa.', 'msg-image-1'), event_name: 'user_send_image' });
    const payload = JSON.parse(event.body);
    payload.message.attachments = [{ type: 'image', payload: { url, thumbnail: url } }, { type: 'image', payload: { url } }];
    const body = JSON.stringify(payload);
    const res = await post({ body, headers: { ...event.headers, 'x-zevent-signature': zaloSignature(payload.app_id, body, payload.timestamp, zaloTestEnv.ZALO_OA_SECRET) } });
    expect(res.status).toBe(200);
    const [row] = await t.db.select().from(petitions).where(eq(petitions.externalRef, 'msg-image-1'));
    expect(row!.locality).toBe(unclassifiedLocality);
    expect(row!.content).toMatch(/^Ảnh chụp đoạn đường bị sạt lở ở ấp Phú Hòa\.\n\n\[Kèm 2 ảnh gửi qua Zalo/);
    expect(row!.content).not.toContain('zadn.vn');
  });

  it.each(['follow', 'user_seen_message', 'oa_send_text'])('acknowledges a %s event and stores nothing', async (name) => {
    const before = await count();
    const res = await post(signedZaloEvent({ ...zaloText('Không phải kiến nghị, chỉ là sự kiện khác.'), event_name: name }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, ignored: true });
    expect(await count()).toBe(before);
  });

  const text = () => zaloText('Đề nghị nạo vét kênh thủy lợi ấp Bình An trước mùa mưa.');
  const tampered = () => { const e = signedZaloEvent(text()); return { ...e, body: e.body.replace('nạo vét', 'lấp') }; };
  it.each([
    ['no signature', () => signedZaloEvent(text(), { signature: null }), 401, 'webhook_signature'],
    ['a wrong secret', () => signedZaloEvent(text(), { secret: 'someone-else' }), 401, 'webhook_signature'],
    ['a garbage signature', () => signedZaloEvent(text(), { signature: 'mac=00' }), 401, 'webhook_signature'],
    ['a changed body', tampered, 401, 'webhook_signature'],
    ['another app id', () => signedZaloEvent({ ...text(), app_id: '999' }), 401, 'webhook_signature'],
    ['a replayed old event', () => signedZaloEvent(text(), { at: new Date(Date.now() - 3600_000) }), 401, 'webhook_stale'],
    ['a timestamp in the future', () => signedZaloEvent(text(), { at: new Date(Date.now() + 3600_000) }), 401, 'webhook_stale'],
    ['broken JSON', () => ({ body: '{"app_id": "3482178216594085616", "event_name": ', headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' } }), 400, 'invalid_json'],
    ['a message event without msg_id', () => signedZaloEvent({ event_name: 'user_send_text', sender: { id: '1' } }), 400, 'bad_request'],
    ['a message with no petition in it', () => signedZaloEvent(zaloText('ok')), 400, 'validation'],
    ['a body over 256 KB', () => signedZaloEvent(zaloText('x'.repeat(300 * 1024))), 413, 'payload_too_large'],
  ])('answers %s with a clear 4xx and stores nothing', async (_, make, status, code) => {
    const before = await count();
    const res = await post(make());
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json).toMatchObject({ ok: false, code });
    expect(json.message).toBeTruthy();
    expect(await count()).toBe(before);
  });

  it('never logs the secret or the signature', async () => {
    const event = signedZaloEvent(text());
    await post(event);
    await post(signedZaloEvent(text(), { secret: 'wrong' }));
    expect(logged.length).toBeGreaterThan(0);
    const all = logged.join('\n');
    expect(all).not.toContain(zaloTestEnv.ZALO_OA_SECRET);
    expect(all).not.toContain(event.headers['x-zevent-signature']!.slice(4));
  });

  it('does not exist when the Zalo OA is not configured', async () => {
    const plain = await createTestApp({ seed: false });
    try {
      const res = await plain.request('POST', path, { body: signedZaloEvent(text()).body, headers: signedZaloEvent(text()).headers });
      expect([res.status, (await res.json()).code]).toEqual([404, 'not_found']);
    } finally {
      await plain.close();
    }
  });
});
