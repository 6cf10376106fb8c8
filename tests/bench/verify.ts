// `npm run bench -- verify [--runs N]` — signature verification (BENCHMARKS.md "verify"). A 100-page draft
// resolution is signed by the test chair (visible NĐ30 block, embedded font); then, N times and alternating,
// our verifier (the library call verifyPdf, with the full checklist: ByteRange, digest, signature, chain,
// key usage, validity, later revisions) and `openssl cms -verify -binary -inform DER -content <ByteRange bytes>`
// on the same CMS and bytes (a process per run, as a verifier on the command line is used). Medians and their
// ratio are reported; the goal is ours ≤ 1.5 × openssl.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { toPem } from '@hopso/signature/pki';
import { chairAppearance, draftResolution, signAs, testPki } from '@hopso/signature/testing';
import { verifyPdf } from '@hopso/signature/verify';
import { signedParts } from '../interop/pdf-parts.ts';
import { intOption, median, type BenchReport } from './lib/report.ts';

const exec = promisify(execFile);
const PAGES = 100;
const WARM_UP = 10;

/** CPU time of finished child processes so far (Linux /proc, clock ticks of 10 ms), in ms; null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime (fields 16 and 17 of stat)
  } catch {
    return null;
  }
}

export default async function verify(args: string[]): Promise<BenchReport> {
  const runs = intOption(args, 'runs', 30);
  const dir = mkdtempSync(join(tmpdir(), 'hopso-bench-verify-'));
  try {
    const pki = await testPki();
    const pdf = await signAs(pki, pki.chair, await draftResolution({ pages: PAGES }), { appearance: chairAppearance });
    const [part] = signedParts(pdf);
    if (!part) throw new Error('the signed file has no signature');
    const files = { cms: join(dir, 'sig.der'), content: join(dir, 'content.bin'), root: join(dir, 'root.pem') };
    writeFileSync(files.cms, part.cms);
    writeFileSync(files.content, part.content);
    writeFileSync(files.root, toPem(pki.root.certificate));
    const opensslArgs = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', files.cms, '-content', files.content, '-CAfile', files.root, '-purpose', 'any', '-out', '/dev/null'];
    console.log(`signed ${PAGES}-page resolution: ${(pdf.length / 1e6).toFixed(2)} MB, CMS ${part.cms.length} B; ${runs} runs each`);

    const ours = async (): Promise<number> => {
      const started = performance.now();
      const report = await verifyPdf(pdf, { trustAnchors: pki.anchors });
      const ms = performance.now() - started;
      if (!report.ok) throw new Error(`our verifier rejected the benchmark file: ${JSON.stringify(report.signatures.map((s) => s.problems))}`);
      return ms;
    };
    const openssl = async (): Promise<number> => {
      const started = performance.now();
      const { stderr } = await exec('openssl', opensslArgs);
      const ms = performance.now() - started;
      if (!stderr.includes('Verification successful')) throw new Error(`openssl did not verify the benchmark CMS: ${stderr}`);
      return ms;
    };
    // Warm-up (JIT, file cache) is not measured: the server verifies in a long-running process, and the first
    // few calls of verifyPdf cost twice a warm one in compilation alone.
    for (let i = 0; i < WARM_UP; i++) { await ours(); await openssl(); }
    const oursMs: number[] = [];
    const opensslMs: number[] = [];
    // CPU time as well as wall time: on a shared machine the wall times carry everyone else's load, CPU time
    // much less. Ours per run (process.cpuUsage: WebCrypto and GC threads included); openssl's from the
    // children's total in /proc (10 ms ticks), so only as a mean.
    const oursCpu: number[] = [];
    const childCpuBefore = childrenCpuMs();
    const oursTimed = async (): Promise<number> => {
      const cpu = process.cpuUsage();
      const ms = await ours();
      const used = process.cpuUsage(cpu);
      oursCpu.push((used.user + used.system) / 1000);
      return ms;
    };
    for (let i = 0; i < runs; i++) {
      // Alternate the order so neither side always runs right after the other's garbage or cache effects.
      if (i % 2) { oursMs.push(await oursTimed()); opensslMs.push(await openssl()); }
      else { opensslMs.push(await openssl()); oursMs.push(await oursTimed()); }
    }
    const childCpuAfter = childrenCpuMs();
    const opensslCpu = childCpuBefore === null || childCpuAfter === null ? null : (childCpuAfter - childCpuBefore) / runs;
    const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
    const oursCpuMean = oursCpu.reduce((a, b) => a + b, 0) / runs;
    const result = {
      ours_ms: round(median(oursMs)),
      openssl_ms: round(median(opensslMs)),
      ratio: round(median(oursMs) / median(opensslMs), 2),
      // Means on both sides (openssl's CPU is only known as a total).
      ours_cpu_ms: round(oursCpuMean),
      ours_cpu_median_ms: round(median(oursCpu)),
      openssl_cpu_ms: opensslCpu === null ? null : round(opensslCpu),
      cpu_ratio: opensslCpu === null ? null : round(oursCpuMean / opensslCpu, 2),
      runs, warm_up: WARM_UP, pages: PAGES, bytes: pdf.length,
    };
    return {
      result,
      // The goal is on wall time; the CPU ratio is what a quiet machine's wall ratio tends to.
      goals: [
        { name: 'ratio ours/openssl ≤ 1.5', value: result.ratio, limit: 1.5, kind: 'max' },
        ...(result.cpu_ratio === null ? [] : [{ name: 'CPU ratio ours/openssl ≤ 1.5', value: result.cpu_ratio, limit: 1.5, kind: 'max' as const }]),
      ],
      summary: [
        `verifyPdf median ${result.ours_ms} ms, openssl cms -verify median ${result.openssl_ms} ms, ratio ${result.ratio}`,
        `CPU per run (mean): verifyPdf ${result.ours_cpu_ms} ms (median ${result.ours_cpu_median_ms} ms), openssl process ${result.openssl_cpu_ms ?? '?'} ms (10 ms ticks, averaged), CPU ratio ${result.cpu_ratio ?? '?'}`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
