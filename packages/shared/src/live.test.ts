import { describe, expect, it } from 'vitest';
import { checkInStatus } from './live.ts';

describe('checkInStatus', () => {
  it.each([
    ['published', null, 'present'],
    ['draft', null, 'present'],
    ['live', null, 'late'],
    ['live', 'absent', 'late'],
    ['published', 'absent', 'present'],
    ['live', 'present', 'present'],
    ['published', 'late', 'late'],
    ['live', 'late', 'late'],
  ] as const)('meeting %s, recorded %s → %s', (meeting, current, expected) => {
    expect(checkInStatus(meeting, current)).toBe(expected);
  });
});
