// Large text and high contrast on a device (issue 10: delegates range from young officials to elderly village
// representatives). The choice is remembered per device like the UI language, and applied as classes on
// <html> by hooks.client.ts before the first route renders: the strict CSP forbids the usual inline
// <script> in app.html, and the app renders on the client only, so that is still before the first paint of
// any content. app.css turns the classes into a larger root font size and a high-contrast palette.

/** One switch of the display settings. */
export type DisplaySetting = 'largeText' | 'highContrast';
export type DisplaySettings = Record<DisplaySetting, boolean>;

/** Where the settings are remembered (per device: a tablet handed to another delegate keeps them). */
export const displayStorageKey = 'hopso.display';

/** The class app.css keys each setting on; the e2e tests set them too. */
export const displayClasses: Record<DisplaySetting, string> = { largeText: 'large-text', highContrast: 'high-contrast' };

const settingNames = Object.keys(displayClasses) as DisplaySetting[];

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/**
 * Reads the stored JSON leniently: anything unreadable is "not chosen". Without a stored choice high
 * contrast follows the system's `prefers-contrast: more`, so a tablet set up for a low-vision user starts right.
 */
export function parseDisplaySettings(raw: string | null | undefined, prefersMoreContrast = false): DisplaySettings {
  let stored: Partial<Record<DisplaySetting, unknown>> = {};
  try {
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (value && typeof value === 'object' && !Array.isArray(value)) stored = value as typeof stored;
  } catch {
    // A value written by hand or by an old version: start from the defaults.
  }
  return {
    largeText: stored.largeText === true,
    highContrast: typeof stored.highContrast === 'boolean' ? stored.highContrast : prefersMoreContrast,
  };
}

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage disabled: reading it throws in some browsers
  }
}

function prefersMoreContrast(): boolean {
  return typeof globalThis.matchMedia === 'function' && globalThis.matchMedia('(prefers-contrast: more)').matches;
}

/** The device's settings: what was stored, else the defaults (large text off, contrast as the system prefers). */
export function readDisplaySettings(storage: Storage | undefined = defaultStorage(), moreContrast = prefersMoreContrast()): DisplaySettings {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(displayStorageKey) ?? null;
  } catch {
    raw = null;
  }
  return parseDisplaySettings(raw, moreContrast);
}

/** Puts exactly the classes of the settings that are on onto the root element (`<html>` by default). */
export function applyDisplaySettings(settings: DisplaySettings, root: Pick<Element, 'classList'> | undefined = globalThis.document?.documentElement): void {
  if (!root) return;
  for (const name of settingNames) root.classList.toggle(displayClasses[name], settings[name]);
}

/** Changes one setting, remembers it on the device, applies it at once and answers the new settings. */
export function changeDisplaySetting(
  current: DisplaySettings,
  name: DisplaySetting,
  on: boolean,
  storage: Storage | undefined = defaultStorage(),
  root?: Pick<Element, 'classList'>,
): DisplaySettings {
  const next = { ...current, [name]: on };
  try {
    storage?.setItem(displayStorageKey, JSON.stringify(next));
  } catch {
    // Private mode or storage full: the choice lasts for this visit only.
  }
  applyDisplaySettings(next, root ?? globalThis.document?.documentElement);
  return next;
}
