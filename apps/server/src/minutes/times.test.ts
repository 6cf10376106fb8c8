import { describe, expect, it } from 'vitest';
import { itemTimes } from './times.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 15, 1, minute));
const live = (itemId: string | null, minute: number) => ({ type: 'agenda.live', payload: { itemId }, at: at(minute) });

describe('itemTimes', () => {
  it('starts an item at its first live event and ends it at the next change of live item', () => {
    const times = itemTimes([live('a', 0), { type: 'attendance', payload: {}, at: at(3) }, live('b', 10), live(null, 25)]);
    expect(times.get('a')).toEqual({ liveAt: at(0), endAt: at(10) });
    expect(times.get('b')).toEqual({ liveAt: at(10), endAt: at(25) });
  });

  it('keeps the first start and the last end of an item set live twice; one still live has no end', () => {
    const times = itemTimes([live('a', 0), live('b', 5), live('a', 20), live('b', 30)]);
    expect(times.get('a')).toEqual({ liveAt: at(0), endAt: at(30) });
    expect(times.get('b')).toEqual({ liveAt: at(5), endAt: null });
  });

  it('ignores a repeated live event for the item already live', () => {
    expect(itemTimes([live('a', 0), live('a', 4), live(null, 9)]).get('a')).toEqual({ liveAt: at(0), endAt: at(9) });
  });
});
