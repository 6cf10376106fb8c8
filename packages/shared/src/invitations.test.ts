import { describe, expect, it } from 'vitest';
import { rsvpRequest, rsvpSummary, substitutesAllowed } from './invitations.ts';
import { meetingKinds } from './meeting.ts';
import { defaultRuleSet } from './rules.ts';

describe('who may send someone in their place', () => {
  it.each(meetingKinds.map((k) => [k]))('%s: never under "never", always under "always"', (kind) => {
    expect(substitutesAllowed(kind, 'never')).toBe(false);
    expect(substitutesAllowed(kind, 'always')).toBe(true);
  });

  it.each([
    ['regular', false], ['thematic', false], ['extraordinary', false],
    ['standing', true], ['committee', true], ['group', true], ['voterContact', true],
  ] as const)('by default (%s): %s — plenary sessions are attended in person', (kind, allowed) => {
    expect(substitutesAllowed(kind, defaultRuleSet.substitutes)).toBe(allowed);
  });
});

describe('an RSVP answer', () => {
  it.each([
    [{ response: 'attend' }, true],
    [{ response: 'absent', reason: 'Ốm' }, true],
    [{ response: 'absent' }, false],
    [{ response: 'absent', reason: '  ' }, false],
    [{ response: 'substitute', substituteName: 'Nguyễn Văn Bình' }, true],
    [{ response: 'substitute' }, false],
    [{ response: 'maybe' }, false],
  ])('%j is valid: %s', (body, valid) => {
    expect(rsvpRequest.safeParse(body).success).toBe(valid);
  });
});

describe('the expected quorum before the session', () => {
  const delegate = (response: 'attend' | 'absent' | 'substitute' | null) => ({ isDelegate: true, response });
  const list = (attend: number, absent: number, substitute: number, none: number) => [
    ...Array.from({ length: attend }, () => delegate('attend')), ...Array.from({ length: absent }, () => delegate('absent')),
    ...Array.from({ length: substitute }, () => delegate('substitute')), ...Array.from({ length: none }, () => delegate(null)),
  ];

  it.each([
    // 25 delegates, two thirds: 17 needed.
    [list(17, 8, 0, 0), 17, true, 17, true],
    [list(16, 0, 0, 9), 16, false, 25, true],
    [list(16, 8, 1, 0), 16, false, 16, false],
    [list(10, 10, 0, 5), 10, false, 15, false],
  ])('counts delegates who attend (%#): %i expected', (entries, expected, reached, possible, possibleReached) => {
    const s = rsvpSummary(entries, defaultRuleSet);
    expect(s.expected).toEqual({ present: expected, total: 25, required: 17, reached });
    expect(s.possible).toMatchObject({ present: possible, reached: possibleReached });
  });

  it('counts guests in the answers but not in the quorum, and a substitute never for the delegate', () => {
    const s = rsvpSummary([...list(2, 0, 1, 0), { isDelegate: false, response: 'attend' }, { isDelegate: false, response: null }], { quorum: { num: 1, den: 2, strict: true } });
    expect(s).toMatchObject({ attend: 3, absent: 0, substitute: 1, noAnswer: 1 });
    expect(s.expected).toEqual({ present: 2, total: 3, required: 2, reached: true });
  });
});
