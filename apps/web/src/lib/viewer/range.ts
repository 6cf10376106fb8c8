/**
 * Byte ranges of a document's file, fetched the way pdf.js asks for them: `requestDataRange(begin, end)`
 * with `end` exclusive becomes `Range: bytes=begin-(end-1)`. Only the ranges pdf.js needs travel, so the
 * first page of a 60 MB report costs a few hundred kilobytes, like that of a 3-page letter.
 */

/** The HTTP Range header for pdf.js's [begin, end) request. */
export function rangeHeader(begin: number, end: number): string {
  if (!(Number.isInteger(begin) && Number.isInteger(end) && begin >= 0 && end > begin)) throw new RangeError(`bad range ${begin}-${end}`);
  return `bytes=${begin}-${end - 1}`;
}

/** A range the server refused or answered wrongly; `retry` says whether trying again may help. */
export class RangeFetchError extends Error {
  constructor(readonly status: number, readonly retry: boolean) {
    super(`range request answered ${status}`);
    this.name = 'RangeFetchError';
  }
}

export interface FetchRangeOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Waits before each retry (ms); the length says how many retries. Default: 300 ms then 1.5 s. */
  backoff?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The bytes [begin, end) of `url`. A 206 gives them directly; a 200 (a proxy that drops Range) is cut down
 * to the range. A dropped connection or a 5xx is retried (tablets on meeting-room Wi-Fi), a 4xx is not.
 */
export async function fetchRange(url: string, begin: number, end: number, opts: FetchRangeOptions = {}): Promise<Uint8Array> {
  const doFetch = opts.fetch ?? fetch;
  const backoff = opts.backoff ?? [300, 1500];
  const sleep = opts.sleep ?? wait;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await doFetch(url, { headers: { Range: rangeHeader(begin, end) }, credentials: 'same-origin', signal: opts.signal });
      if (res.status === 206) {
        const bytes = new Uint8Array(await res.arrayBuffer());
        const start = Number(/^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1] ?? begin);
        return start === begin && bytes.length === end - begin ? bytes : bytes.subarray(begin - start, end - start);
      }
      if (res.status === 200) return new Uint8Array(await res.arrayBuffer()).slice(begin, end);
      throw new RangeFetchError(res.status, res.status >= 500);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      const retry = err instanceof RangeFetchError ? err.retry : true;
      if (!retry || attempt >= backoff.length) throw err;
      await sleep(backoff[attempt]!);
    }
  }
}
