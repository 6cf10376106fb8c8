import { describe, expect, it } from 'vitest';
import { FileAccessCache, type ReadableFile } from './file-access.ts';

const file: ReadableFile = { sha256: 'a'.repeat(64), bytes: 1234 };

/** A cache on a clock the test moves, and a check that counts its calls. */
function setup(result: () => Promise<ReadableFile> = async () => file) {
  let now = 0;
  const cache = new FileAccessCache({ now: () => now, ttlMs: 5_000 });
  let calls = 0;
  const check = () => { calls++; return result(); };
  return { cache, check, calls: () => calls, advance: (ms: number) => { now += ms; } };
}

describe('FileAccessCache', () => {
  it('remembers a granted read for the TTL only, per user and document', async () => {
    const t = setup();
    expect(await t.cache.read('u1', 'd1', t.check)).toEqual(file);
    t.advance(4_999);
    await t.cache.read('u1', 'd1', t.check);
    expect(t.calls()).toBe(1);
    await t.cache.read('u2', 'd1', t.check);
    await t.cache.read('u1', 'd2', t.check);
    expect(t.calls()).toBe(3);
    t.advance(1);
    await t.cache.read('u1', 'd1', t.check);
    expect(t.calls()).toBe(4);
  });

  it('never remembers a refusal', async () => {
    let allowed = false;
    const t = setup(async () => { if (!allowed) throw new Error('forbidden'); return file; });
    await expect(t.cache.read('u1', 'd1', t.check)).rejects.toThrow('forbidden');
    await expect(t.cache.read('u1', 'd1', t.check)).rejects.toThrow('forbidden');
    expect(t.calls()).toBe(2);
    expect(t.cache.size).toBe(0);
    allowed = true;
    expect(await t.cache.read('u1', 'd1', t.check)).toEqual(file);
  });

  it('lets concurrent requests share one check', async () => {
    let release!: (f: ReadableFile) => void;
    const t = setup(() => new Promise((r) => { release = r; }));
    const both = Promise.all([t.cache.read('u1', 'd1', t.check), t.cache.read('u1', 'd1', t.check)]);
    release(file);
    expect(await both).toEqual([file, file]);
    expect(t.calls()).toBe(1);
  });

  it('forgets every reader of a document that changed, and only that document', async () => {
    const t = setup();
    await t.cache.read('u1', 'd1', t.check);
    await t.cache.read('u2', 'd1', t.check);
    await t.cache.read('u1', 'd10', t.check);
    t.cache.forgetDocument('d1');
    expect(t.cache.size).toBe(1);
    await t.cache.read('u1', 'd1', t.check);
    await t.cache.read('u1', 'd10', t.check);
    expect(t.calls()).toBe(4);
  });

  it('a check still running when its document is forgotten is not kept', async () => {
    let release!: (f: ReadableFile) => void;
    const t = setup(() => new Promise((r) => { release = r; }));
    const pending = t.cache.read('u1', 'd1', t.check);
    t.cache.forgetDocument('d1');
    release(file);
    await pending;
    expect(t.cache.size).toBe(0);
  });
});
