import type { RuleSet, Threshold } from '@hopso/shared/rules';

export { thresholdKeys } from '@hopso/shared/council';
/** Time limits stored in seconds and edited as minutes:seconds. */
export const timeKeys = ['speakerSeconds', 'questionSeconds', 'answerSeconds'] as const satisfies readonly (keyof RuleSet)[];

/** Seconds as the secretariat reads a timer: 300 → "5:00", 75 → "1:15". */
export function toMinSec(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "5:00", "1:15", "90" (seconds alone) or "5:" back to seconds; null when it is not a time. */
export function fromMinSec(text: string): number | null {
  const m = /^\s*(?:(\d{1,3}):([0-5]?\d)?|(\d{1,5}))\s*$/.exec(text);
  if (!m) return null;
  return m[3] !== undefined ? Number(m[3]) : Number(m[1]) * 60 + Number(m[2] ?? 0);
}

/** A share as a percentage for people, two decimals in the locale's style: 2/3 → "66,67%" in Vietnamese. */
export function thresholdPercent(t: Threshold, locale: 'vi' | 'en'): string {
  const text = ((t.num * 100) / t.den).toFixed(2);
  return `${locale === 'vi' ? text.replace('.', ',') : text}%`;
}

const namedFractions: Record<string, string> = { '1/2': 'half', '1/3': 'third', '2/3': 'twoThirds', '3/4': 'threeQuarters', '1/1': 'all' };

/**
 * The i18n keys and values that say a share in plain words ("quá một nửa tổng số đại biểu"):
 * a known fraction by name, any other as "num/den".
 */
export function thresholdWords(t: Threshold): { comparison: string; fraction: string; values: { num: number; den: number } } {
  const named = namedFractions[`${t.num}/${t.den}`];
  return {
    comparison: t.strict ? 'rules.moreThan' : 'rules.atLeast',
    fraction: named ? `rules.fraction.${named}` : 'rules.fraction.other',
    values: { num: t.num, den: t.den },
  };
}
