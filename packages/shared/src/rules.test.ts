import { describe, expect, it } from 'vitest';
import {
  atLeastOneThird, atLeastTwoThirds, confidencePollResult, confidenceVoteResult, defaultRuleSet, electionResult,
  formatShare, meets, moreThanHalf, moreThanTwoThirds, motionResult, quorum, required, ruleSetSchema,
} from './rules.ts';

describe('required counts (integer arithmetic on the total number of delegates)', () => {
  it.each([
    // total, more than half, at least two thirds, more than two thirds, at least one third
    [25, 13, 17, 17, 9],
    [30, 16, 20, 21, 10],
    [51, 26, 34, 35, 17],
    [100, 51, 67, 67, 34],
    [1, 1, 1, 1, 1],
    [2, 2, 2, 2, 1],
    [3, 2, 2, 3, 1],
  ])('total %i → %i / %i / %i / %i', (total, half, twoThirds, overTwoThirds, oneThird) => {
    expect(required(total, moreThanHalf)).toBe(half);
    expect(required(total, atLeastTwoThirds)).toBe(twoThirds);
    expect(required(total, moreThanTwoThirds)).toBe(overTwoThirds);
    expect(required(total, atLeastOneThird)).toBe(oneThird);
  });

  it('agrees with meets() just below and at every required count for totals 1–200', () => {
    for (let total = 1; total <= 200; total++) {
      for (const t of [moreThanHalf, atLeastTwoThirds, moreThanTwoThirds, atLeastOneThird]) {
        const n = required(total, t);
        expect(meets(n, total, t)).toBe(true);
        expect(meets(n - 1, total, t)).toBe(false);
      }
    }
  });
});

describe('quorum', () => {
  it.each([
    [25, 16, false], [25, 17, true], [30, 19, false], [30, 20, true], [51, 33, false], [51, 34, true], [100, 66, false], [100, 67, true],
  ])('%i delegates, %i present → reached %s', (total, present, reached) => {
    expect(quorum(present, total)).toEqual({ present, total, required: Math.ceil((2 * total) / 3), reached });
  });

  it('is never reached for a council with no delegates', () => {
    expect(quorum(0, 0).reached).toBe(false);
  });
});

describe('motionResult', () => {
  it.each([
    [25, { yes: 13, no: 0, abstain: 0 }, true],
    [25, { yes: 12, no: 1, abstain: 0 }, false],
    // 13 of 20 present is a majority of votes cast but not of the total of 30: not adopted.
    [30, { yes: 15, no: 3, abstain: 2 }, false],
    [30, { yes: 16, no: 10, abstain: 4 }, true],
    [51, { yes: 26, no: 25, abstain: 0 }, true],
    [51, { yes: 25, no: 0, abstain: 0 }, false],
    [100, { yes: 50, no: 0, abstain: 50 }, false],
    [100, { yes: 51, no: 49, abstain: 0 }, true],
  ])('total %i, %o → adopted %s', (total, counts, adopted) => {
    expect(motionResult(counts, total, moreThanHalf).adopted).toBe(adopted);
  });

  it('counts those who did not vote as not in favour and gives shares of the total', () => {
    const r = motionResult({ yes: 14, no: 3, abstain: 2 }, 25, moreThanHalf);
    expect(r.notVoted.count).toBe(6);
    expect(r.yes.basisPoints).toBe(5600);
    expect(formatShare(r.yes, 'vi')).toBe('56,00%');
    expect(formatShare(r.notVoted, 'en')).toBe('24.00%');
    expect(r.required).toBe(13);
  });

  it('needs two thirds of the total for a dismissal', () => {
    expect(motionResult({ yes: 16, no: 0, abstain: 0 }, 25, defaultRuleSet.dismissal).adopted).toBe(false);
    expect(motionResult({ yes: 17, no: 0, abstain: 0 }, 25, defaultRuleSet.dismissal).adopted).toBe(true);
  });
});

describe('electionResult', () => {
  it('elects candidates over half of the total, most votes first, within the seats', () => {
    const r = electionResult({ a: 20, b: 14, c: 13, d: 12 }, 25, moreThanHalf, 2);
    expect(r.candidates.filter((c) => c.elected).map((c) => c.id)).toEqual(['a', 'b']);
    expect(r.required).toBe(13);
  });

  it('elects nobody to a seat two qualifying candidates tie for', () => {
    const r = electionResult({ a: 15, b: 15 }, 25, moreThanHalf, 1);
    expect(r.candidates.some((c) => c.elected)).toBe(false);
  });

  it('elects nobody below the threshold even with seats left', () => {
    expect(electionResult({ a: 12 }, 25, moreThanHalf, 1).candidates[0]!.elected).toBe(false);
  });
});

describe('confidence poll and vote', () => {
  it.each([
    // total, low, may resign (> 1/2), must hold a confidence vote (> 2/3)
    [25, 12, false, false], [25, 13, true, false], [25, 16, true, false], [25, 17, true, true],
    [30, 20, true, false], [30, 21, true, true], [51, 34, true, false], [51, 35, true, true],
  ])('total %i with %i "tín nhiệm thấp" → may resign %s, must vote %s', (total, low, mayResign, mustVote) => {
    const r = confidencePollResult({ high: 0, medium: total - low, low }, total);
    expect(r.mayResign).toBe(mayResign);
    expect(r.mustHoldConfidenceVote).toBe(mustVote);
  });

  it('loses a confidence vote with more than half of the total voting no confidence', () => {
    expect(confidenceVoteResult({ confidence: 10, noConfidence: 13 }, 25).lost).toBe(true);
    expect(confidenceVoteResult({ confidence: 13, noConfidence: 12 }, 25).lost).toBe(false);
  });
});

describe('rule set', () => {
  it('validates the defaults and rejects a threshold with a zero denominator', () => {
    expect(ruleSetSchema.parse(defaultRuleSet)).toEqual(defaultRuleSet);
    expect(ruleSetSchema.safeParse({ ...defaultRuleSet, quorum: { num: 2, den: 0, strict: false } }).success).toBe(false);
  });
});
