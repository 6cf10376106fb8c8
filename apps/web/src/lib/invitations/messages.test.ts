import { describe, expect, it } from 'vitest';
import { rsvpResponses } from '@hopso/shared/invitations';
import { reminderUnits } from './reminderForm.ts';
import vi from './vi.json';
import en from './en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the invitations catalogues', () => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });

  it('name every answer, list group, reminder unit and substitute rule', () => {
    const keys = [
      ...rsvpResponses.flatMap((r) => [`rsvp.${r}`, `rsvp.list.${r}`]), 'rsvp.list.noAnswer',
      ...reminderUnits.map((u) => `reminders.unit.${u}`), ...['never', 'exceptSessions', 'always'].map((s) => `reminders.substitutes.${s}`),
    ];
    for (const key of keys) expect(vi, key).toHaveProperty([key]);
  });
});
