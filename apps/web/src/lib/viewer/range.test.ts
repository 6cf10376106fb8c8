import { describe, expect, it, vi } from 'vitest';
import { fetchRange, RangeFetchError, rangeHeader } from './range.ts';

const file = Uint8Array.from({ length: 100 }, (_, i) => i);

/** A server that honours Range like apps/server does (206 with Content-Range). */
function rangeServer(failures: number[] = []) {
  return vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const status = failures.shift();
    if (status === 0) throw new TypeError('network down');
    if (status) return new Response(null, { status });
    const m = /^bytes=(\d+)-(\d+)$/.exec(new Headers(init?.headers).get('range') ?? '')!;
    const [a, b] = [Number(m[1]), Number(m[2])];
    return new Response(file.slice(a, b + 1), { status: 206, headers: { 'content-range': `bytes ${a}-${b}/100` } });
  });
}

describe('range requests', () => {
  it('asks for pdf.js’s exclusive end as an inclusive HTTP range', () => {
    expect(rangeHeader(0, 65536)).toBe('bytes=0-65535');
    expect(() => rangeHeader(10, 10)).toThrow(RangeError);
  });

  it('returns exactly the requested bytes, with the cookie and the Range header', async () => {
    const f = rangeServer();
    const bytes = await fetchRange('/api/documents/x/file', 10, 20, { fetch: f });
    expect([...bytes]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(f.mock.calls[0]![1]).toMatchObject({ credentials: 'same-origin', headers: { Range: 'bytes=10-19' } });
  });

  it('cuts a whole-file 200 answer down to the range', async () => {
    const f = vi.fn(async () => new Response(file, { status: 200 }));
    expect([...(await fetchRange('/f', 95, 100, { fetch: f }))]).toEqual([95, 96, 97, 98, 99]);
  });

  it('retries a dropped connection and a 503, then succeeds', async () => {
    const f = rangeServer([0, 503]);
    const sleep = vi.fn(async () => {});
    const bytes = await fetchRange('/f', 0, 2, { fetch: f, sleep });
    expect([...bytes]).toEqual([0, 1]);
    expect(sleep.mock.calls).toEqual([[300], [1500]]);
  });

  it('does not retry a refusal (403 secret, 401 signed out)', async () => {
    const f = rangeServer([403]);
    await expect(fetchRange('/f', 0, 2, { fetch: f, sleep: async () => {} })).rejects.toEqual(new RangeFetchError(403, false));
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('gives up after the last retry', async () => {
    const f = rangeServer([0, 0, 0]);
    await expect(fetchRange('/f', 0, 2, { fetch: f, sleep: async () => {} })).rejects.toThrow('network down');
    expect(f).toHaveBeenCalledTimes(3);
  });
});
