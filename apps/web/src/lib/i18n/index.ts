import { addMessages, init, locale } from 'svelte-i18n';
import { get } from 'svelte/store';
import type { Locale } from '@hopso/shared/auth';
import vi from './vi.json';
import en from './en.json';
import supervisionVi from '../supervision/vi.json';
import supervisionEn from '../supervision/en.json';
import kpiVi from '../kpi/vi.json';
import kpiEn from '../kpi/en.json';
import petitionsVi from '../petitions/vi.json';
import petitionsEn from '../petitions/en.json';
import guidanceVi from '../guidance/vi.json';
import guidanceEn from '../guidance/en.json';
import a11yVi from '../a11y/vi.json';
import a11yEn from '../a11y/en.json';
import invitationsVi from '../invitations/vi.json';
import invitationsEn from '../invitations/en.json';
import commentsVi from '../comments/vi.json';
import commentsEn from '../comments/en.json';
import consultationsVi from '../consultations/vi.json';
import consultationsEn from '../consultations/en.json';
import sitesVi from '../sites/vi.json';
import sitesEn from '../sites/en.json';
import seatingVi from '../seating/vi.json';
import seatingEn from '../seating/en.json';
import notificationsVi from '../notifications/vi.json';
import notificationsEn from '../notifications/en.json';

/** Where the chosen language is remembered between visits (per device, like the tablet it runs on). */
export const localeStorageKey = 'hopso.locale';

/** Vietnamese first: anything that is not exactly 'en' means Vietnamese. */
export function normalizeLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'vi';
}

function storedLocale(): Locale {
  try {
    return normalizeLocale(globalThis.localStorage?.getItem(localeStorageKey));
  } catch {
    return 'vi';
  }
}

let started = false;

/** Registers both dictionaries synchronously (they are small) and starts in the remembered language. */
export function setupI18n(): void {
  if (started) return;
  started = true;
  // Features with their own catalogue beside their code (lib/<feature>/{vi,en}.json) join the main one here.
  addMessages('vi', vi, supervisionVi, kpiVi, petitionsVi, guidanceVi, a11yVi, commentsVi, invitationsVi, seatingVi, sitesVi, consultationsVi, notificationsVi);
  addMessages('en', en, supervisionEn, kpiEn, petitionsEn, guidanceEn, a11yEn, commentsEn, invitationsEn, seatingEn, sitesEn, consultationsEn, notificationsEn);
  const initial = storedLocale();
  init({ fallbackLocale: 'vi', initialLocale: initial });
  syncDocumentLang(initial);
}

/** The current UI language, read outside components (API error messages, date formatting helpers). */
export function currentLocale(): Locale {
  return normalizeLocale(get(locale));
}

/** Switches the UI language, remembers it and keeps `<html lang>` right for screen readers and fonts. */
export function setLocale(next: Locale): void {
  void locale.set(next);
  try {
    globalThis.localStorage?.setItem(localeStorageKey, next);
  } catch {
    // Private mode or storage disabled: the choice just lasts for this visit.
  }
  syncDocumentLang(next);
}

function syncDocumentLang(l: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}
