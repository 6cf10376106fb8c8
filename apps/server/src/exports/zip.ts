import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** An entry of a streamed ZIP: bytes made in memory, or a file read chunk by chunk (stored, not recompressed). */
export interface ZipEntry {
  name: string;
  data: Uint8Array | AsyncIterable<Uint8Array>;
}

/**
 * Streams a ZIP as its entries come: each `pull` produces at most the next chunk, so a large file goes out as
 * it is read and nothing waits for the whole archive. Files read from disk (PDFs, already compressed) are
 * stored; generated text is deflated.
 */
export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const out: Uint8Array[] = [];
  let finished = false;
  let failure: unknown = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else out.push(chunk);
    if (final) finished = true;
  });
  const source = entries[Symbol.asyncIterator]();
  let current: { file: ZipPassThrough; chunks: AsyncIterator<Uint8Array> } | null = null;
  let ended = false;

  async function step(): Promise<void> {
    if (current) {
      const next = await current.chunks.next();
      if (next.done) {
        current.file.push(new Uint8Array(0), true);
        current = null;
      } else current.file.push(next.value);
      return;
    }
    const next = await source.next();
    if (next.done) {
      ended = true;
      zip.end();
      return;
    }
    const { name, data } = next.value;
    if (data instanceof Uint8Array) {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(data, true);
    } else {
      const file = new ZipPassThrough(name);
      zip.add(file);
      current = { file, chunks: data[Symbol.asyncIterator]() };
    }
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (!out.length && !finished && !failure && !ended) await step();
      } catch (error) {
        failure = error;
      }
      if (failure) {
        zip.terminate();
        controller.error(failure);
        return;
      }
      const chunk = out.shift();
      if (chunk) controller.enqueue(chunk);
      else if (finished || ended) controller.close();
    },
    async cancel() {
      zip.terminate();
      await source.return?.();
    },
  });
}
