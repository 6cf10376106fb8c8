// `npm run bench -- docs [--runs N]` — first page regardless of size (BENCHMARKS.md "docs").
// A generated 3-page PDF and a 300-page ~60 MB PDF are uploaded by the secretary to the demo regular
// session; then, N times and alternating the two files, a delegate opens each in the real viewer route in
// headless Chromium (tablet viewport, fresh context) and we take the time from navigation to the viewer's
// `hopso:first-page` mark and the bytes received for the file before it. Medians are reported; the goals
// are a large/small ratio ≤ 1.2 and ≤ 10 % of the large file fetched before the first paint.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePdf, writeLargePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, launchBrowser, repoRoot, startServer, type Browser, type Server } from '../e2e/harness.ts';
import { apiLogin, type ApiClient } from './lib/api.ts';
import { measureFirstPaint, type FirstPaint } from './lib/first-paint.ts';
import { intOption, median, type BenchReport } from './lib/report.ts';

const regularSessionTitle = 'Kỳ họp thường lệ cuối năm';

interface Uploaded { label: 'small' | 'large'; documentId: string; bytes: number; pages: number }

/** Says plainly which part of the documents feature is missing, instead of a timeout deep in the run. */
function preflight(): void {
  if (!existsSync(join(repoRoot, 'apps/web/build/handler.js'))) throw new Error('apps/web/build is missing: run `npm run build` first (the server serves the web build)');
  const viewerSource = join(repoRoot, 'apps/web/src/routes/meetings/[id]/documents');
  if (!existsSync(viewerSource)) {
    throw new Error(`the viewer route is not written yet: ${viewerSource} does not exist (this benchmark opens /meetings/<id>/documents/<documentId>)`);
  }
  const built = statSync(join(repoRoot, 'apps/web/build/handler.js')).mtimeMs;
  if (statSync(viewerSource).mtimeMs > built) console.warn('warning: the viewer sources look newer than apps/web/build — run `npm run build` if the viewer changed');
}

async function upload(api: ApiClient, meetingId: string, label: Uploaded['label'], file: string, pages: number): Promise<Uploaded> {
  const title = label === 'small' ? 'Bench: tài liệu 3 trang' : 'Bench: báo cáo 300 trang (60 MB)';
  const path = `/api/meetings/${meetingId}/documents?title=${encodeURIComponent(title)}&confidentiality=internal&filename=${label}.pdf`;
  const started = performance.now();
  const res = await api.upload<{ ok?: boolean; code?: string; document?: { id: string; current: { pageCount: number; bytes: number } | null } }>(path, file, 'application/pdf');
  if (res.status === 404 && res.body.code !== 'not_found') {
    throw new Error(`POST /api/meetings/:id/documents answered 404 without an API error body: the upload route is not mounted`);
  }
  if (res.status !== 201 || !res.body.document) throw new Error(`uploading the ${label} PDF answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  const doc = res.body.document;
  if (doc.current?.pageCount !== pages) throw new Error(`the server counted ${doc.current?.pageCount} pages in the ${label} PDF, expected ${pages}`);
  const bytes = statSync(file).size;
  console.log(`uploaded ${label}: ${(bytes / 1e6).toFixed(1)} MB, ${pages} pages in ${Math.round(performance.now() - started)} ms → ${doc.id}`);
  return { label, documentId: doc.id, bytes, pages };
}

export default async function docs(args: string[]): Promise<BenchReport> {
  const runs = intOption(args, 'runs', 5);
  preflight();
  const dir = mkdtempSync(join(tmpdir(), 'hopso-bench-docs-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    const smallFile = join(dir, 'small.pdf');
    writeFileSync(smallFile, await makePdf({ pages: 3, title: 'Tài liệu kỳ họp' }));
    const large = await writeLargePdf(join(dir, 'large.pdf'));
    console.log(`generated ${smallFile} and ${large.path} (${(large.bytes / 1e6).toFixed(1)} MB)`);

    [server, browser] = await Promise.all([startServer({ name: 'bench-docs' }), launchBrowser()]);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { db?: string };
    const secretary = await apiLogin(server.url, DEMO.secretary, DEMO_PASSWORD);
    const { meetings } = await secretary.get<{ meetings: { id: string; title: string }[] }>('/api/meetings');
    const meeting = meetings.find((m) => m.title.startsWith(regularSessionTitle));
    if (!meeting) throw new Error(`no meeting titled "${regularSessionTitle}…" among ${meetings.length} (is the demo seed loaded?)`);

    const small = await upload(secretary, meeting.id, 'small', smallFile, 3);
    const big = await upload(secretary, meeting.id, 'large', large.path, 300);

    // One unmeasured look at each warms the server (pdf.js worker script, database caches), not the browser.
    for (const doc of [small, big]) await measureFirstPaint(browser, server.url, meeting.id, doc.documentId);

    const samples: (FirstPaint & { file: Uploaded['label']; run: number })[] = [];
    for (let run = 1; run <= runs; run++) {
      // Alternate which file goes first so drift on a shared machine hits both alike.
      for (const doc of run % 2 ? [small, big] : [big, small]) {
        const m = await measureFirstPaint(browser, server.url, meeting.id, doc.documentId);
        samples.push({ file: doc.label, run, ...m });
        console.log(`run ${run} ${doc.label.padEnd(5)} first page ${Math.round(m.firstPageMs)} ms, ${(m.bytesBeforePaint / 1e3).toFixed(0)} KB in ${m.fileRequests} request(s) [${m.statuses.join(',')}]`);
      }
    }
    const of = (label: Uploaded['label']) => samples.filter((s) => s.file === label);
    const msSmall = median(of('small').map((s) => s.firstPageMs));
    const msLarge = median(of('large').map((s) => s.firstPageMs));
    const bytesLarge = median(of('large').map((s) => s.bytesBeforePaint));
    const ratio = msLarge / msSmall;
    const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
    return {
      result: {
        first_page_ms_small: round(msSmall),
        first_page_ms_large: round(msLarge),
        ratio_large_small: round(ratio, 3),
        bytes_before_first_paint_large: Math.round(bytesLarge),
        file_bytes_large: big.bytes,
        runs,
        bytes_before_first_paint_small: Math.round(median(of('small').map((s) => s.bytesBeforePaint))),
        file_bytes_small: small.bytes,
        share_before_first_paint_large: round(bytesLarge / big.bytes, 4),
        db: health.db ?? 'unknown',
        viewport: '820x1180',
        samples: samples.map((s) => ({ ...s, firstPageMs: round(s.firstPageMs, 1) })),
      },
      goals: [
        { name: 'ratio_large_small ≤ 1.2', value: round(ratio, 3), limit: 1.2, kind: 'max' },
        { name: 'bytes_before_first_paint_large ≤ 10% of file_bytes_large', value: Math.round(bytesLarge), limit: Math.floor(big.bytes * 0.1), kind: 'max' },
      ],
      summary: [
        `first page (median of ${runs}): small ${round(msSmall)} ms, large ${round(msLarge)} ms, ratio ${round(ratio, 2)}`,
        `bytes before first paint (large): ${(bytesLarge / 1e6).toFixed(2)} MB of ${(big.bytes / 1e6).toFixed(1)} MB (${round((100 * bytesLarge) / big.bytes, 1)} %)`,
      ],
    };
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
