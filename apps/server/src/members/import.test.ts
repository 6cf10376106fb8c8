import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councils } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../testing.ts';

const header = 'name,email,phone,role,committee,group';

describe('delegate CSV import', () => {
  let t: TestApp;
  let secretary: string;
  let url: string;
  const memberCount = async () => (await (await t.request('GET', url.replace('/import', ''), { cookie: secretary })).json()).members.length;

  beforeAll(async () => {
    t = await createTestApp();
    secretary = await t.login('thuky');
    const [council] = await t.db.select().from(councils);
    url = `/api/councils/${council!.id}/members/import`;
  });
  afterAll(async () => { await t.close(); });

  it('imports nothing when one row is bad, and reports that row', async () => {
    const before = await memberCount();
    const csv = `${header}\nHoàng Văn Tư,tu@tanphu.vn,0987654321,delegate,Ban Pháp chế,Tổ đại biểu số 4\nĐinh Thị Năm,nam-at-tanphu,0987654322,delegate,,`;
    const res = await t.request('POST', url, { cookie: secretary, body: { csv } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, code: 'import_invalid' });
    expect(body.rows).toEqual([{ line: 3, errors: { email: [{ vi: 'E-mail không hợp lệ', en: 'Invalid e-mail address' }] } }]);
    expect(await memberCount()).toBe(before);
    const groups = (await (await t.request('GET', url.replace('members/import', 'groups'), { cookie: secretary })).json()).groups;
    expect(groups.map((g: { name: string }) => g.name)).not.toContain('Tổ đại biểu số 4');
  });

  it('imports the fixed file, creating accounts, committees and groups', async () => {
    const before = await memberCount();
    const csv = `${header}\nHoàng Văn Tư,tu@tanphu.vn,0987654321,delegate,Ban Pháp chế;Ban Dân tộc,Tổ đại biểu số 4\nĐinh Thị Năm,nam@tanphu.vn,0987654322,guest,,`;
    const res = await t.request('POST', url, { cookie: secretary, body: { csv } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.imported).toBe(2);
    expect(body.credentials.map((c: { username: string }) => c.username)).toEqual(['tu', 'nam']);
    expect(await memberCount()).toBe(before + 2);
    const members = (await (await t.request('GET', url.replace('/import', ''), { cookie: secretary })).json()).members;
    expect(members.find((m: { fullName: string }) => m.fullName === 'Hoàng Văn Tư')).toMatchObject({
      role: 'delegate', committees: ['Ban Dân tộc', 'Ban Pháp chế'], group: 'Tổ đại biểu số 4', phone: '0987654321',
    });
    // The handed-out credentials work.
    const cred = body.credentials[0];
    expect((await t.request('POST', '/api/auth/login', { body: { username: cred.username, password: cred.password } })).status).toBe(200);
  });

  it('is idempotent: importing again updates the same members and creates no accounts', async () => {
    const before = await memberCount();
    const csv = `${header}\nHoàng Văn Tư,TU@tanphu.vn,0987654321,chair,Ban Pháp chế,Tổ đại biểu số 4`;
    const body = await (await t.request('POST', url, { cookie: secretary, body: { csv } })).json();
    expect(body).toMatchObject({ imported: 1, credentials: [] });
    expect(await memberCount()).toBe(before);
    const members = (await (await t.request('GET', url.replace('/import', ''), { cookie: secretary })).json()).members;
    expect(members.find((m: { fullName: string }) => m.fullName === 'Hoàng Văn Tư')).toMatchObject({ role: 'chair', committees: ['Ban Pháp chế'] });
  });

  it('gives people without e-mail a username from their name, unique across the council', async () => {
    const csv = `${header}\nLê Văn Sáu,,,delegate,,\nLê Văn Sáu,,,delegate,,`;
    const body = await (await t.request('POST', url, { cookie: secretary, body: { csv } })).json();
    expect(body.credentials.map((c: { username: string }) => c.username)).toEqual(['levansau', 'levansau2']);
  });

  it('rejects an empty body and a non-string csv with 400', async () => {
    expect((await t.request('POST', url, { cookie: secretary, body: { csv: '' } })).status).toBe(400);
    expect((await t.request('POST', url, { cookie: secretary, body: { csv: 42 } })).status).toBe(400);
    expect((await t.request('POST', url, { cookie: secretary, body: [] })).status).toBe(400);
  });
});
