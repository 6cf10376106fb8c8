import type { KpiExportFormat, KpiReport } from '@hopso/shared/kpi';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** GET /api/councils/:councilId/kpi?from=&to= and the monthly report's download link. */
export const kpiEndpoints = {
  report: (councilId: string, from: string, to: string) => api.get<KpiReport>(`/api/councils/${enc(councilId)}/kpi?${new URLSearchParams({ from, to })}`),
  exportUrl: (councilId: string, month: string, format: KpiExportFormat) => `/api/councils/${enc(councilId)}/kpi/${enc(month)}.${format}`,
};
