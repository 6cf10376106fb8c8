import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { sessions, users } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../testing.ts';
import { throttle } from './throttle.ts';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('signs in with the right password and sets an httpOnly SameSite cookie', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { username: 'daibieu01', password: 'HopSo@2026' } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hopso_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const body = await res.json();
    expect(body.user).toMatchObject({ username: 'daibieu01', isSystemAdmin: false });
    expect(body.user.memberships[0]).toMatchObject({ role: 'delegate', councilName: 'HĐND xã Tân Phú' });
    expect(JSON.stringify(body)).not.toContain('password');
  });

  it('accepts the username in any case and with spaces around it', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { username: '  DaiBieu02 ', password: 'HopSo@2026' } });
    expect(res.status).toBe(200);
  });

  it('rejects a wrong password and an unknown user with the same error', async () => {
    for (const body of [{ username: 'daibieu03', password: 'wrong-password' }, { username: 'nobody', password: 'HopSo@2026' }]) {
      const res = await t.request('POST', '/api/auth/login', { body });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, code: 'invalid_credentials', message: expect.stringContaining('mật khẩu') });
    }
  });

  it('answers broken JSON and missing fields with 400, never 500', async () => {
    const broken = await t.request('POST', '/api/auth/login', { body: '{"username": "a", ' });
    expect(broken.status).toBe(400);
    expect((await broken.json()).code).toBe('invalid_json');
    const missing = await t.request('POST', '/api/auth/login', { body: { username: 'a' } });
    expect(missing.status).toBe(400);
    const body = await missing.json();
    expect(body.code).toBe('validation');
    expect(body.fields.password).toBeDefined();
  });

  it('throttles an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < throttle.perUsername; i++) {
      expect((await t.request('POST', '/api/auth/login', { body: { username: 'daibieu04', password: `bad-${i}` } })).status).toBe(401);
    }
    const res = await t.request('POST', '/api/auth/login', { body: { username: 'daibieu04', password: 'HopSo@2026' } });
    expect(res.status).toBe(429);
    expect((await res.json()).code).toBe('rate_limited');
    // Other accounts from another address are not affected.
    const other = await t.request('POST', '/api/auth/login', { body: { username: 'daibieu05', password: 'HopSo@2026' } });
    expect(other.status).toBe(200);
  });

  it('issues a new session token on every sign-in (no session fixation)', async () => {
    const a = await t.login('daibieu06');
    const b = await t.login('daibieu06');
    expect(a).not.toBe(b);
    const planted = 'hopso_session=attacker-chosen-token-value-1234567890';
    const res = await t.request('POST', '/api/auth/login', { cookie: planted, body: { username: 'daibieu06', password: 'HopSo@2026' } });
    expect(res.headers.get('set-cookie')).not.toContain('attacker-chosen');
    expect((await t.request('GET', '/api/auth/me', { cookie: planted })).status).toBe(401);
  });

  it('ends the session the browser held before when someone signs in on it (shared tablet)', async () => {
    const before = await t.login('daibieu10');
    expect((await t.request('GET', '/api/auth/me', { cookie: before })).status).toBe(200);
    const res = await t.request('POST', '/api/auth/login', { cookie: before, body: { username: 'daibieu11', password: 'HopSo@2026' } });
    expect(res.status).toBe(200);
    // The response first clears the old cookie, then sets the new one.
    const after = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c !== 'hopso_session=')!;
    expect(after).not.toBe(before);
    expect((await t.request('GET', '/api/auth/me', { cookie: before })).status).toBe(401);
    expect((await (await t.request('GET', '/api/auth/me', { cookie: after })).json()).user.username).toBe('daibieu11');
  });

  it('throttles an address that sprays many accounts, and not other addresses', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < throttle.perIp; i++) {
      const res = await t.request('POST', '/api/auth/login', { ip, body: { username: `spray-${i}`, password: 'HopSo@2026' } });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request('POST', '/api/auth/login', { ip, body: { username: 'daibieu12', password: 'HopSo@2026' } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    expect((await t.request('POST', '/api/auth/login', { ip: '10.9.9.10', body: { username: 'daibieu12', password: 'HopSo@2026' } })).status).toBe(200);
  });

  it('ends a session when it expires and drops it at the next sign-in', async () => {
    const cookie = await t.login('daibieu09');
    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(401);
    await t.login('daibieu09');
    const [user] = await t.db.select().from(users).where(eq(users.username, 'daibieu09'));
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(1);
  });

  it('logs out this device, and everywhere', async () => {
    const a = await t.login('daibieu07');
    const b = await t.login('daibieu07');
    expect((await t.request('POST', '/api/auth/logout', { cookie: a })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { cookie: a })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { cookie: b })).status).toBe(200);
    const c = await t.login('daibieu07');
    expect((await t.request('POST', '/api/auth/logout-all', { cookie: c })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { cookie: b })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { cookie: c })).status).toBe(401);
  });

  it('blocks cross-site and non-JSON mutations (CSRF)', async () => {
    const cookie = await t.login('thuky');
    const cross = await t.request('POST', '/api/auth/logout-all', { cookie, headers: { origin: 'https://evil.example' }, body: {} });
    expect(cross.status).toBe(403);
    expect((await cross.json()).code).toBe('csrf');
    const fetchSite = await t.request('POST', '/api/auth/logout-all', { cookie, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchSite.status).toBe(403);
    const form = await t.request('POST', '/api/auth/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=thuky&password=HopSo%402026' });
    expect(form.status).toBe(415);
    expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(200);
  });

  it('refuses the bodies a cross-site form or no-cors fetch can send, with the cookie, and does nothing', async () => {
    const cookie = await t.login('thuky');
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const res = await t.request('POST', '/api/auth/logout-all', { cookie, headers: { 'content-type': type }, body: '{}' });
      expect(res.status, type).toBe(415);
      expect((await res.json()).code).toBe('unsupported_media_type');
    }
    // A body without any type is refused too: the browser would label it text/plain.
    const untyped = await t.app.request('http://hopso.test/api/auth/logout-all', { method: 'POST', headers: { host: 'hopso.test', cookie, 'content-length': '2' }, body: new TextEncoder().encode('{}') }, { incoming: { socket: { remoteAddress: '10.0.0.1' } } });
    expect(untyped.status).toBe(415);
    const sameSiteOther = await t.request('POST', '/api/auth/logout-all', { cookie, headers: { 'sec-fetch-site': 'same-site' }, body: {} });
    expect(sameSiteOther.status).toBe(403);
    expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(200);
    // The same request from the app itself goes through.
    const own = await t.request('POST', '/api/auth/logout-all', { cookie, headers: { 'sec-fetch-site': 'same-origin', origin: 'http://hopso.test' }, body: {} });
    expect(own.status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('offers two-step sign-in to the chair and then requires the code', async () => {
    const cookie = await t.login('chutich');
    const setup = await (await t.request('POST', '/api/auth/totp/setup', { cookie })).json();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
    const key = decodeBase32IgnorePadding(setup.secret);
    const wrong = await t.request('POST', '/api/auth/totp/enable', { cookie, body: { secret: setup.secret, code: '000000' === generateTOTP(key, 30, 6) ? '111111' : '000000' } });
    expect(wrong.status).toBe(401);
    const enable = await t.request('POST', '/api/auth/totp/enable', { cookie, body: { secret: setup.secret, code: generateTOTP(key, 30, 6) } });
    expect(enable.status).toBe(200);

    const noCode = await t.request('POST', '/api/auth/login', { body: { username: 'chutich', password: 'HopSo@2026' } });
    expect(noCode.status).toBe(401);
    expect((await noCode.json()).code).toBe('totp_required');
    const withCode = await t.request('POST', '/api/auth/login', { body: { username: 'chutich', password: 'HopSo@2026', totp: generateTOTP(key, 30, 6) } });
    expect(withCode.status).toBe(200);
    expect((await withCode.json()).user.totpEnabled).toBe(true);
  });

  it('does not offer two-step sign-in setup to a delegate', async () => {
    const cookie = await t.login('daibieu08');
    expect((await t.request('POST', '/api/auth/totp/setup', { cookie })).status).toBe(403);
  });

  it('sets security headers on API responses and never caches them', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a body larger than the limit with 413', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: JSON.stringify({ username: 'x', password: 'y'.repeat(5 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('payload_too_large');
  });
});
