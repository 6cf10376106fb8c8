import type { AuditEntryView, AuditListQuery, AuditVerification } from '@hopso/shared/audit';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** The council's audit log (docs/api.md "Audit log"): filtered entries, newest first, and the chain check. */
export const auditEndpoints = {
  list: (councilId: string, query: Partial<Record<keyof AuditListQuery, string>>) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
    return api.get<{ ok: true; entries: AuditEntryView[] }>(`/api/councils/${enc(councilId)}/audit?${params}`);
  },
  verify: (councilId: string) => api.get<{ ok: true; result: AuditVerification }>(`/api/councils/${enc(councilId)}/audit/verify`),
};
