import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { publicCouncil, publicDocument, publicMeeting, publicResolution } from '@hopso/shared/portal';
import { createTestApp, type TestApp } from '../testing.ts';
import { portalFixtures, type PortalFixtures } from '../portal/testing.ts';

let t: TestApp;
let f: PortalFixtures;
beforeAll(async () => {
  t = await createTestApp();
  f = await portalFixtures(t);
});
afterAll(async () => { await t.close(); });

const json = async (path: string) => {
  const res = await t.request('GET', path);
  expect(res.status, path).toBe(200);
  return res.json();
};

describe('open data', () => {
  it('JSON answers match the published schemas', async () => {
    const { councils } = await json('/api/public/councils');
    expect(councils.map((c: unknown) => publicCouncil.parse(c).slug)).toContain('hdnd-xa-tan-phu');
    const { meetings } = await json(`/api/public/councils/${f.councilId}/meetings`);
    expect(meetings.map((m: unknown) => publicMeeting.parse(m).id)).toContain(f.meetingId);
    const { documents } = await json(`/api/public/councils/${f.councilId}/documents`);
    const docIds = documents.map((d: unknown) => publicDocument.parse(d).id);
    expect(docIds).toContain(f.publicDoc);
    for (const hidden of [f.internalDoc, f.secretDoc, f.draftDoc, f.closedDoc]) expect(docIds).not.toContain(hidden);
    const { resolution } = await json(`/api/public/resolutions/${f.signed}`);
    expect(publicResolution.parse(resolution)).toMatchObject({ id: f.signed, signatureVerified: true, sha256: 'b'.repeat(64) });
    expect((await json(`/api/public/resolutions/${f.unsigned}`)).resolution.signatureVerified).toBe(false);
  });

  it('a public document downloads as its PDF', async () => {
    const res = await t.request('GET', `/api/public/documents/${f.publicDoc}/file`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('CSV: UTF-8 with BOM, a header row, published rows only', async () => {
    const res = await t.request('GET', `/api/public/councils/${f.councilId}/resolutions.csv`);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes).trim(), { header: true }).data;
    expect(rows.map((r) => r.id).sort()).toEqual([f.signed, f.unsigned].sort());
    expect(rows.find((r) => r.id === f.signed)!.signatureVerified).toBe('true');
  });

  it('bad paging is a 400 with field errors', async () => {
    const res = await t.request('GET', `/api/public/councils/${f.councilId}/meetings?limit=0`);
    expect(res.status).toBe(400);
    expect((await res.json()).fields.limit).toBeTruthy();
    expect((await t.request('GET', '/api/public/councils/not-a-uuid/meetings')).status).toBe(404);
  });

  it('serves an OpenAPI 3.1 description whose every path is a real route and whose schemas are generated', async () => {
    const doc = await json('/api/public/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.PublicResolution.properties.signatureVerified).toEqual({ type: 'boolean' });
    const routes = new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path.replace(/:(\w+)/g, '{$1}')));
    for (const path of Object.keys(doc.paths)) expect(routes, path).toContain(path);
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });
});
