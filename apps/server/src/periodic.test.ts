import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './log.ts';
import { startPeriodic } from './periodic.ts';

/** A pass that stays running until the test settles it. */
function controlled() {
  const settle: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const pass = vi.fn(() => new Promise<void>((resolve, reject) => settle.push({ resolve, reject })));
  return { pass, settle };
}

describe('startPeriodic', () => {
  afterEach(() => vi.useRealTimers());

  it('starts no second pass while one is running, and the next tick after it ends starts one', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { pass, settle } = controlled();
    const stop = startPeriodic({ everyMs: 1000, immediately: true, log: createLogger('silent'), failure: 'x', pass });
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(pass).toHaveBeenCalledTimes(1);
    settle[0]!.resolve();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass).toHaveBeenCalledTimes(2);
    settle[1]!.resolve();
    await stop();
  });

  it('waits for the first tick unless asked to run at once', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { pass, settle } = controlled();
    const stop = startPeriodic({ everyMs: 1000, log: createLogger('silent'), failure: 'x', pass });
    expect(pass).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass).toHaveBeenCalledTimes(1);
    settle[0]!.resolve();
    await stop();
  });

  it('logs a failed pass and tries again at the next tick', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const lines: string[] = [];
    const { pass, settle } = controlled();
    const stop = startPeriodic({ everyMs: 1000, immediately: true, log: createLogger('error', {}, (l) => { lines.push(l); return true; }), failure: 'tick failed', pass });
    settle[0]!.reject(new Error('database gone'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'error', msg: 'tick failed', error: 'Error: database gone' })]);
    expect(pass).toHaveBeenCalledTimes(2);
    settle[1]!.resolve();
    await stop();
  });

  it('stops ticking and its stop waits for the running pass', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { pass, settle } = controlled();
    const stop = startPeriodic({ everyMs: 1000, immediately: true, log: createLogger('silent'), failure: 'x', pass });
    let stopped = false;
    const stopping = stop().then(() => { stopped = true; });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    settle[0]!.resolve();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(pass).toHaveBeenCalledTimes(1);
  });
});
