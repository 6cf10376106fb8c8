import type { MeetingDocument } from '@hopso/shared/document';
import { dataToKeep, filesToKeep, meetingCacheName, meetingCachePrefix, meetingIsOver } from './rules.ts';

/**
 * The page's side of offline reading: once a delegate opens a meeting, its non-secret documents are kept
 * whole (in the background, one plain GET per file not yet kept at its current version) with the JSON the
 * viewer reads, in that meeting's cache; the service worker answers from there when the Wi-Fi drops. The
 * page does the keeping rather than the worker so that only what the signed-in user just listed is kept.
 */

const cacheApi = (): CacheStorage | null => (typeof caches === 'undefined' ? null : caches);
const running = new Map<string, Promise<void>>();

/**
 * Keeps `documents` of `meetingId` for offline reading and drops kept files no longer in the list (a
 * document deleted, made secret or replaced). Runs once at a time per meeting; failures are silent: the
 * tablet is online and reading works as before, the next open tries again.
 */
export function keepMeeting(meetingId: string, documents: readonly MeetingDocument[]): Promise<void> {
  const store = cacheApi();
  if (!store) return Promise.resolve();
  const previous = running.get(meetingId) ?? Promise.resolve();
  const next = previous.then(() => keep(store, meetingId, documents)).catch(() => {});
  running.set(meetingId, next);
  return next;
}

/** Bumped by forgetAllMeetings: a keep that started before a sign-out must not put anything afterwards. */
let generation = 0;
/** Aborted by forgetAllMeetings, so a sign-out does not wait for a large file still downloading. */
let stopKeeping = new AbortController();

async function keep(store: CacheStorage, meetingId: string, documents: readonly MeetingDocument[]): Promise<void> {
  const gen = generation;
  const { signal } = stopKeeping;
  const name = meetingCacheName(meetingId);
  const files = filesToKeep(documents);
  // The cache is created by the first answer worth keeping: a keep refused (signed out) leaves nothing behind.
  const put = async (url: string, res: Response) => {
    if (gen === generation) await (await store.open(name)).put(url, res);
  };
  if (await store.has(name)) {
    const cache = await store.open(name);
    const wanted = new Set(files.map((f) => f.url));
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (path.endsWith('/file') && !wanted.has(path)) await cache.delete(request);
    }
  }
  for (const file of files) {
    const kept = (await store.has(name)) ? await (await store.open(name)).match(file.url) : undefined;
    if (kept?.headers.get('etag') === file.etag) continue;
    const res = await fetch(file.url, { credentials: 'same-origin', signal });
    // Only the version just listed: a file replaced meanwhile is kept on the next open.
    if (res.status === 200 && res.headers.get('etag') === file.etag) await put(file.url, res);
    else await res.body?.cancel();
  }
  for (const url of dataToKeep(meetingId, files)) {
    const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal });
    if (res.ok) await put(url, res);
  }
}

/**
 * Refreshes a meeting the tablet already keeps (the viewer, opened by a link, does not know whether the
 * meeting is over: only the meeting pages decide to start keeping one).
 */
export async function refreshKept(meetingId: string, documents: readonly MeetingDocument[]): Promise<void> {
  if (await cacheApi()?.has(meetingCacheName(meetingId))) await keepMeeting(meetingId, documents);
}

/** Forgets everything kept of one meeting (it closed or was cancelled). */
export async function forgetMeeting(meetingId: string): Promise<void> {
  await running.get(meetingId);
  await cacheApi()?.delete(meetingCacheName(meetingId));
}

/**
 * What a meeting page calls whenever it (re)read the meeting and its documents: a meeting still to come or
 * under way is kept, one that is over is forgotten.
 */
export function followForOffline(meeting: { id: string; status: string }, documents: readonly MeetingDocument[] | null): void {
  if (meetingIsOver(meeting.status)) void forgetMeeting(meeting.id);
  else if (documents) void keepMeeting(meeting.id, documents);
}

/** Deletes every kept meeting (sign-out, or a session that ended): no internal document stays on the tablet. */
export async function forgetAllMeetings(): Promise<void> {
  const store = cacheApi();
  if (!store) return;
  generation++;
  stopKeeping.abort();
  stopKeeping = new AbortController();
  await Promise.allSettled([...running.values()]);
  for (const name of await store.keys()) if (name.startsWith(meetingCachePrefix)) await store.delete(name);
}
