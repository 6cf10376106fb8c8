import { describe, expect, it } from 'vitest';
import { deliveryStatuses, notificationChannels } from '@hopso/shared/notifications';
import vi from './vi.json';
import en from './en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the notifications catalogues', () => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });

  it('name every channel and delivery status', () => {
    for (const key of [...notificationChannels.map((c) => `notifications.channel.${c}`), ...deliveryStatuses.map((s) => `notifications.st.${s}`)]) {
      expect(vi, key).toHaveProperty([key]);
    }
  });
});
