import type { Locale } from '@hopso/shared/auth';
import type { HandbookRole } from './roles.ts';
import { handbookVi } from './content.vi.ts';
import { handbookEn } from './content.en.ts';

/**
 * One handbook page: sections of numbered steps. A button or link the text names is written `{{i18n.key}}`
 * and drawn with the label the screen shows, so the handbook cannot drift from the UI (help.test.ts checks
 * every key exists in both catalogues).
 */
export interface HandbookPage {
  title: string;
  intro: string;
  sections: { heading: string; steps: string[] }[];
}

export const handbook: Record<Locale, Record<HandbookRole, HandbookPage>> = { vi: handbookVi, en: handbookEn };

/** A step's text cut into plain text and quoted labels (by catalogue key), in order. */
export function handbookParts(text: string): ({ text: string } | { label: string })[] {
  return text.split(/(\{\{[\w.]+\}\})/).filter(Boolean).map((part) => {
    const m = /^\{\{([\w.]+)\}\}$/.exec(part);
    return m ? { label: m[1]! } : { text: part };
  });
}
