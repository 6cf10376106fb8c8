import { describe, expect, it } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import { dataToKeep, filesToKeep, fromCacheHeader, meetingIsOver, offlineMaxBytes, rangeFromKept, requestKind } from './rules.ts';

const origin = 'http://127.0.0.1:3000';
const m = '0b6f3c1e-5d0a-4b8e-9a51-2f1d8c7e6a10';
const d = '6a2d9f40-1c3b-4e5f-8a7b-9c0d1e2f3a4b';
const kind = (path: string, method = 'GET', mode = 'cors', base = origin) => requestKind(new URL(path, base), method, mode, origin);

describe('requestKind', () => {
  it.each([
    [`/api/documents/${d}/file`, 'file'],
    [`/api/meetings/${m}`, 'data'],
    [`/api/meetings/${m}/documents`, 'data'],
    [`/api/documents/${d}/annotations`, 'data'],
    ['/_app/immutable/entry/start.js', 'static'],
    ['/pdfjs/6.5.438/standard_fonts/FoxitSans.pfb', 'static'],
    ['/manifest.webmanifest', 'static'],
    ['/icon-192.png', 'static'],
  ])('keeps %s as %s', (path, expected) => {
    expect(kind(path)).toBe(expected);
  });

  it.each([
    ['/api/auth/me'],
    ['/api/auth/login'],
    ['/api/auth/calendar'],
    [`/api/documents/${d}/download`], // watermarked copy: a download, not reading
    [`/api/documents/${d}/annotations/export`],
    [`/api/documents/${d}/views/me`],
    [`/api/meetings/${m}/read-receipts`], // the secretariat's view of who read what
    [`/api/meetings/${m}/documents?all=1`],
    ['/api/meetings'],
    ['/api/councils'],
    ['/socket.io/?EIO=4&transport=websocket'],
  ])('never keeps %s', (path) => {
    expect(kind(path)).toBe('pass');
  });

  it('passes every mutation, even to a kept URL', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) expect(kind(`/api/documents/${d}/annotations`, method)).toBe('pass');
  });

  it('passes other origins and treats navigations as pages', () => {
    expect(kind('/_app/immutable/x.js', 'GET', 'cors', 'http://example.org')).toBe('pass');
    expect(kind(`/meetings/${m}/documents/${d}`, 'GET', 'navigate')).toBe('page');
    expect(kind('/api/auth/me', 'GET', 'navigate')).toBe('pass');
  });
});

const doc = (over: Partial<MeetingDocument>): MeetingDocument => ({
  id: d, meetingId: m, agendaItemId: null, title: 'Tờ trình', confidentiality: 'internal', readable: true, late: false, changed: false,
  current: { version: 1, sha256: 'abc', filename: 'a.pdf', bytes: 1000, pageCount: 3, uploadedAt: '2026-01-01T00:00:00Z', uploadedBy: null },
  ...over,
});

describe('filesToKeep', () => {
  it('keeps readable public and internal documents with the version they must match', () => {
    expect(filesToKeep([doc({}), doc({ id: 'p', confidentiality: 'public' })])).toEqual([
      { documentId: d, url: `/api/documents/${d}/file`, etag: '"abc"', bytes: 1000 },
      { documentId: 'p', url: '/api/documents/p/file', etag: '"abc"', bytes: 1000 },
    ]);
  });

  it('never keeps a secret, unreadable, file-less or too large document', () => {
    const big = doc({});
    big.current = { ...big.current!, bytes: offlineMaxBytes + 1 };
    expect(filesToKeep([doc({ confidentiality: 'secret', current: null }), doc({ confidentiality: 'secret' }), doc({ readable: false }), doc({ current: null }), big])).toEqual([]);
  });

  it('asks for the meeting, its list and the caller\'s annotations of each kept file', () => {
    expect(dataToKeep(m, filesToKeep([doc({})]))).toEqual([`/api/meetings/${m}`, `/api/meetings/${m}/documents`, `/api/documents/${d}/annotations`]);
  });
});

describe('meetingIsOver', () => {
  it.each([['closed', true], ['cancelled', true], ['live', false], ['published', false], ['draft', false]])('%s → %s', (status, over) => {
    expect(meetingIsOver(status)).toBe(over);
  });
});

describe('rangeFromKept', () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
  const kept = () => new Response(bytes, { headers: { ETag: '"abc"', 'Content-Type': 'application/pdf' } });

  it('answers a pdf.js range with a 206 holding exactly those bytes of the kept file', async () => {
    const res = await rangeFromKept(kept(), 'bytes=256-299');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 256-299/300');
    expect(res.headers.get('content-length')).toBe('44');
    expect(res.headers.get('etag')).toBe('"abc"');
    expect(res.headers.get(fromCacheHeader)).toBe('cache');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...bytes.slice(256, 300)]);
  });

  it('answers the whole file without a range and 416 past the end', async () => {
    const whole = await rangeFromKept(kept(), null);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(300);
    const past = await rangeFromKept(kept(), 'bytes=300-');
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */300');
  });
});
