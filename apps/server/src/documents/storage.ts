import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The upload was larger than the configured limit. */
export class TooLarge extends Error {}

export interface ReceivedFile {
  tmpPath: string;
  sha256: string;
  bytes: number;
}

/**
 * Content-addressed storage of document files (SHA-256, two-level folders) with uploads streamed through a
 * temporary file in the same folder tree, so accepting a file is an atomic rename and a rejected or broken
 * upload leaves nothing behind.
 */
export class BlobStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** The whole of a stored file. */
  async read(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(sha256)));
  }

  /** Streams a request body to a temporary file, hashing and counting as it goes; aborts past `limit` bytes. */
  async receive(body: ReadableStream<Uint8Array>, limit: number): Promise<ReceivedFile> {
    const tmpPath = join(this.dir, 'tmp', `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    await mkdir(dirname(tmpPath), { recursive: true });
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > limit) return callback(new TooLarge());
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), meter, createWriteStream(tmpPath, { flags: 'wx' }));
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
    return { tmpPath, sha256: hash.digest('hex'), bytes };
  }

  /** Moves an accepted upload into place, durably (fsync before and after the rename); an existing copy wins. */
  async keep(file: ReceivedFile): Promise<string> {
    const target = this.pathOf(file.sha256);
    if (await exists(target)) {
      await rm(file.tmpPath, { force: true });
      return target;
    }
    await mkdir(dirname(target), { recursive: true });
    const handle = await open(file.tmpPath, 'r+');
    await handle.sync();
    await handle.close();
    await rename(file.tmpPath, target);
    const folder = await open(dirname(target), 'r');
    await folder.sync();
    await folder.close();
    return target;
  }

  async discard(file: ReceivedFile): Promise<void> {
    await rm(file.tmpPath, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
