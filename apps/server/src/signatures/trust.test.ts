import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councils } from '@hopso/db/schema/index';
import { trustAnchorSchema } from '@hopso/shared/resolution';
import { createCrl, createIntermediateCa, createPersonCertificate, createRootCa, toPem, type Issued } from '@hopso/signature/pki';
import { createTestApp, type TestApp } from '../testing.ts';
import { onePixelPng } from '../resolutions/testing.ts';

describe('trust store', () => {
  let t: TestApp;
  let admin: string;
  let councilId: string;
  let root: Issued;
  let intermediate: Issued;
  let person: Issued;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    councilId = (await t.db.select().from(councils))[0]!.id;
    root = await createRootCa('Trust Test Root');
    intermediate = await createIntermediateCa(root, 'Trust Test CA');
    person = await createPersonCertificate(intermediate, { commonName: 'Nguyễn Văn Thành' });
  });
  afterAll(async () => { await t.close(); });

  const add = (kind: string, data: string, cookie = admin) => t.request('POST', `/api/councils/${councilId}/trust-anchors`, { cookie, body: { kind, data } });

  it('adds a PEM root, a base64 DER intermediate and a CRL, lists them with subject, validity and fingerprint, and removes one', async () => {
    const r = await add('root', toPem(root.certificate));
    expect(r.status).toBe(201);
    const anchor = trustAnchorSchema.parse((await r.json()).anchor);
    expect(anchor.subject).toContain('Trust Test Root');
    expect(anchor.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new Date(anchor.notAfter!).getTime()).toBeGreaterThan(Date.now());
    expect((await add('intermediate', Buffer.from(intermediate.certificate).toString('base64'))).status).toBe(201);
    const crl = await add('crl', toPem(await createCrl(intermediate, [{ certificate: person }]), 'X509 CRL'));
    expect(crl.status).toBe(201);
    expect((await crl.json()).anchor.issuer).toContain('Trust Test CA');

    const list = await (await t.request('GET', `/api/councils/${councilId}/trust-anchors`, { cookie: admin })).json();
    expect(list.anchors.map((a: { kind: string }) => a.kind).sort()).toEqual(['crl', 'intermediate', 'root']);
    expect((await t.request('DELETE', `/api/trust-anchors/${anchor.id}`, { cookie: admin })).status).toBe(200);
    const after = await (await t.request('GET', `/api/councils/${councilId}/trust-anchors`, { cookie: admin })).json();
    expect(after.anchors.map((a: { id: string }) => a.id)).not.toContain(anchor.id);
  });

  it('refuses the same certificate twice, garbage, an end-entity certificate and a non-self-signed root', async () => {
    const again = await createRootCa('Twice Root');
    expect((await add('root', toPem(again.certificate))).status).toBe(201);
    expect((await add('root', toPem(again.certificate))).status).toBe(409);
    const garbage = await add('root', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----');
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).code).toBe('certificate_invalid');
    const leaf = await add('intermediate', toPem(person.certificate));
    expect(leaf.status).toBe(400);
    expect((await leaf.json()).fields.data[0].en).toMatch(/certificate authority/);
    const notRoot = await add('root', toPem(intermediate.certificate));
    expect(notRoot.status).toBe(400);
    expect((await notRoot.json()).fields.data[0].en).toMatch(/self-signed/);
  });

  it('lets only administrators change the trust store', async () => {
    for (const user of ['thuky', 'chutich', 'daibieu01']) {
      expect((await add('root', toPem(root.certificate), await t.login(user))).status).toBe(403);
    }
    expect((await add('root', toPem(root.certificate), null as unknown as string)).status).toBe(401);
  });

  it('stores seal and signature images only as PNG', async () => {
    const png = onePixelPng;
    const secretary = await t.login('thuky');
    expect((await t.request('PUT', `/api/councils/${councilId}/signature-images/seal`, { cookie: secretary, body: { png } })).status).toBe(200);
    const chair = await t.login('chutich');
    const bad = await t.request('PUT', `/api/councils/${councilId}/signature-images/mine`, { cookie: chair, body: { png: Buffer.from('GIF89a-not-a-png').toString('base64') } });
    expect(bad.status).toBe(400);
    // Only the PNG signature bytes, nothing drawable: refused now rather than failing every later signing.
    const headerOnly = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
    expect((await t.request('PUT', `/api/councils/${councilId}/signature-images/mine`, { cookie: chair, body: { png: headerOnly } })).status).toBe(400);
    expect((await t.request('PUT', `/api/councils/${councilId}/signature-images/mine`, { cookie: chair, body: { png } })).status).toBe(200);
    const state = await (await t.request('GET', `/api/councils/${councilId}/signature-images`, { cookie: chair })).json();
    expect(state).toMatchObject({ seal: true, mine: true });
    expect((await t.request('PUT', `/api/councils/${councilId}/signature-images/seal`, { cookie: chair, body: { png } })).status).toBe(403);
  });
});
