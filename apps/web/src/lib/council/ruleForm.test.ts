import { describe, expect, it } from 'vitest';
import { atLeastTwoThirds, moreThanHalf } from '@hopso/shared/rules';
import { fromMinSec, thresholdPercent, thresholdWords, toMinSec } from './ruleForm.ts';

describe('rule form conversions', () => {
  it('shows seconds as minutes:seconds and reads them back', () => {
    expect([300, 75, 60, 5, 3600].map(toMinSec)).toEqual(['5:00', '1:15', '1:00', '0:05', '60:00']);
    for (const s of [300, 75, 60, 5, 3600]) expect(fromMinSec(toMinSec(s))).toBe(s);
  });

  it('accepts seconds alone and "5:" and refuses what is not a time', () => {
    expect(fromMinSec(' 90 ')).toBe(90);
    expect(fromMinSec('5:')).toBe(300);
    expect(fromMinSec('4:5')).toBe(245);
    for (const bad of ['', 'abc', '1:60', '-1:00', '1:2:3', '1.5']) expect(fromMinSec(bad)).toBeNull();
  });

  it('shows shares as percentages in the locale style', () => {
    expect(thresholdPercent(atLeastTwoThirds, 'vi')).toBe('66,67%');
    expect(thresholdPercent(moreThanHalf, 'en')).toBe('50.00%');
  });

  it('names known fractions and falls back to num/den', () => {
    expect(thresholdWords(moreThanHalf)).toMatchObject({ comparison: 'rules.moreThan', fraction: 'rules.fraction.half' });
    expect(thresholdWords(atLeastTwoThirds)).toMatchObject({ comparison: 'rules.atLeast', fraction: 'rules.fraction.twoThirds' });
    expect(thresholdWords({ num: 3, den: 5, strict: true })).toEqual({ comparison: 'rules.moreThan', fraction: 'rules.fraction.other', values: { num: 3, den: 5 } });
  });
});
