// `npm run bench -- portal [--runs N] [--resolutions N] [--petitions N]` — the public portal rendered on the
// server (issue 8). A fresh PGlite database in a temp folder (or PostgreSQL with BENCH_DATABASE_URL) gets the
// demo seed plus N published, signed resolutions (default 1,000) spread over a few years, each with its own
// closed poll and a paragraph of text for the search, and M voters' petitions (default 10,000) in every
// status, about a third of them published with an answer and some merged into others. The real app is served
// by the real HTTP server (http/server.ts) in this process, and the portal home of the council, a resolution
// page (a different resolution each time) and the answered-petitions page are fetched one after another; we
// report the p95 of the full request time. Goal: home and resolution page < 100 ms.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '@hopso/db/client';
import { seedDemo } from '@hopso/db/seed';
import { councils, meetings, petitions, polls, resolutions } from '@hopso/db/schema/index';
import { formatTrackingCode, type PetitionStatus } from '@hopso/shared/petitions';
import { councilSlug } from '@hopso/shared/portal';
import { createApp } from '../../apps/server/src/app.ts';
import { hashPassword } from '../../apps/server/src/auth/password.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { BlobStore } from '../../apps/server/src/documents/storage.ts';
import { createHttpServer } from '../../apps/server/src/http/server.ts';
import { createLogger } from '../../apps/server/src/log.ts';
import { createMetrics } from '../../apps/server/src/metrics/metrics.ts';
import { intOption, percentile, type BenchReport } from './lib/report.ts';

const words = ['ngân sách', 'đầu tư công', 'giáo dục', 'y tế', 'giao thông nông thôn', 'đất đai', 'môi trường', 'văn hóa', 'an sinh xã hội', 'chuyển đổi số'];

async function seedResolutions(db: Awaited<ReturnType<typeof openDatabase>>['db'], count: number) {
  const [council] = await db.select().from(councils);
  const [meeting] = await db.select().from(meetings).where(eq(meetings.kind, 'regular'));
  const perYear = 250;
  for (let start = 0; start < count; start += 250) {
    const n = Math.min(250, count - start);
    const pollRows = await db.insert(polls).values(Array.from({ length: n }, (_, i) => ({
      meetingId: meeting!.id, title: `Dự thảo ${start + i + 1}`, kind: 'motion' as const, method: 'named' as const, status: 'closed' as const, totalDelegates: 25,
    }))).returning({ id: polls.id });
    await db.insert(resolutions).values(pollRows.map((p, i) => {
      const k = start + i;
      const year = 2026 - Math.floor(k / perYear);
      const number = (k % perYear) + 1;
      const topic = words[k % words.length]!;
      const at = new Date(Date.UTC(year, 0, 1) + (k % perYear) * 86400_000);
      const hex = (c: string) => (k.toString(16).padStart(8, '0') + c.repeat(56)).slice(0, 64);
      return {
        councilId: council!.id, meetingId: meeting!.id, pollId: p.id, draftSha256: hex('a'), year, number, code: `${number}/NQ-HĐND`,
        title: `Nghị quyết về ${topic} năm ${year} (số ${number})`, adoptedOn: at.toISOString().slice(0, 10),
        pollResult: { total: 25, yes: { count: 20, basisPoints: 8000 }, required: 13, adopted: true }, status: 'published' as const,
        signedAt: at, signedSha256: hex('b'), sealedAt: at, sealedSha256: hex('c'), publishedAt: at,
        fullText: `Hội đồng nhân dân xã quyết nghị về ${topic}. `.repeat(40),
      };
    }));
  }
  return { councilId: council!.id, slug: councilSlug(council!.name) };
}

const localities = ['Ấp Bình An', 'Ấp Tân Hòa', 'Ấp Phú Lợi', 'Ấp Mỹ Thạnh', 'Khu phố 1', 'Khu phố 2'];
const fields = ['Giao thông', 'Đất đai', 'Môi trường', 'Y tế', 'Giáo dục', 'An sinh xã hội'];
// Of every 30 petitions: 10 published, the rest spread over the other statuses (5 merged into a published one).
const statusCycle: PetitionStatus[] = [...Array(10).fill('published'), ...Array(4).fill('received'), ...Array(4).fill('classified'), ...Array(4).fill('assigned'), ...Array(2).fill('answered'), 'closed', ...Array(5).fill('merged')];

