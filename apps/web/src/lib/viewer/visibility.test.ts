import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clampPage, debounce, mostVisiblePage, pageReporter, parsePageInput } from './visibility.ts';

// 300 pages of 1000 px with a 16 px gap, like an A4 report at fit width on a portrait tablet.
const slots = Array.from({ length: 300 }, (_, i) => ({ top: 16 + i * 1016, height: 1000 }));

describe('mostVisiblePage', () => {
  it('is page 1 at the top of the document', () => {
    expect(mostVisiblePage(slots, 0, 1180)).toBe(1);
  });

  it('is the page filling most of the screen', () => {
    // Scrolled so page 120 starts 300 px below the top: page 119 shows 284 px, page 120 the remaining 896.
    expect(mostVisiblePage(slots, slots[119]!.top - 300, 1180)).toBe(120);
    expect(mostVisiblePage(slots, slots[119]!.top - 900, 1180)).toBe(119);
  });

  it('is the last page at the end and 1 for an empty document', () => {
    expect(mostVisiblePage(slots, slots[299]!.top + 500, 1180)).toBe(300);
    expect(mostVisiblePage([], 0, 100)).toBe(1);
  });
});

describe('page input', () => {
  it('accepts only whole page numbers inside the document', () => {
    expect(parsePageInput(' 120 ', 300)).toBe(120);
    expect(parsePageInput('0', 300)).toBeNull();
    expect(parsePageInput('301', 300)).toBeNull();
    expect(parsePageInput('1.5', 300)).toBeNull();
    expect(parsePageInput('', 300)).toBeNull();
    expect(clampPage(999, 300)).toBe(300);
    expect(clampPage(-3, 300)).toBe(1);
  });
});

describe('debounce and page reporting', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls once with the latest arguments after the quiet period', () => {
    const fn = vi.fn();
    const d = debounce(fn, 2000);
    d(1);
    vi.advanceTimersByTime(1500);
    d(2);
    vi.advanceTimersByTime(1999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('flushes a pending call at once and forgets a cancelled one', () => {
    const fn = vi.fn();
    const d = debounce(fn, 2000);
    d(7);
    d.flush();
    expect(fn).toHaveBeenCalledExactlyOnceWith(7);
    d(8);
    d.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('does not send the same page twice in a row', () => {
    const send = vi.fn();
    const report = pageReporter(send, 2000);
    report(5);
    vi.advanceTimersByTime(2000);
    report(6);
    report(5);
    vi.advanceTimersByTime(2000);
    report(9);
    vi.advanceTimersByTime(2000);
    expect(send.mock.calls).toEqual([[5], [9]]);
  });
});
