// The Resolution 57 KPI dashboard (issue 8): a draft adopted by show of hands in the demo regular session
// shows up on the secretary's dashboard as one more adopted resolution not yet signed, in the session's month;
// the monthly report downloads in one click as XLSX and CSV with the same figures. The seeded supervision
// topic counts as done this year. Counts are read before and after, since PostgreSQL runs share one database.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { monthOf, type KpiReport } from '@hopso/shared/kpi';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { adoptByHands, apiAs } from './sitting.ts';

describe('KPI dashboard', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'kpi' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reflects an adopted draft and downloads the month as XLSX and CSV', async () => {
    const secretary = await apiAs(server, DEMO.secretary);
    const { meetings } = await (await secretary('/api/meetings')).json() as { meetings: MeetingSummary[] };
    const session = meetings.find((m) => m.kind === 'regular')!;
    const month = monthOf(session.startsAt);
    const [y, m] = month.split('-');
    const kpi = async () => (await (await secretary(`/api/councils/${session.councilId}/kpi?from=${month}&to=${month}`)).json() as KpiReport).months[0]!;
    const before = await kpi();

    const { item } = await (await secretary(`/api/meetings/${session.id}/agenda`, { method: 'POST', body: { title: 'Nghị quyết về chỉ tiêu chuyển đổi số' } })).json() as { item: { id: string } };
    await adoptByHands(server, session.id, item.id, 'Nghị quyết về chỉ tiêu chuyển đổi số');
    const after = await kpi();
    expect(after.resolutionsAdopted).toBe(before.resolutionsAdopted + 1);
    expect(after.resolutionsSigned).toBe(before.resolutionsSigned);

    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.secretary);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/councils/${session.councilId}`);
    await page.getByRole('link', { name: 'Chỉ tiêu NQ57' }).click();
    await page.getByRole('heading', { name: 'Chỉ tiêu chuyển đổi số theo Nghị quyết 57' }).waitFor();
    await page.getByLabel('Từ tháng').fill(month);
    await page.getByLabel('Đến tháng').fill(month);
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const signedRow = page.getByTestId('kpi-table').getByRole('row', { name: /Nghị quyết ký số/ });
    await expect.poll(() => signedRow.textContent()).toContain(`${after.resolutionsSigned}/${after.resolutionsAdopted}`);
    expect(await page.getByTestId('kpi-table').getByRole('columnheader', { name: `${m}/${y}` }).count()).toBe(1);
    expect(await page.getByTestId('kpi-table').getByRole('row', { name: /Giám sát chuyên đề hoàn thành/ }).textContent()).toMatch(/Lũy kế năm: [1-9]/);
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'kpi-dashboard');

    await page.getByLabel('Tháng báo cáo').fill(month);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`chi-tieu-chuyen-doi-so-${month}.xlsx`);
    const sheet = await readSheet(readFileSync((await xlsx.path())!));
    const signed = sheet.find((r) => r[1] === 'Tỷ lệ nghị quyết được ký số')!;
    expect(signed.slice(3, 5)).toEqual([after.resolutionsSigned, after.resolutionsAdopted]);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải CSV' }).click()]);
    const rows = Papa.parse<string[]>(readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim()).data;
    expect(rows.map((r) => r.join('|'))).toEqual(sheet.map((r) => r.map((v) => (v === null ? '' : String(v))).join('|')));
    g.assertClean();
  });
});
