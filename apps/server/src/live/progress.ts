import type { Committed } from './ballots.ts';

/**
 * Coalesces poll progress so a ballot storm is not a broadcast storm (BENCHMARKS.md: one broadcast per
 * ballot collapses at 500 tablets): the first change after a quiet spell goes out at once, later ones at
 * most once per interval per poll, always with the newest count.
 */
export class ProgressPublisher {
  private readonly latest = new Map<string, Committed>();
  private readonly lastSent = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly send: (c: Committed) => void;
  private readonly intervalMs: number;

  constructor(send: (c: Committed) => void, intervalMs = 20) {
    this.send = send;
    this.intervalMs = intervalMs;
  }

  update(c: Committed): void {
    const prev = this.latest.get(c.pollId);
    if (prev && prev.cast > c.cast) return; // an older batch's count arriving late
    this.latest.set(c.pollId, c);
    if (this.timers.has(c.pollId)) return;
    const wait = (this.lastSent.get(c.pollId) ?? -Infinity) + this.intervalMs - performance.now();
    if (wait <= 0) this.flush(c.pollId);
    else this.timers.set(c.pollId, setTimeout(() => this.flush(c.pollId), wait).unref());
  }

  private flush(pollId: string): void {
    this.timers.delete(pollId);
    const c = this.latest.get(pollId);
    if (!c) return;
    this.lastSent.set(pollId, performance.now());
    this.send(c);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
