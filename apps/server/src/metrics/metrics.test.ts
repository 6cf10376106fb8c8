import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollView } from '@hopso/shared/live';
import { delegate, startLiveServer, type LiveServer } from '../live/testing.ts';
import { sample } from './testing.ts';

/** The metrics of a real server: what tablets, ballots and HTTP errors do shows in GET /metrics. */
describe('metrics of a running server', () => {
  let t: LiveServer;
  const scrape = async () => {
    const res = await fetch(`${t.base}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    t = await startLiveServer();
    await t.markPresent(16);
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('counts connected sockets, open polls and acknowledged ballots', async () => {
    // The secretary's socket is open since markPresent.
    const before = await scrape();
    const voters = [delegate(1), delegate(2), delegate(3)];
    for (const u of voters) await t.sync(await t.client(u));
    const secretary = await t.client('thuky');
    const created = await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Đo độ trễ phiếu', method: 'named' });
    const poll = (created as { poll: PollView }).poll;
    expect(await secretary.emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: true });
    for (const u of voters) expect(await (await t.client(u)).emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: true });
    // A refused ballot is not a ballot latency.
    expect(await (await t.client(voters[0]!)).emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: false, code: 'already_voted' });
    const during = await scrape();
    expect(sample(during, 'hopso_connected_sockets')).toBe(sample(before, 'hopso_connected_sockets')! + voters.length);
    expect(sample(during, 'hopso_open_polls')).toBe(1);
    expect(sample(during, 'hopso_ballot_ack_seconds_count')).toBe(sample(before, 'hopso_ballot_ack_seconds_count')! + voters.length);
    expect(await secretary.emitWithAck('poll.close', { pollId: poll.id })).toMatchObject({ ok: true });
    expect(sample(await scrape(), 'hopso_open_polls')).toBe(0);
  });

  it('counts HTTP responses by status class', async () => {
    const before = await scrape();
    expect((await fetch(`${t.base}/api/meetings`)).status).toBe(401);
    expect((await fetch(`${t.base}/api/no-such-route`)).status).toBe(404);
    const after = await scrape();
    const of = (text: string, c: string) => sample(text, `hopso_http_responses_total{class="${c}"}`)!;
    expect(of(after, '4xx')).toBe(of(before, '4xx') + 2);
    // The scrape before this one answered 200.
    expect(of(after, '2xx')).toBeGreaterThan(of(before, '2xx'));
    expect(of(after, '5xx')).toBe(0);
  });
});
