// One cold look at a document in the viewer: a fresh browser context (no cached PDF bytes), a delegate signed
// in, then navigation to the viewer route, timed until the viewer's `performance.mark('hopso:first-page')`.
// Bytes are counted from the DevTools protocol, so aborted requests (pdf.js cancels its first full GET once
// it knows ranges work) count for what they received before they were cancelled.
import type { Browser, CDPSession } from 'playwright-core';
import { DEMO, DEMO_PASSWORD, guard, login, newTabletPage, screenshot } from '../../e2e/harness.ts';

export const firstPageMark = 'hopso:first-page';

export interface FirstPaint {
  /** Navigation start → first page drawn (the mark's startTime). */
  firstPageMs: number;
  /** Bytes received (headers and body, as on the wire) for the document's file URL before the mark. */
  bytesBeforePaint: number;
  /** Requests to the file URL started before the mark, and their HTTP statuses. */
  fileRequests: number;
  statuses: number[];
  /** Navigation start → each phase of opening the viewer marks (`hopso:open-meta`, `-opened`, `-page1`). */
  phases: Record<string, number>;
}

interface Received { requestId: string; timestamp: number; bytes: number }

/** Collects per-request network events for URLs containing `urlPart`. */
function watchNetwork(cdp: CDPSession, urlPart: string, viewerPath: string) {
  const requests = new Map<string, { started: number; status?: number; finished?: { timestamp: number; bytes: number } }>();
  const received: Received[] = [];
  let navigationSent: number | undefined;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document' && navigationSent === undefined && new URL(e.request.url).pathname === viewerPath) navigationSent = e.timestamp;
    if (e.request.url.includes(urlPart)) requests.set(e.requestId, { started: e.timestamp });
  });
  cdp.on('Network.responseReceived', (e) => { const r = requests.get(e.requestId); if (r) r.status = e.response.status; });
  cdp.on('Network.dataReceived', (e) => {
    if (requests.has(e.requestId)) received.push({ requestId: e.requestId, timestamp: e.timestamp, bytes: e.encodedDataLength || e.dataLength });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.finished = { timestamp: e.timestamp, bytes: e.encodedDataLength };
  });
  return {
    navigationSent: () => navigationSent,
    /** Bytes and requests up to monotonic time `until` (seconds, the protocol's clock). */
    until(until: number) {
      let bytes = 0;
      const statuses: number[] = [];
      let count = 0;
      for (const [id, r] of requests) {
        if (r.started > until) continue;
        count++;
        if (r.status !== undefined) statuses.push(r.status);
        // A request finished before the mark: its total on the wire. Otherwise: the chunks that had arrived.
        if (r.finished && r.finished.timestamp <= until && r.finished.bytes > 0) bytes += r.finished.bytes;
        else bytes += received.filter((d) => d.requestId === id && d.timestamp <= until).reduce((n, d) => n + d.bytes, 0);
      }
      return { bytes, count, statuses };
    },
  };
}

/**
 * Opens `/meetings/<meetingId>/documents/<documentId>` as a signed-in delegate in a new context and waits
 * for the first-page mark. Throws with what was seen (CSP violations, page text, screenshot) if it never comes.
 */
export async function measureFirstPaint(browser: Browser, serverUrl: string, meetingId: string, documentId: string, timeoutMs = 60_000): Promise<FirstPaint> {
  const page = await newTabletPage(browser, serverUrl);
  const context = page.context();
  try {
    const g = await guard(page);
    await login(page, DEMO.delegate(1), DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const viewerPath = `/meetings/${meetingId}/documents/${documentId}`;
    const net = watchNetwork(cdp, `/api/documents/${documentId}/file`, viewerPath);

    await page.goto(viewerPath, { waitUntil: 'commit' });
    try {
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, firstPageMark, { timeout: timeoutMs, polling: 20 });
    } catch {
      const shot = await screenshot(page, `bench-docs-no-first-page-${documentId}`).catch(() => '(no screenshot)');
      const text = ((await page.locator('body').innerText().catch(() => '')) || '').replace(/\s+/g, ' ').slice(0, 300);
      const csp = g.cspViolations.length ? `; CSP violations: ${g.cspViolations.slice(0, 3).join(' | ')}` : '';
      throw new Error(`the viewer at ${viewerPath} did not mark '${firstPageMark}' within ${timeoutMs / 1000} s (page says: "${text}"${csp}; screenshot ${shot})`);
    }
    const { firstPageMs, phases } = await page.evaluate((mark) => ({
      firstPageMs: performance.getEntriesByName(mark)[0]!.startTime,
      phases: Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('hopso:open-')).map((m) => [m.name.slice('hopso:open-'.length), m.startTime])),
    }), firstPageMark);
    // Protocol events can trail the page by a few ms; let the ones from before the mark arrive.
    await page.waitForTimeout(300);
    const sent = net.navigationSent();
    if (sent === undefined) throw new Error(`no navigation request to ${viewerPath} was seen on the DevTools protocol`);
    // navigationSent is a little after the page's time origin, so this slightly over-counts, never under.
    const seen = net.until(sent + firstPageMs / 1000);
    await cdp.detach();
    return { firstPageMs, bytesBeforePaint: seen.bytes, fileRequests: seen.count, statuses: seen.statuses, phases };
  } finally {
    await context.close();
  }
}
