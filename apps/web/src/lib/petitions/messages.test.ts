import { describe, expect, it } from 'vitest';
import { petitionActions, petitionChannels, petitionRuleKinds, petitionStatuses } from '@hopso/shared/petitions';
import vi from './vi.json';
import en from './en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the petitions catalogues', () => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });

  it('name every status, channel, action, history step and rule kind', () => {
    const keys = [
      ...petitionStatuses.flatMap((s) => [`petitions.st.${s}`, `petitions.history.${s}`]), ...petitionChannels.map((c) => `petitions.channel.${c}`),
      ...petitionActions.map((a) => `petitions.act.${a}`), ...petitionRuleKinds.map((k) => `petitions.settings.kind.${k}`),
    ];
    for (const key of keys) expect(vi, key).toHaveProperty([key]);
  });
});
