// `npm run bench -- docs [--runs N]` — first page regardless of size (BENCHMARKS.md "docs").
// A generated 3-page PDF and a 300-page ~60 MB PDF are uploaded by the secretary to the demo regular
// session; then, N times and rotating the order, a delegate opens each in the real viewer route in headless
// Chromium (tablet viewport, fresh context) and we take the time from navigation to the viewer's
// `hopso:first-page` mark and the bytes received for the file before it. Medians are reported; the goals
// are a large/small ratio ≤ 1.2 and ≤ 10 % of the large file fetched before the first paint. A third file,
// 3 pages whose page 1 is the large file's page 1, is measured alongside as a control: it tells what page 1
// itself costs apart from the file's size. The viewer's phase marks say where the time goes.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePdf, writeLargePdf } from '../fixtures/pdf.ts';
import { DEMO, DEMO_PASSWORD, launchBrowser, repoRoot, startServer, type Browser, type Server } from '../e2e/harness.ts';
import { apiLogin, type ApiClient } from './lib/api.ts';
import { measureFirstPaint, type FirstPaint } from './lib/first-paint.ts';
import { intOption, median, type BenchReport } from './lib/report.ts';

const regularSessionTitle = 'Kỳ họp thường lệ cuối năm';

/**
 * `small` and `large` are the pair. `small-image` is a control: 3 pages made like the large file's
 * (its page 1 is byte for byte the large file's page 1, a 196 KB image under the heading), so that
 * large / small-image isolates the file's size from what page 1 holds.
 */
interface Uploaded { label: 'small' | 'small-image' | 'large'; documentId: string; bytes: number; pages: number }

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
  const title = { small: 'Bench: tài liệu 3 trang', 'small-image': 'Bench: 3 trang như báo cáo lớn', large: 'Bench: báo cáo 300 trang (60 MB)' }[label];
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
    // Same generator, seed and page size as the large file, 3 pages: the same 256×259 image on page 1.
    const smallImage = await writeLargePdf(join(dir, 'small-image.pdf'), { pages: 3, targetBytes: 600_000 });
    console.log(`generated ${smallFile}, ${smallImage.path} (${(smallImage.bytes / 1e3).toFixed(0)} KB) and ${large.path} (${(large.bytes / 1e6).toFixed(1)} MB)`);

    [server, browser] = await Promise.all([startServer({ name: 'bench-docs', timeoutMs: 180_000 }), launchBrowser()]);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { db?: string };
    const secretary = await apiLogin(server.url, DEMO.secretary, DEMO_PASSWORD);
    const { meetings } = await secretary.get<{ meetings: { id: string; title: string }[] }>('/api/meetings');
    const meeting = meetings.find((m) => m.title.startsWith(regularSessionTitle));
    if (!meeting) throw new Error(`no meeting titled "${regularSessionTitle}…" among ${meetings.length} (is the demo seed loaded?)`);

    const small = await upload(secretary, meeting.id, 'small', smallFile, 3);
    const control = await upload(secretary, meeting.id, 'small-image', smallImage.path, 3);
    const big = await upload(secretary, meeting.id, 'large', large.path, 300);
    const docs = [small, control, big];

    // One unmeasured look at each warms the server (pdf.js worker script, database caches), not the browser.
    for (const doc of docs) await measureFirstPaint(browser, server.url, meeting.id, doc.documentId);

    const samples: (FirstPaint & { file: Uploaded['label']; run: number })[] = [];
    for (let run = 1; run <= runs; run++) {
      // Rotate which file goes first so drift on a shared machine hits all alike.
      for (const doc of [...docs.slice(run % 3), ...docs.slice(0, run % 3)]) {
        const m = await measureFirstPaint(browser, server.url, meeting.id, doc.documentId);
        samples.push({ file: doc.label, run, ...m });
        const phases = Object.entries(m.phases).map(([name, ms]) => `${name} ${Math.round(ms)}`).join(', ');
        console.log(`run ${run} ${doc.label.padEnd(11)} first page ${Math.round(m.firstPageMs)} ms (${phases}), ${(m.bytesBeforePaint / 1e3).toFixed(0)} KB in ${m.fileRequests} request(s) [${m.statuses.join(',')}]`);
      }
    }
    const of = (label: Uploaded['label']) => samples.filter((s) => s.file === label);
    const msSmall = median(of('small').map((s) => s.firstPageMs));
    const msLarge = median(of('large').map((s) => s.firstPageMs));
    const msControl = median(of('small-image').map((s) => s.firstPageMs));
    /** Large over `label` within each run (both measured minutes apart at most), then the median. */
    const pairedRatio = (label: Uploaded['label']) => median(of('large').map((l) => l.firstPageMs / of(label).find((s) => s.run === l.run)!.firstPageMs));
    const bytesLarge = median(of('large').map((s) => s.bytesBeforePaint));
    const ratio = msLarge / msSmall;
    const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
    /** Median time of each opening phase (where the large file's extra time goes). */
    const phases = (label: Uploaded['label']) => {
      const names = [...new Set(of(label).flatMap((s) => Object.keys(s.phases)))];
      return Object.fromEntries(names.map((n) => [n, round(median(of(label).map((s) => s.phases[n] ?? NaN).filter((v) => !Number.isNaN(v))))]));
    };
    return {
      result: {
        first_page_ms_small: round(msSmall),
        first_page_ms_large: round(msLarge),
        ratio_large_small: round(ratio, 3),
        ratio_large_small_paired: round(pairedRatio('small'), 3),
        first_page_ms_small_image: round(msControl),
        ratio_large_small_image: round(msLarge / msControl, 3),
        ratio_large_small_image_paired: round(pairedRatio('small-image'), 3),
        file_bytes_small_image: control.bytes,
        bytes_before_first_paint_large: Math.round(bytesLarge),
        file_bytes_large: big.bytes,
        runs,
        bytes_before_first_paint_small: Math.round(median(of('small').map((s) => s.bytesBeforePaint))),
        file_bytes_small: small.bytes,
        phases_ms_small: phases('small'),
        phases_ms_small_image: phases('small-image'),
        phases_ms_large: phases('large'),
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
        `first page (median of ${runs}): small ${round(msSmall)} ms, large ${round(msLarge)} ms, ratio ${round(ratio, 2)} (median of per-run ratios ${round(pairedRatio('small'), 2)})`,
        `control, 3 pages with the large file's page 1: ${round(msControl)} ms; large / control ${round(msLarge / msControl, 2)} (per-run ${round(pairedRatio('small-image'), 2)})`,
        `phases (median ms from navigation): small ${JSON.stringify(phases('small'))}, small-image ${JSON.stringify(phases('small-image'))}, large ${JSON.stringify(phases('large'))}`,
        `bytes before first paint (large): ${(bytesLarge / 1e6).toFixed(2)} MB of ${(big.bytes / 1e6).toFixed(1)} MB (${round((100 * bytesLarge) / big.bytes, 1)} %)`,
      ],
    };
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
