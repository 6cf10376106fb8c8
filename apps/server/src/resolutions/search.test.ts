import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { polls } from '@hopso/db/schema/index';
import { resolutionSchema, type Resolution } from '@hopso/shared/resolution';
import { createTestApp, type TestApp } from '../testing.ts';
import { closedPoll } from './testing.ts';

// Archive search (GET /api/councils/:councilId/resolutions): by number, by title, by adoption date range.
// Resolutions are numbered through the real route from polls closed at chosen instants, so the adoption
// date (the Vietnam date of the poll's close) and the number come from the code under test.
describe('archive search', () => {
  let t: TestApp;
  let delegate: string;
  let councilId: string;
  const made: Record<'market' | 'investment' | 'staffing', Resolution> = {} as never;

  async function numbered(title: string, closedAt: string): Promise<Resolution> {
    const poll = await closedPoll(t, { title });
    councilId = poll.councilId;
    await t.db.update(polls).set({ closedAt: new Date(closedAt) }).where(eq(polls.id, poll.pollId));
    const res = await t.request('POST', `/api/polls/${poll.pollId}/resolution`, { cookie: await t.login('thuky'), body: {} });
    expect(res.status).toBe(201);
    return resolutionSchema.parse((await res.json()).resolution);
  }

  beforeAll(async () => {
    t = await createTestApp();
    delegate = await t.login('daibieu01');
    // 20:00 UTC is 03:00 the next day in Vietnam; 16:30 UTC is still the same day (23:30).
    made.market = await numbered('Nghị quyết về phí chợ xã', '2025-03-10T20:00:00Z');
    made.investment = await numbered('Nghị quyết về kế hoạch đầu tư công', '2025-06-30T16:30:00Z');
    made.staffing = await numbered('Nghị quyết về biên chế năm 2026', '2025-07-01T10:00:00Z');
  });
  afterAll(async () => { await t.close(); });

  async function search(query: Record<string, string>): Promise<Resolution[]> {
    const res = await t.request('GET', `/api/councils/${councilId}/resolutions?${new URLSearchParams(query)}`, { cookie: delegate });
    expect(res.status, await res.clone().text()).toBe(200);
    return resolutionSchema.array().parse((await res.json()).resolutions);
  }
  const ids = (list: Resolution[]) => list.map((r) => r.id).sort();

  it('numbers them per year in adoption order and dates them in Vietnam time', () => {
    expect([made.market.code, made.investment.code, made.staffing.code]).toEqual(['1/NQ-HĐND', '2/NQ-HĐND', '3/NQ-HĐND']);
    expect([made.market.adoptedOn, made.investment.adoptedOn, made.staffing.adoptedOn]).toEqual(['2025-03-11', '2025-06-30', '2025-07-01']);
  });

  it('finds a resolution by its number', async () => {
    expect(ids(await search({ q: '2/NQ-HĐND' }))).toEqual([made.investment.id]);
    expect(ids(await search({ q: '3/NQ' }))).toEqual([made.staffing.id]);
  });

  it('finds resolutions by words of the title, whatever the case of ASCII letters, and nothing for an unknown word', async () => {
    expect(ids(await search({ q: 'phí chợ' }))).toEqual([made.market.id]);
    expect(ids(await search({ q: 'BIên chế' }))).toEqual([made.staffing.id]);
    expect(ids(await search({ q: 'nghị quyết về' }))).toEqual(ids([made.market, made.investment, made.staffing]));
    expect(await search({ q: 'thủy lợi' })).toEqual([]);
    // LIKE wildcards in the query are literal characters, not patterns.
    expect(await search({ q: '%' })).toEqual([]);
    expect(await search({ q: '_/NQ' })).toEqual([]);
  });

  it('limits to the adoption date range, both ends included, newest number first', async () => {
    expect((await search({ from: '2025-03-11', to: '2025-06-30' })).map((r) => r.id)).toEqual([made.investment.id, made.market.id]);
    expect(ids(await search({ from: '2025-03-12', to: '2025-06-30' }))).toEqual([made.investment.id]);
    expect(ids(await search({ from: '2025-07-01' }))).toEqual([made.staffing.id]);
    expect(ids(await search({ to: '2025-03-10' }))).toEqual([]);
    expect(ids(await search({ from: '2025-07-02', to: '2025-03-01' }))).toEqual([]);
  });

  it('combines the text, the range and the status', async () => {
    expect(ids(await search({ q: 'Nghị quyết', from: '2025-06-01', to: '2025-12-31' }))).toEqual(ids([made.investment, made.staffing]));
    expect(ids(await search({ q: 'Nghị quyết', status: 'ready' }))).toEqual(ids([made.market, made.investment, made.staffing]));
    expect(await search({ q: 'Nghị quyết', status: 'sealed' })).toEqual([]);
  });
});
