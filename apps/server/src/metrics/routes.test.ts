import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { meetings, polls } from '@hopso/db/schema/index';
import { sample } from './testing.ts';

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('answers a direct loopback connection in the Prometheus text format', async () => {
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await t.request('GET', '/metrics', { ip });
      expect(res.status, ip).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      for (const name of ['hopso_connected_sockets', 'hopso_open_polls', 'hopso_ballot_ack_seconds_count', 'hopso_http_responses_total{class="5xx"}', 'process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds']) {
        expect(sample(text, name), name).toBeTypeOf('number');
      }
    }
  });

  it('refuses any other address with 401 and a bearer challenge', async () => {
    const res = await t.request('GET', '/metrics', { ip: '10.0.0.7' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await res.json()).toMatchObject({ ok: false, code: 'unauthenticated' });
  });

  it('refuses a loopback request that came through a proxy', async () => {
    expect((await t.request('GET', '/metrics', { ip: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
    expect((await t.request('GET', '/metrics', { ip: '127.0.0.1', headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(401);
  });

  it('counts the open polls of the whole database', async () => {
    const read = async () => sample(await (await t.request('GET', '/metrics', { ip: '127.0.0.1' })).text(), 'hopso_open_polls');
    const before = await read();
    const [meeting] = await t.db.select({ id: meetings.id }).from(meetings).limit(1);
    await t.db.insert(polls).values({ meetingId: meeting!.id, title: 'Đếm phiếu mở', kind: 'motion', method: 'named', status: 'open' });
    expect(await read()).toBe(before! + 1);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ env: { METRICS_TOKEN: token } }); });
  afterAll(async () => { await t.close(); });

  it('answers the right bearer token from any address', async () => {
    const res = await t.request('GET', '/metrics', { ip: '10.0.0.7', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(sample(await res.text(), 'hopso_open_polls')).toBeTypeOf('number');
  });

  it('refuses a wrong or missing token, from loopback too', async () => {
    expect((await t.request('GET', '/metrics', { ip: '10.0.0.7', headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await t.request('GET', '/metrics', { ip: '127.0.0.1', headers: { authorization: 'Bearer short' } })).status).toBe(401);
    expect((await t.request('GET', '/metrics', { ip: '127.0.0.1' })).status).toBe(401);
  });
});
