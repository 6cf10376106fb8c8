import { describe, expect, it } from 'vitest';
import { formatOffset, linkAt, recordingOffsets, updateMinutesRequest } from './record.ts';

const a = '11111111-1111-4111-8111-111111111111';
const b = '22222222-2222-4222-8222-222222222222';
const c = '33333333-3333-4333-8333-333333333333';
const items = [
  { id: a, title: 'Khai mạc', liveAt: '2026-12-15T01:05:00.000Z' },
  { id: b, title: 'Báo cáo', liveAt: '2026-12-15T03:00:00.000Z' },
  { id: c, title: 'Chưa diễn ra', liveAt: null },
];

describe('recordingOffsets', () => {
  it.each([
    ['starts every item from its live time', { startedAt: '2026-12-15T01:00:00.000Z', durationSeconds: null, offsets: {} }, [[a, 300, 'auto'], [b, 7200, 'auto']]],
    ['leaves out items after the end of the recording', { startedAt: '2026-12-15T01:00:00.000Z', durationSeconds: 3600, offsets: {} }, [[a, 300, 'auto']]],
    ['leaves out items that went live before the recording started', { startedAt: '2026-12-15T02:00:00.000Z', durationSeconds: null, offsets: {} }, [[b, 3600, 'auto']]],
    ['takes manual offsets over automatic ones, even for items never live', { startedAt: '2026-12-15T01:00:00.000Z', durationSeconds: null, offsets: { [a]: 10, [c]: 9000 } }, [[a, 10, 'manual'], [b, 7200, 'auto'], [c, 9000, 'manual']]],
    ['has only manual offsets without a start time', { startedAt: null, durationSeconds: null, offsets: { [b]: 42 } }, [[b, 42, 'manual']]],
  ] as const)('%s', (_name, recording, expected) => {
    expect(recordingOffsets(recording, items).map((o) => [o.agendaItemId, o.offsetSeconds, o.source])).toEqual(expected);
  });
});

describe('formatOffset', () => {
  it.each([[0, '0:00'], [65, '1:05'], [3725, '1:02:05']])('formats %i seconds as %s', (s, text) => {
    expect(formatOffset(s)).toBe(text);
  });
});

describe('updateMinutesRequest', () => {
  it('accepts the known sections and refuses others', () => {
    expect(updateMinutesRequest.safeParse({ notes: { opening: 'x', [`item:${a}`]: 'y' } }).success).toBe(true);
    expect(updateMinutesRequest.safeParse({ notes: { header: 'x' } }).success).toBe(false);
  });
});

describe('linkAt', () => {
  it('starts the video at the offset, replacing any earlier fragment', () => {
    expect(linkAt('https://v.example.vn/a.mp4', 300)).toBe('https://v.example.vn/a.mp4#t=300');
    expect(linkAt('https://v.example.vn/a.mp4#t=10', 42)).toBe('https://v.example.vn/a.mp4#t=42');
  });
});
