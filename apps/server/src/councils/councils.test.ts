import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe('councils, terms, committees and groups', () => {
  let t: TestApp;
  let admin: string;
  let councilId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
  });
  afterAll(async () => { await t.close(); });

  it('lets a system administrator create a council and see every council', async () => {
    const res = await t.request('POST', '/api/councils', { cookie: admin, body: { name: 'HĐND phường Bến Thành', level: 'ward', locality: 'Phường Bến Thành' } });
    expect(res.status).toBe(201);
    councilId = (await res.json()).council.id;
    const list = (await (await t.request('GET', '/api/councils', { cookie: admin })).json()).councils;
    expect(list.map((c: { name: string }) => c.name)).toEqual(['HĐND phường Bến Thành', 'HĐND xã Tân Phú']);
    expect(list.find((c: { name: string }) => c.name === 'HĐND xã Tân Phú').role).toBe('admin');
  });

  it('lists only the councils a member belongs to, with the term', async () => {
    const delegate = await t.login('daibieu01');
    const list = (await (await t.request('GET', '/api/councils', { cookie: delegate })).json()).councils;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'HĐND xã Tân Phú', role: 'delegate', terms: [{ name: 'Nhiệm kỳ 2026–2031', startsOn: '2026-03-15' }] });
  });

  it('adds a term and refuses one that ends before it starts', async () => {
    const ok = await t.request('POST', `/api/councils/${councilId}/terms`, { cookie: admin, body: { name: 'Nhiệm kỳ 2026–2031', startsOn: '2026-03-15', endsOn: '2031-03-14' } });
    expect(ok.status).toBe(201);
    const bad = await t.request('POST', `/api/councils/${councilId}/terms`, { cookie: admin, body: { name: 'Sai', startsOn: '2031-03-15', endsOn: '2026-03-14' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields.endsOn).toBeDefined();
  });

  it('creates committees and groups once per name, with member counts', async () => {
    const post = (path: string, name: string) => t.request('POST', `/api/councils/${councilId}/${path}`, { cookie: admin, body: { name } });
    expect((await post('committees', 'Ban Pháp chế')).status).toBe(201);
    const again = await post('committees', 'Ban Pháp chế');
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('conflict');
    expect((await (await post('groups', 'Tổ đại biểu số 1')).json()).group).toMatchObject({ name: 'Tổ đại biểu số 1', memberCount: 0 });
    const seeded = (await (await t.request('GET', '/api/councils', { cookie: admin })).json()).councils.find((c: { name: string }) => c.name === 'HĐND xã Tân Phú');
    const committees = (await (await t.request('GET', `/api/councils/${seeded.id}/committees`, { cookie: admin })).json()).committees;
    expect(committees).toEqual([
      { id: expect.any(String), name: 'Ban Kinh tế – Xã hội', memberCount: 5 },
      { id: expect.any(String), name: 'Ban Pháp chế', memberCount: 5 },
    ]);
    const groups = (await (await t.request('GET', `/api/councils/${seeded.id}/groups`, { cookie: admin })).json()).groups;
    expect(groups.map((g: { memberCount: number }) => g.memberCount).reduce((a: number, b: number) => a + b, 0)).toBe(25);
  });
});
