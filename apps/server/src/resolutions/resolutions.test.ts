import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { resolutions, users } from '@hopso/db/schema/index';
import { resolutionSchema } from '@hopso/shared/resolution';
import { createTestApp, type TestApp } from '../testing.ts';
import { closedPoll } from './testing.ts';

describe('resolution lifecycle', () => {
  let t: TestApp;
  let secretary: string;
  let chair: string;
  let delegate: string;
  beforeAll(async () => {
    t = await createTestApp();
    secretary = await t.login('thuky');
    chair = await t.login('chutich');
    delegate = await t.login('daibieu01');
  });
  afterAll(async () => { await t.close(); });

  const create = (pollId: string, cookie = secretary, body: unknown = {}) => t.request('POST', `/api/polls/${pollId}/resolution`, { cookie, body });

  it('numbers an adopted draft per council and year, ready for the chair to sign', async () => {
    const { pollId, councilId } = await closedPoll(t, { title: 'Nghị quyết điều chỉnh kế hoạch đầu tư công' });
    const res = await create(pollId);
    expect(res.status).toBe(201);
    const { resolution } = await res.json();
    const parsed = resolutionSchema.parse(resolution);
    expect(parsed.code).toMatch(/^\d+\/NQ-HĐND$/);
    expect(parsed.status).toBe('ready');
    expect(parsed.title).toBe('Nghị quyết điều chỉnh kế hoạch đầu tư công');
    expect(parsed.pollResult.adopted).toBe(true);
    expect(parsed.canSign).toBe(false);
    const asChair = await (await t.request('GET', `/api/resolutions/${parsed.id}`, { cookie: chair })).json();
    expect(asChair.resolution.canSign).toBe(true);
    const list = await (await t.request('GET', `/api/councils/${councilId}/resolutions`, { cookie: delegate })).json();
    expect(list.resolutions.map((r: { id: string }) => r.id)).toContain(parsed.id);
    // The draft as adopted is downloadable while it waits for signature.
    const file = await t.request('GET', `/api/resolutions/${parsed.id}/file`, { cookie: delegate });
    expect(file.status).toBe(200);
    expect(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('refuses a rejected poll, an open poll and a cancelled poll with a clear reason', async () => {
    for (const options of [{ yes: 12 }, { status: 'open' as const }, { status: 'cancelled' as const }]) {
      const { pollId } = await closedPoll(t, options);
      const res = await create(pollId);
      expect(res.status).toBe(409);
      const body = await res.json();
      expect(body.code).toBe('poll_not_adopted');
      expect(body.messageEn).toMatch(/adopted/);
    }
  });

  it('refuses a second resolution for the same poll and an item without a draft', async () => {
    const { pollId } = await closedPoll(t);
    expect((await create(pollId)).status).toBe(201);
    expect((await create(pollId)).status).toBe(409);
    const bare = await closedPoll(t, { withDraft: false });
    const res = await create(bare.pollId);
    expect(res.status).toBe(400);
    expect((await res.json()).fields.draftDocumentId).toBeDefined();
  });

  it('rejects malformed queries and bodies with 400 and field errors, a malformed id with 404', async () => {
    const { pollId, councilId } = await closedPoll(t);
    const { resolution } = await (await create(pollId)).json();
    const badStatus = await t.request('GET', `/api/councils/${councilId}/resolutions?status=nope`, { cookie: delegate });
    expect(badStatus.status).toBe(400);
    expect((await badStatus.json()).fields.status).toBeDefined();
    const badDate = await t.request('GET', `/api/public/councils/${councilId}/resolutions?from=01-12-2026`);
    expect(badDate.status).toBe(400);
    expect((await badDate.json()).fields.from).toBeDefined();
    const badChain = await t.request('POST', `/api/resolutions/${resolution.id}/signing`, { cookie: chair, body: { certificates: [] } });
    expect(badChain.status).toBe(400);
    expect((await badChain.json()).fields.certificates).toBeDefined();
    const notJson = await t.request('POST', `/api/resolutions/${resolution.id}/signing`, { cookie: chair, headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).code).toBe('invalid_json');
    const badCms = await t.request('POST', `/api/signing-sessions/${crypto.randomUUID()}/cms`, { cookie: chair, body: { cms: 'not base64!' } });
    expect(badCms.status).toBe(400);
    expect((await badCms.json()).fields.cms).toBeDefined();
    expect((await t.request('GET', '/api/resolutions/not-a-uuid', { cookie: chair })).status).toBe(404);
  });

  it('gives consecutive numbers without gaps or duplicates to concurrent adoptions', async () => {
    const pollIds = [];
    for (let i = 0; i < 8; i++) pollIds.push((await closedPoll(t)).pollId);
    // Two attempts per poll: one of each pair must lose without consuming a number.
    const responses = await Promise.all([...pollIds, ...pollIds].map((id) => create(id)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(8);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(8);
    const rows = await t.db.select({ number: resolutions.number, year: resolutions.year }).from(resolutions);
    const numbers = rows.map((r) => r.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });

  it('lets only the secretariat number a resolution and only the chair sign', async () => {
    const { pollId } = await closedPoll(t);
    expect((await create(pollId, delegate)).status).toBe(403);
    expect((await create(pollId, chair)).status).toBe(403);
    const { resolution } = await (await create(pollId)).json();
    const start = (cookie: string) => t.request('POST', `/api/resolutions/${resolution.id}/signing`, { cookie, body: { certificates: ['AAAA'] } });
    for (const cookie of [secretary, delegate, await t.login('admin')]) {
      const res = await start(cookie);
      expect(res.status).toBe(403);
      expect((await res.json()).code).toMatch(/forbidden|not_signer/);
    }
  });

  it('lets the council assign another signer, who then alone may sign', async () => {
    const { pollId } = await closedPoll(t);
    const [vice] = await t.db.select().from(users).where(eq(users.username, 'phochutich'));
    const { resolution } = await (await create(pollId, secretary, { signerId: vice!.id })).json();
    expect(resolution.signerName).toBe('Trần Thị Minh Hoa');
    const asChair = await (await t.request('GET', `/api/resolutions/${resolution.id}`, { cookie: chair })).json();
    expect(asChair.resolution.canSign).toBe(false);
    const asVice = await (await t.request('GET', `/api/resolutions/${resolution.id}`, { cookie: await t.login('phochutich') })).json();
    expect(asVice.resolution.canSign).toBe(true);
  });

  it('publishes only a sealed resolution', async () => {
    const { pollId } = await closedPoll(t);
    const { resolution } = await (await create(pollId)).json();
    const res = await t.request('POST', `/api/resolutions/${resolution.id}/publish`, { cookie: secretary });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('resolution_state');
    expect((await t.request('GET', `/api/public/resolutions/${resolution.id}/file`)).status).toBe(404);
  });
});
