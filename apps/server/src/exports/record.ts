import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { asc, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { blobs, resolutions } from '@hopso/db/schema/index';
import { exportTables } from '@hopso/shared/record';
import type { Deps } from '../http/context.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { listDocuments } from '../documents/service.ts';
import { meetingLog } from '../minutes/agenda.ts';
import { loadMeetingRecord } from '../minutes/data.ts';
import { asciiFileName } from '../http/download.ts';
import { minutesPdf } from '../minutes/service.ts';
import { recordingViews } from '../recordings/service.ts';
import { renderTable } from './formats.ts';
import { tableFileNames, tables } from './tables.ts';
import type { ZipEntry } from './zip.ts';
import { meetingAuditExtract } from '../audit/extract.ts';

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path)) yield new Uint8Array(chunk as Buffer);
}

/**
 * The entries of a meeting's whole record, in order: the minutes (final — and signed, once signed — or a
 * draft marked so), resolutions with their current PDF, attendance and poll results (CSV and XLSX), the
 * documents list, the meeting event log, the recordings, and last a manifest with the SHA-256 of every
 * entry so a copy can be checked.
 */
export async function* recordEntries(deps: Pick<Deps, 'db' | 'blobs' | 'now'>, meeting: MeetingRow, userId: string): AsyncGenerator<ZipEntry> {
  const manifest: { name: string; sha256: string; bytes: number }[] = [];
  const missing: { name: string; sha256: string }[] = [];
  const made = (name: string, data: Uint8Array): ZipEntry => {
    manifest.push({ name, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength });
    return { name, data };
  };
  const record = await loadMeetingRecord(deps.db, meeting);
  const minutes = await minutesPdf(deps, meeting);
  if (minutes.signed) {
    // The frozen text as finalised, and the copy signed by the chair and sealed (its first revision is the former).
    yield made('bien-ban.pdf', await deps.blobs.read(minutes.finalSha256!));
    yield made('bien-ban-da-ky.pdf', minutes.bytes);
  } else yield made(minutes.final ? 'bien-ban.pdf' : 'bien-ban-du-thao.pdf', minutes.bytes);

  const adopted = await deps.db.select().from(resolutions).where(eq(resolutions.meetingId, meeting.id)).orderBy(asc(resolutions.number));
  for (const r of adopted) {
    const sha256 = r.sealedSha256 ?? r.signedSha256 ?? r.draftSha256;
    const [blob] = await deps.db.select({ bytes: blobs.bytes }).from(blobs).where(eq(blobs.sha256, sha256));
    const name = `nghi-quyet/${asciiFileName(r.code).slice(0, 80)}.pdf`;
    const path = deps.blobs.pathOf(sha256);
    // A file missing from this node's store (a blob directory not shared between nodes, a lost disk) is named
    // in the manifest instead of breaking the archive halfway through the download.
    if (!existsSync(path)) {
      missing.push({ name, sha256 });
      continue;
    }
    manifest.push({ name, sha256, bytes: blob?.bytes ?? 0 });
    yield { name, data: fileChunks(path) };
  }

  for (const name of exportTables) {
    const table = tables[name](record);
    for (const format of ['csv', 'xlsx'] as const) yield made(`${tableFileNames[name]}.${format}`, await renderTable(table, format, record));
  }
  const docs = await listDocuments(deps.db, meeting, userId);
  yield made('tai-lieu.csv', new TextEncoder().encode(`\uFEFF${Papa.unparse({
    fields: ['Tiêu đề', 'Độ mật', 'Phiên bản', 'Tên tệp', 'SHA-256', 'Số byte', 'Số trang', 'Tải lên lúc'],
    data: docs.map((d) => [d.title, d.confidentiality, d.current?.version ?? '', d.current?.filename ?? '', d.current?.sha256 ?? '', d.current?.bytes ?? '', d.current?.pageCount ?? '', d.current?.uploadedAt ?? '']),
  })}\r\n`));
  const events = await meetingLog(deps.db, meeting.id);
  yield made('nhat-ky-su-kien.jsonl', new TextEncoder().encode(events.map((e) => JSON.stringify({ seq: e.seq, type: e.type, at: e.at.toISOString(), payload: e.payload })).join('\n') + (events.length ? '\n' : '')));
  const audit = await meetingAuditExtract(deps.db, meeting.id);
  yield made('nhat-ky-kiem-tra.jsonl', audit.data);
  yield made('ghi-hinh.json', json({ livestreamUrl: meeting.livestreamUrl, recordings: await recordingViews(deps.db, meeting) }));
  yield { name: 'manifest.json', data: json({
    meeting: { id: meeting.id, title: meeting.title, council: record.council.name, startsAt: meeting.startsAt.toISOString(), place: meeting.place },
    generatedAt: deps.now().toISOString(),
    minutes: { final: minutes.final, sha256: minutes.finalSha256, signed: minutes.signed, ...(minutes.signed ? { signedSha256: minutes.sha256 } : {}) },
    eventLog: { events: events.length, lastSeq: events.at(-1)?.seq ?? 0 },
    audit: { entries: audit.entries, chainHead: audit.head },
    entries: manifest,
    ...(missing.length ? { missing } : {}),
  }) };
}