/** `count` petitions of the council, in batches, received over the last two years. */
async function seedPetitions(db: Awaited<ReturnType<typeof openDatabase>>['db'], councilId: string, count: number) {
  let lastPublished: string | null = null;
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const k = start + i;
      const status = statusCycle[k % statusCycle.length]!;
      const receivedAt = new Date(Date.UTC(2025, 0, 1) + (k % 700) * 86400_000);
      const answered = status === 'published' || status === 'answered';
      return {
        councilId, code: formatTrackingCode(randomBytes(10)), channel: (['web', 'email', 'zalo', 'meeting'] as const)[k % 4]!, status,
        locality: localities[k % localities.length]!, field: status === 'received' ? null : fields[k % fields.length]!, agency: status === 'received' ? null : 'UBND xã',
        content: `Cử tri ${localities[k % localities.length]} kiến nghị về ${words[k % words.length]} (số ${k + 1}): đề nghị các cơ quan xem xét, giải quyết sớm.`,
        submitterName: `Cử tri ${k + 1}`, receivedAt,
        ...(answered ? { answer: `UBND xã trả lời kiến nghị số ${k + 1}: đã đưa vào kế hoạch năm.`, answeredAt: new Date(receivedAt.getTime() + 20 * 86400_000) } : {}),
        ...(status === 'published' ? { publishedAt: new Date(receivedAt.getTime() + 25 * 86400_000) } : {}),
        ...(status === 'merged' ? { mergedInto: lastPublished } : {}),
      };
    });
    const inserted = await db.insert(petitions).values(rows).returning({ id: petitions.id, status: petitions.status });
    lastPublished = inserted.filter((r) => r.status === 'published').at(-1)?.id ?? lastPublished;
  }
}

async function timeGets(base: string, paths: () => string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const path = paths();
    const started = performance.now();
    const res = await fetch(`${base}${path}`);
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200 || !body.includes('</html>')) throw new Error(`${path} answered ${res.status}`);
    times.push(ms);
  }
  return times;
}

export default async function portal(args: string[]): Promise<BenchReport> {
  const runs = intOption(args, 'runs', 300);
  const count = intOption(args, 'resolutions', 1000);
  const petitionCount = intOption(args, 'petitions', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'hopso-bench-portal-'));
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase({ url, dataDir: join(dir, 'pglite') });
  await database.migrate();
  await seedDemo(database.db, hashPassword);
  let http: ReturnType<typeof createHttpServer> | undefined;
  try {
    const seeded = Date.now();
    const { slug, councilId } = await seedResolutions(database.db, count);
    await seedPetitions(database.db, councilId, petitionCount);
    const ids = (await database.db.select({ id: resolutions.id }).from(resolutions).where(eq(resolutions.status, 'published'))).map((r) => r.id);
    if (ids.length !== count) throw new Error(`expected ${count} published resolutions, found ${ids.length}`);
    console.log(`seeded ${count} published resolutions and ${petitionCount} petitions in ${Date.now() - seeded} ms (${database.driver})`);
    const deps = {
      db: database.db, driver: database.driver, log: createLogger('silent'), blobs: new BlobStore(join(dir, 'blobs')), now: () => new Date(),
      config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), notifyMeeting: () => {}, notifyComments: () => {}, endSockets: () => {}, metrics: createMetrics(database.db),
    };
    http = createHttpServer(createApp(deps).fetch, null);
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // Warm-up (module caches, query plans), not measured.
    await timeGets(base, () => `/cong-khai/${slug}`, 20);
    await timeGets(base, () => `/cong-khai/${slug}/nghi-quyet/${ids[0]}`, 20);
    const councilHome = await timeGets(base, () => `/cong-khai/${slug}`, runs);
    const portalHome = await timeGets(base, () => '/cong-khai', runs);
    let next = 0;
    const resolutionPage = await timeGets(base, () => `/cong-khai/${slug}/nghi-quyet/${ids[(next += 7) % ids.length]}`, runs);
    const petitionsPage = await timeGets(base, () => `/cong-khai/${slug}/kien-nghi`, runs);

    const round = (n: number) => Math.round(n * 10) / 10;
    const home = Math.max(percentile(councilHome, 0.95), percentile(portalHome, 0.95));
    const resolution = percentile(resolutionPage, 0.95);
    return {
      result: {
        home_p95_ms: round(home), resolution_p95_ms: round(resolution), petitions: petitionCount, resolutions: count,
        council_home_p95_ms: round(percentile(councilHome, 0.95)), portal_index_p95_ms: round(percentile(portalHome, 0.95)),
        council_home_p50_ms: round(percentile(councilHome, 0.5)), resolution_p50_ms: round(percentile(resolutionPage, 0.5)),
        petitions_page_p95_ms: round(percentile(petitionsPage, 0.95)), runs, db: database.driver,
      },
      goals: [
        { name: 'home_p95_ms < 100', value: round(home), limit: 100, kind: 'max' },
        { name: 'resolution_p95_ms < 100', value: round(resolution), limit: 100, kind: 'max' },
      ],
      summary: [
        `${count} published resolutions, ${petitionCount} petitions, ${runs} requests per page, ${database.driver}`,
        `portal index /cong-khai: p50 ${round(percentile(portalHome, 0.5))} ms, p95 ${round(percentile(portalHome, 0.95))} ms`,
        `council home /cong-khai/${slug}: p50 ${round(percentile(councilHome, 0.5))} ms, p95 ${round(percentile(councilHome, 0.95))} ms`,
        `resolution page: p50 ${round(percentile(resolutionPage, 0.5))} ms, p95 ${round(resolution)} ms`,
        `answered petitions /cong-khai/${slug}/kien-nghi: p50 ${round(percentile(petitionsPage, 0.5))} ms, p95 ${round(percentile(petitionsPage, 0.95))} ms`,
      ],
    };
  } finally {
    if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
