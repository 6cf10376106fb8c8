import { describe, expect, it } from 'vitest';
import { applyDisplaySettings, changeDisplaySetting, displayStorageKey, parseDisplaySettings, readDisplaySettings } from './display-settings.ts';

/** A localStorage stand-in; `broken` throws like a browser with storage disabled. */
function memoryStorage(initial: Record<string, string> = {}, broken = false) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => { if (broken) throw new Error('SecurityError'); return data.get(k) ?? null; },
    setItem: (k: string, v: string) => { if (broken) throw new Error('QuotaExceededError'); data.set(k, v); },
  };
}

/** Just enough of an element: a real DOMTokenList's toggle(name, force) semantics over a Set. */
function fakeRoot(...initial: string[]) {
  const set = new Set(initial);
  const classList = {
    toggle(name: string, force?: boolean) {
      const on = force ?? !set.has(name);
      if (on) set.add(name); else set.delete(name);
      return on;
    },
  } as unknown as DOMTokenList;
  return { classList, classes: () => [...set].sort() };
}

describe('parseDisplaySettings', () => {
  it('starts with both switches off when nothing is stored', () => {
    expect(parseDisplaySettings(null)).toEqual({ largeText: false, highContrast: false });
  });
  it('reads what was stored', () => {
    expect(parseDisplaySettings('{"largeText":true,"highContrast":true}')).toEqual({ largeText: true, highContrast: true });
  });
  it('treats unreadable or wrongly typed values as not chosen', () => {
    for (const raw of ['not json', '[true]', '"large"', '{"largeText":"yes","highContrast":1}', 'null']) {
      expect(parseDisplaySettings(raw)).toEqual({ largeText: false, highContrast: false });
    }
  });
  it('follows the system contrast preference until the user chose', () => {
    expect(parseDisplaySettings(null, true).highContrast).toBe(true);
    expect(parseDisplaySettings('{"largeText":true}', true)).toEqual({ largeText: true, highContrast: true });
    expect(parseDisplaySettings('{"highContrast":false}', true).highContrast).toBe(false);
  });
});

describe('readDisplaySettings', () => {
  it('reads the device storage under its own key', () => {
    const storage = memoryStorage({ [displayStorageKey]: '{"largeText":true,"highContrast":false}' });
    expect(readDisplaySettings(storage, false)).toEqual({ largeText: true, highContrast: false });
  });
  it('falls back to the defaults when storage throws or is missing', () => {
    expect(readDisplaySettings(memoryStorage({}, true), false)).toEqual({ largeText: false, highContrast: false });
    expect(readDisplaySettings(undefined, true)).toEqual({ largeText: false, highContrast: true });
  });
});

describe('applyDisplaySettings', () => {
  it('puts on exactly the classes of the switches that are on and leaves other classes alone', () => {
    const root = fakeRoot('other', 'high-contrast');
    applyDisplaySettings({ largeText: true, highContrast: false }, root);
    expect(root.classes()).toEqual(['large-text', 'other']);
    applyDisplaySettings({ largeText: false, highContrast: true }, root);
    expect(root.classes()).toEqual(['high-contrast', 'other']);
  });
  it('does nothing without a document (unit tests, server)', () => {
    expect(() => applyDisplaySettings({ largeText: true, highContrast: true }, undefined)).not.toThrow();
  });
});

describe('changeDisplaySetting', () => {
  it('remembers the change, applies it and keeps the other switch', () => {
    const storage = memoryStorage();
    const root = fakeRoot();
    const next = changeDisplaySetting({ largeText: false, highContrast: true }, 'largeText', true, storage, root);
    expect(next).toEqual({ largeText: true, highContrast: true });
    expect(root.classes()).toEqual(['high-contrast', 'large-text']);
    expect(readDisplaySettings(storage, false)).toEqual(next);
  });
  it('an explicit "off" is remembered over the system preference', () => {
    const storage = memoryStorage();
    changeDisplaySetting({ largeText: false, highContrast: true }, 'highContrast', false, storage, fakeRoot());
    expect(readDisplaySettings(storage, true).highContrast).toBe(false);
  });
  it('still applies the change for this visit when storage refuses it', () => {
    const root = fakeRoot();
    const next = changeDisplaySetting({ largeText: false, highContrast: false }, 'highContrast', true, memoryStorage({}, true), root);
    expect(next.highContrast).toBe(true);
    expect(root.classes()).toEqual(['high-contrast']);
  });
});
