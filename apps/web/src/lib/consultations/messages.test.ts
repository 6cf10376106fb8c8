import { describe, expect, it } from 'vitest';
import { consultationBaseKinds, consultationStatuses, consultationThresholdRules, opinionChoices, questionKinds } from '@hopso/shared/consultation';
import vi from './vi.json';
import en from './en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the consultations catalogues', () => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });

  it('name every status, base, question kind, answer and threshold rule', () => {
    const keys = [
      ...consultationStatuses.map((s) => `consultations.st.${s}`), ...consultationBaseKinds.map((b) => `consultations.base.${b}`),
      ...questionKinds.map((k) => `consultations.kind.${k}`), ...opinionChoices.map((c) => `consultations.choice.${c}`),
      ...consultationThresholdRules.map((r) => `consultations.threshold.${r}`),
    ];
    for (const key of keys) expect(vi, key).toHaveProperty([key]);
  });
});
