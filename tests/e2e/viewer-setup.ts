// What the viewer's e2e files share: the demo regular session, an internal PDF uploaded by the clerk, and a
// delegate signed in on a fresh tablet watched by the CSP/offline guard.
import { expect } from 'vitest';
import type { MeetingDocument } from '@hopso/shared/document';
import type { ApiClient } from '../bench/lib/api.ts';
import { DEMO, DEMO_PASSWORD, guard, login, newTabletPage, type Browser, type Page } from './harness.ts';

/** The demo regular session, found by its title. */
export async function regularSessionId(clerk: ApiClient): Promise<string> {
  const { meetings } = await clerk.get<{ meetings: { id: string; title: string }[] }>('/api/meetings');
  return meetings.find((m) => /^Kỳ họp thường lệ cuối năm/.test(m.title))!.id;
}

/** Uploads `file` as an internal document titled `title`. */
export async function uploadInternal(clerk: ApiClient, meetingId: string, title: string, file: string): Promise<MeetingDocument> {
  const query = new URLSearchParams({ title, confidentiality: 'internal', filename: `${title}.pdf` });
  const res = await clerk.upload<{ document: MeetingDocument }>(`/api/meetings/${meetingId}/documents?${query}`, file, 'application/pdf');
  expect(res.status).toBe(201);
  return res.body.document;
}

/** Signs delegate 1 in on a fresh tablet (portrait unless asked), watched by the CSP/offline guard. */
export async function delegateTablet(browser: Browser, url: string, opts: { orientation?: 'portrait' | 'landscape' } = {}) {
  const page = await newTabletPage(browser, url, opts);
  const g = await guard(page);
  await login(page, DEMO.delegate(1), DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return { page, g };
}

/** Resolves once page `n` of the open document is painted in the viewer. */
export const drawn = (page: Page, n: number) => page.locator(`[data-page="${n}"]`).locator('canvas').waitFor({ timeout: 30_000 });
