import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorBody } from '@hopso/shared/errors';
import { ApiError, NetworkError, api, onUnauthenticated } from './api.ts';
import { errorText, fieldErrorLines } from './errors.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function mockFetch(response: Response | Error) {
  const fn = vi.fn(async (_url: string, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

afterEach(() => {
  vi.unstubAllGlobals();
  onUnauthenticated(null);
});

const importError: ErrorBody = {
  ok: false, code: 'import_invalid', message: 'Tệp có dòng lỗi; chưa nhập dòng nào.',
  messageEn: 'The file has invalid rows; nothing was imported.',
  rows: [{ line: 3, errors: { email: [{ vi: 'E-mail không hợp lệ', en: 'Invalid email' }] } }],
};

describe('api client', () => {
  it('returns the typed body of a success', async () => {
    mockFetch(json(200, { ok: true, db: 'pglite' }));
    await expect(api.get<{ ok: true; db: string }>('/api/health')).resolves.toEqual({ ok: true, db: 'pglite' });
  });

  it('sends JSON with the same-origin cookie on every mutation', async () => {
    const fetchMock = mockFetch(json(200, { ok: true }));
    await api.post('/api/auth/logout');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/logout');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(init?.body).toBe('{}');
  });

  it('does not send a body or content-type on GET', async () => {
    const fetchMock = mockFetch(json(200, { ok: true }));
    await api.get('/api/meetings');
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it('maps an error body to an ApiError with its rows and fields', async () => {
    mockFetch(json(400, importError));
    const err = await api.post('/api/councils/x/members/import', { csv: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const apiErr = err as ApiError;
    expect(apiErr.status).toBe(400);
    expect(apiErr.code).toBe('import_invalid');
    expect(apiErr.rows).toEqual(importError.rows);
    expect(apiErr.body).toEqual(importError);
  });

  it('keeps field errors of a validation failure', async () => {
    mockFetch(json(400, { ok: false, code: 'validation', message: 'vi', messageEn: 'en', fields: { endsAt: [{ vi: 'sau giờ bắt đầu', en: 'after start' }] } }));
    const err = await api.post('/api/x', {}).catch((e: unknown) => e);
    expect((err as ApiError).fields).toEqual({ endsAt: [{ vi: 'sau giờ bắt đầu', en: 'after start' }] });
    expect(fieldErrorLines(err, 'en')).toEqual(['endsAt: after start']);
    expect(fieldErrorLines(err, 'vi', (k) => (k === 'field.endsAt' ? 'Thời gian kết thúc' : k))).toEqual(['Thời gian kết thúc: sau giờ bắt đầu']);
  });

  it('builds an ErrorBody from the status when the body is not JSON', async () => {
    mockFetch(new Response('<html>Too many</html>', { status: 429 }));
    const err = (await api.post('/api/auth/login', {}).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('rate_limited');
    expect(err.body.message).toMatch(/Thử quá nhiều lần/);
  });

  it('tells the session when the cookie is no longer valid', async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    mockFetch(json(401, { ok: false, code: 'unauthenticated', message: 'vi', messageEn: 'en' }));
    await expect(api.get('/api/auth/me')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('does not treat wrong credentials as an expired session', async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    mockFetch(json(401, { ok: false, code: 'invalid_credentials', message: 'vi', messageEn: 'en' }));
    await expect(api.post('/api/auth/login', {})).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('wraps a failed connection in a NetworkError', async () => {
    mockFetch(new TypeError('fetch failed'));
    await expect(api.get('/api/meetings')).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('errorText', () => {
  const t = (key: string) => `t:${key}`;
  it('shows the server message in the UI language', () => {
    const err = new ApiError(400, importError);
    expect(errorText(err, 'vi', t)).toBe(importError.message);
    expect(errorText(err, 'en', t)).toBe(importError.messageEn);
  });
  it('falls back to translated generic messages', () => {
    expect(errorText(new NetworkError(null), 'vi', t)).toBe('t:error.network');
    expect(errorText(new Error('x'), 'en', t)).toBe('t:error.unexpected');
  });
});
