import { describe, expect, it } from 'vitest';
import vi from '../i18n/vi.json';
import en from '../i18n/en.json';
import guidanceVi from '../guidance/vi.json';
import guidanceEn from '../guidance/en.json';
import supervisionVi from '../supervision/vi.json';
import supervisionEn from '../supervision/en.json';
import kpiVi from '../kpi/vi.json';
import kpiEn from '../kpi/en.json';
import petitionsVi from '../petitions/vi.json';
import petitionsEn from '../petitions/en.json';
import { handbook, handbookParts } from './content.ts';
import { handbookRoleOf, handbookRoles } from './roles.ts';

// The handbook cannot drift from the screens: every role has a page in both languages, and every button or
// section it names is a catalogue key that exists in both languages (drawn with the label the UI shows).

const catalogue = {
  vi: { ...vi, ...guidanceVi, ...supervisionVi, ...kpiVi, ...petitionsVi } as Record<string, string>,
  en: { ...en, ...guidanceEn, ...supervisionEn, ...kpiEn, ...petitionsEn } as Record<string, string>,
};
const labelsOf = (text: string) => handbookParts(text).flatMap((p) => ('label' in p ? [p.label] : []));

describe('the handbook', () => {
  it.each(handbookRoles)('has a %s page in Vietnamese and in English', (role) => {
    for (const lang of ['vi', 'en'] as const) {
      const page = handbook[lang][role];
      expect(page.title.trim(), `${lang} ${role}`).not.toBe('');
      expect(page.sections.length).toBeGreaterThan(0);
      for (const s of page.sections) expect(s.steps.length, `${lang} ${role} ${s.heading}`).toBeGreaterThan(0);
    }
    // The two languages tell the same steps: same sections, steps and quoted buttons.
    const shape = (lang: 'vi' | 'en') => handbook[lang][role].sections.map((s) => s.steps.map(labelsOf));
    expect(shape('en')).toEqual(shape('vi'));
  });

  it('quotes only labels that exist in both catalogues', () => {
    const quoted = new Set<string>();
    for (const lang of ['vi', 'en'] as const) {
      for (const page of Object.values(handbook[lang])) for (const s of page.sections) for (const step of s.steps) for (const key of labelsOf(step)) quoted.add(key);
    }
    expect(quoted.size).toBeGreaterThan(20);
    for (const key of quoted) {
      expect(catalogue.vi, key).toHaveProperty([key]);
      expect(catalogue.en, key).toHaveProperty([key]);
    }
  });

  it('never types a label by hand: no quotation marks outside the {{key}} placeholders', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const [role, page] of Object.entries(handbook[lang])) {
        for (const step of page.sections.flatMap((s) => s.steps)) {
          const plain = handbookParts(step).flatMap((p) => ('text' in p ? [p.text] : [])).join('');
          expect(plain, `${lang} ${role}: ${step}`).not.toMatch(/[«»“”"]/);
        }
      }
    }
  });

  it('cuts a step into text and labels in order', () => {
    expect(handbookParts('Chạm {{live.checkIn.button}} rồi {{live.ballot.confirm}}.')).toEqual([
      { text: 'Chạm ' }, { label: 'live.checkIn.button' }, { text: ' rồi ' }, { label: 'live.ballot.confirm' }, { text: '.' },
    ]);
  });
});

describe('handbookRoleOf', () => {
  const member = (role: string) => ({ councilId: '0', councilName: 'HĐND', role });
  it.each([
    [null, 'delegate'],
    [{ isSystemAdmin: true, memberships: [] }, 'admin'],
    [{ isSystemAdmin: false, memberships: [member('delegate'), member('chair')] }, 'chair'],
    [{ isSystemAdmin: false, memberships: [member('guest')] }, 'guest'],
    [{ isSystemAdmin: false, memberships: [member('clerk'), member('delegate')] }, 'clerk'],
    [{ isSystemAdmin: false, memberships: [] }, 'delegate'],
  ])('opens %j on the %s page', (user, role) => {
    expect(handbookRoleOf(user as Parameters<typeof handbookRoleOf>[0])).toBe(role);
  });
});
