import type { Deps } from '../http/context.ts';

/** What the byte route needs once a reader has been let through: which blob, and how big it is. */
export interface ReadableFile {
  sha256: string;
  bytes: number;
}

/**
 * How long a granted read of a document's bytes is remembered for one user. A viewer opening a report sends
 * several range requests at once and more as pages scroll; without this each one repeats the ~5 queries of
 * the access check (document, meeting, council role, invitation, current version). Kept short because it
 * is also how long a withdrawn right (membership or invitation removed, meeting back to draft) can still
 * read bytes on this server: changes to the document itself (replaced, deleted, made secret) forget it at
 * once (`forgetDocument`), and signing out or a deleted session still stops every request at once, since
 * the session is checked on each request before this cache is asked.
 */
export const fileAccessTtlMs = 5_000;
/** Past this many remembered reads, expired ones are dropped, then the oldest. */
const maxEntries = 20_000;

interface Entry { until: number; file: Promise<ReadableFile> }

/**
 * Remembers granted reads per user and document for `fileAccessTtlMs`. Refusals are never remembered, and
 * concurrent requests for the same read share one check. On several server nodes each node forgets only
 * what it changed itself, so elsewhere a change reaches readers within the TTL.
 */
export class FileAccessCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #ttl: number;

  constructor(opts: { now?: () => number; ttlMs?: number } = {}) {
    this.#now = opts.now ?? (() => performance.now());
    this.#ttl = opts.ttlMs ?? fileAccessTtlMs;
  }

  /** The remembered grant, or the result of `check` (remembered only if it grants). */
  read(userId: string, documentId: string, check: () => Promise<ReadableFile>): Promise<ReadableFile> {
    const key = `${documentId}:${userId}`;
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.file;
    this.#entries.delete(key);
    const entry: Entry = { until: now + this.#ttl, file: check() };
    this.#entries.set(key, entry);
    // A refusal (or a failed check) is dropped, unless a newer check has taken its place meanwhile.
    entry.file.catch(() => { if (this.#entries.get(key) === entry) this.#entries.delete(key); });
    this.#trim(now);
    return entry.file;
  }

  /** A document was replaced, deleted or changed confidentiality: its next reads are checked afresh. */
  forgetDocument(documentId: string): void {
    const prefix = `${documentId}:`;
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  #trim(now: number): void {
    if (this.#entries.size <= maxEntries) return;
    for (const [key, e] of this.#entries) if (e.until <= now) this.#entries.delete(key);
    // Map order is insertion order, so what is left over the limit goes oldest first.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= maxEntries) break;
      this.#entries.delete(key);
    }
  }
}

const caches = new WeakMap<Deps, FileAccessCache>();

/** The cache of one running app (tests create several apps in one process; each has its own). */
export function fileAccess(deps: Deps): FileAccessCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new FileAccessCache()));
  return cache;
}
