import { describe, expect, it } from 'vitest';
import { followUpStatuses, publishBlockers, supervisionDocumentKinds, supervisionStatuses, delegationRoles } from '@hopso/shared/supervision';
import supervisionVi from './vi.json';
import supervisionEn from './en.json';
import kpiVi from '../kpi/vi.json';
import kpiEn from '../kpi/en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([['supervision', supervisionVi, supervisionEn], ['kpi', kpiVi, kpiEn]] as const)('the %s catalogues', (_name, vi, en) => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });
});

describe('supervision labels', () => {
  it('name every status, role, document kind, follow-up status and publish blocker', () => {
    const keys = [
      ...supervisionStatuses.map((s) => `supervision.st.${s}`), ...delegationRoles.map((r) => `supervision.role.${r}`),
      ...supervisionDocumentKinds.map((k) => `supervision.kind.${k}`), ...followUpStatuses.map((f) => `supervision.follow.${f}`),
      ...publishBlockers({ status: 'planned', findings: '', publishedAt: '2026-01-01' }).map((b) => `supervision.blocker.${b}`),
    ];
    for (const key of keys) expect(supervisionVi, key).toHaveProperty([key]);
  });
});
