import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { councils } from '@hopso/db/schema/index';
import { doneYearToDate, kpiExportFormats, kpiMonth, kpiQuery, kpiReportRows, kpiTotal, monthPattern, monthsBetween, type KpiExportFormat, type KpiReport } from '@hopso/shared/kpi';
import { AppError } from '../http/errors.ts';
import { attachment } from '../http/download.ts';
import { idParam, readQuery, type AppContext, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { contentTypes, toCsv, toXlsx } from '../exports/formats.ts';
import type { Table } from '../exports/tables.ts';
import { kpiCounts } from './service.ts';

// /api/councils/:councilId/kpi… — the Resolution 57 dashboard (kpi.read: the secretariat and the chair) and
// its one-click monthly report as XLSX or CSV, in the layout of a higher-level report (indicators as rows).

async function report(c: AppContext, councilId: string, months: string[]): Promise<KpiReport> {
  const { db } = c.var.deps;
  const [council] = await db.select({ name: councils.name }).from(councils).where(eq(councils.id, councilId));
  const { counts, supervisionDoneOn } = await kpiCounts(db, councilId, months);
  return {
    ok: true, councilId, councilName: council!.name, months: counts.map(kpiMonth), total: kpiTotal(counts, `${months[0]}…${months.at(-1)}`),
    supervisionDoneYearToDate: Object.fromEntries(months.map((m) => [m, doneYearToDate(supervisionDoneOn, m)])),
  };
}

/** The month's report as a table: council and month in the title, then one row per indicator. */
function reportTable(r: KpiReport, month: string): Pick<Table, 'title' | 'columns' | 'rows'> {
  const [year, mm] = month.split('-');
  return {
    title: `Chỉ tiêu chuyển đổi số ${mm}-${year}`,
    columns: [
      { header: 'STT', width: 6 }, { header: `Chỉ tiêu – ${r.councilName} – tháng ${mm}/${year}`, width: 48 }, { header: 'Kết quả', width: 14 },
      { header: 'Đạt', width: 8 }, { header: 'Tổng số', width: 9 }, { header: 'Cách tính', width: 60 },
    ],
    rows: kpiReportRows(r.months[0]!, r.supervisionDoneYearToDate[month] ?? 0),
  };
}

export const kpiRoutes = new Hono<AppEnv>()
  .get('/:councilId/kpi', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'kpi.read', councilId);
    const { from, to } = readQuery(c, kpiQuery);
    return c.json(await report(c, councilId, monthsBetween(from, to)));
  })
  .get('/:councilId/kpi/:file', async (c) => {
    const councilId = idParam(c, 'councilId');
    const [month, format] = c.req.param('file').split('.') as [string, KpiExportFormat];
    if (!monthPattern.test(month) || !kpiExportFormats.includes(format)) throw new AppError('not_found');
    await authorizeCouncil(c, 'kpi.read', councilId);
    const table = reportTable(await report(c, councilId, [month]), month);
    const bytes = format === 'csv' ? toCsv(table) : await toXlsx(table);
    c.header('content-type', contentTypes[format]);
    c.header('content-disposition', attachment(`chi-tieu-chuyen-doi-so-${month}.${format}`));
    c.header('cache-control', 'private, no-store');
    return c.body(new Uint8Array(bytes));
  });
