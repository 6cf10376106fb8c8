import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressPublisher } from './progress.ts';

const at = (cast: number) => ({ pollId: 'p', meetingId: 'm', cast, totalDelegates: 25, method: 'named' as const, stored: [] });

describe('ProgressPublisher', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the first change at once and then at most one message per interval with the newest count', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const sent: number[] = [];
    const p = new ProgressPublisher((c) => sent.push(c.cast), 20);
    p.update(at(1));
    expect(sent).toEqual([1]);
    for (let i = 2; i <= 50; i++) p.update(at(i));
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(20);
    expect(sent).toEqual([1, 50]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1, 50]);
  });

  it('ignores an older count that arrives after a newer one', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const sent: number[] = [];
    const p = new ProgressPublisher((c) => sent.push(c.cast), 20);
    p.update(at(10));
    p.update(at(7));
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([10]);
  });
});
