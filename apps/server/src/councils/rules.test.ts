import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { councils, polls } from '@hopso/db/schema/index';
import { councilRulesResponse } from '@hopso/shared/council';
import { defaultRuleSet, type RuleSet } from '@hopso/shared/rules';
import { createTestApp, type TestApp } from '../testing.ts';
import { closedPoll } from '../resolutions/testing.ts';

describe('council rules (quy định) and council details', () => {
  let t: TestApp;
  let secretary: string;
  let delegate: string;
  let councilId: string;
  const rulesPath = () => `/api/councils/${councilId}/rules`;
  const read = async (cookie: string) => councilRulesResponse.parse(await (await t.request('GET', rulesPath(), { cookie })).json());

  beforeAll(async () => {
    t = await createTestApp();
    secretary = await t.login('thuky');
    delegate = await t.login('daibieu01');
    councilId = (await t.db.select().from(councils))[0]!.id;
  });
  afterAll(async () => { await t.close(); });

  it('lets a delegate read the rules but not edit them; the secretary may edit', async () => {
    const seen = await read(delegate);
    expect(seen.rules).toEqual({ ...defaultRuleSet, sendAheadDays: seen.rules.sendAheadDays });
    expect(seen.editable).toBe(false);
    expect((await read(secretary)).editable).toBe(true);
    const refused = await t.request('PUT', rulesPath(), { cookie: delegate, body: defaultRuleSet });
    expect(refused.status).toBe(403);
  });

  it('keeps the whole rule set the secretary saves', async () => {
    const next: RuleSet = { ...defaultRuleSet, sendAheadDays: 3, speakerSeconds: 240, allowBallotChange: true, quorum: { num: 3, den: 4, strict: false } };
    const res = await t.request('PUT', rulesPath(), { cookie: secretary, body: next });
    expect(res.status).toBe(200);
    expect((await read(delegate)).rules).toEqual(next);
    const [row] = await t.db.select({ rules: councils.rules }).from(councils).where(eq(councils.id, councilId));
    expect(row!.rules).toMatchObject({ sendAheadDays: 3, speakerSeconds: 240 });
  });

  it('refuses bad values with bilingual field errors and changes nothing', async () => {
    const before = (await read(secretary)).rules;
    const res = await t.request('PUT', rulesPath(), { cookie: secretary, body: { ...before, speakerSeconds: 5, quorum: { num: 4, den: 3, strict: false }, sendAheadDays: -1 } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('validation');
    expect(Object.keys(body.fields).sort()).toEqual(['quorum.num', 'sendAheadDays', 'speakerSeconds']);
    expect(body.fields['quorum.num'][0]).toEqual({ vi: expect.stringContaining('Tỉ lệ'), en: expect.stringContaining('share') });
    expect(body.fields.speakerSeconds[0].vi).not.toEqual(body.fields.speakerSeconds[0].en);
    const missing = await t.request('PUT', rulesPath(), { cookie: secretary, body: { sendAheadDays: 5 } });
    expect(missing.status).toBe(400);
    expect((await read(secretary)).rules).toEqual(before);
  });

  it('refuses a change while a poll of the council is open, so the open poll keeps the rules it opened with', async () => {
    const before = (await read(secretary)).rules;
    const { pollId } = await closedPoll(t, { status: 'open', withDraft: false });
    const locked = await t.request('PUT', rulesPath(), { cookie: secretary, body: { ...before, adoption: { num: 2, den: 3, strict: false } } });
    expect(locked.status).toBe(409);
    expect((await locked.json()).code).toBe('rules_locked');
    expect((await read(secretary)).rules).toEqual(before);
    await t.db.update(polls).set({ status: 'closed', closedAt: new Date() }).where(eq(polls.id, pollId));
    const after = await t.request('PUT', rulesPath(), { cookie: secretary, body: { ...before, adoption: { num: 2, den: 3, strict: false } } });
    expect(after.status).toBe(200);
    expect((await read(delegate)).rules.adoption).toEqual({ num: 2, den: 3, strict: false });
  });

  it('renames the council and corrects its locality; a clerk may not', async () => {
    const res = await t.request('PATCH', `/api/councils/${councilId}`, { cookie: secretary, body: { name: 'HĐND xã Tân Phú (mới)', locality: 'Xã Tân Phú, huyện Mới' } });
    expect(res.status).toBe(200);
    expect((await res.json()).council).toMatchObject({ name: 'HĐND xã Tân Phú (mới)', locality: 'Xã Tân Phú, huyện Mới', role: 'secretary' });
    const bad = await t.request('PATCH', `/api/councils/${councilId}`, { cookie: secretary, body: { name: 'X', locality: 'Xã Tân Phú' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields.name).toBeDefined();
    const clerk = await t.request('PATCH', `/api/councils/${councilId}`, { cookie: await t.login('chuyenvien'), body: { name: 'HĐND khác', locality: 'Khác' } });
    expect(clerk.status).toBe(403);
  });
});
