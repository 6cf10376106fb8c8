import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';

export type ToWorker = { type: 'wire'; data: Uint8Array } | { type: 'dump'; path: string } | { type: 'close' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'wire'; data: Uint8Array }
  | { type: 'broken'; message: string }
  | { type: 'dumped'; error?: string }
  | { type: 'closed' };

const workerFile = new URL('./pglite-worker.ts', import.meta.url);
/** The wire protocol's Terminate message: never sent on, ending a connection must not end PGlite's session. */
const terminate = 0x58;

/**
 * The socket postgres.js writes to (its `socket` option): the bytes it writes go to the worker as they are
 * (postgres.js writes whole protocol messages), PGlite's replies come back as `data` events.
 */
export class WireSocket extends EventEmitter {
  readyState: 'open' | 'closed' = 'open';
  private readonly thread: PgliteThread;

  constructor(thread: PgliteThread) {
    super();
    this.thread = thread;
  }

  write(data: Uint8Array, done?: (error?: Error) => void): boolean {
    if (this.readyState !== 'open') {
      done?.(new Error('the PGlite connection is closed'));
      return false;
    }
    if (!(data.length === 5 && data[0] === terminate)) this.thread.send(data);
    done?.();
    return true;
  }

  end(data?: Uint8Array): void {
    if (data) this.write(data);
    this.destroy();
  }

  destroy(error?: Error): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.thread.detach(this);
    setImmediate(() => {
      if (error) this.emit('error', error);
      this.emit('close', Boolean(error));
    });
  }
}

/**
 * PGlite running in a worker thread, reached over the PostgreSQL wire protocol. PGlite is a single session,
 * so one connection at a time (postgres.js with `max: 1`): a second one is refused.
 */
export class PgliteThread {
  private readonly worker: Worker;
  private current: WireSocket | null = null;
  private stopped: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(worker: Worker) {
    this.worker = worker;
  }

  /**
   * Starts the worker and waits until PGlite has opened (or created) the data directory; a `template`
   * (a tarball written by `dump`) gives a new one its whole content at once.
   */
  static async start(dataDir: string, template?: string): Promise<PgliteThread> {
    const worker = new Worker(workerFile, { workerData: { dataDir, template } });
    const thread = new PgliteThread(worker);
    await new Promise<void>((resolve, reject) => {
      const opened = (m: FromWorker) => (m.type === 'ready' ? resolve() : reject(new Error(`PGlite could not open ${dataDir}: ${'message' in m ? m.message : m.type}`)));
      worker.once('message', opened);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the PGlite worker exited (code ${code}) while opening ${dataDir}`)));
    });
    // (The opening listeners stay: removeAllListeners would also remove the worker port's own ones.)
    worker.on('message', (m: FromWorker) => thread.receive(m));
    worker.on('error', (error) => thread.fail(error));
    worker.on('exit', (code) => thread.fail(new Error(`the PGlite worker exited (code ${code})`)));
    return thread;
  }

  /** A new connection, for postgres.js's `socket` option. */
  connect(): WireSocket {
    if (this.stopped) throw this.stopped;
    if (this.current) throw new Error('PGlite takes one connection at a time (use a pool of 1)');
    return (this.current = new WireSocket(this));
  }

  send(data: Uint8Array): void {
    // postgres.js may hand us a slice of a larger pooled buffer: send a copy we can transfer.
    const copy = new Uint8Array(data);
    this.worker.postMessage({ type: 'wire', data: copy } satisfies ToWorker, [copy.buffer]);
  }

  detach(socket: WireSocket): void {
    if (this.current === socket) this.current = null;
  }

  /** Writes the whole data directory as a tarball to `path` (after every message already sent). */
  dump(path: string): Promise<void> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      const done = (m: FromWorker) => {
        if (m.type !== 'dumped') return;
        this.worker.off('message', done);
        if (m.error) reject(new Error(`PGlite could not dump its data directory: ${m.error}`));
        else resolve();
      };
      this.worker.on('message', done);
      this.worker.postMessage({ type: 'dump', path } satisfies ToWorker);
    });
  }

  /** Closes PGlite (after every message already sent) and stops the worker. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      if (!this.stopped) {
        this.stopped = new Error('PGlite is closing');
        const closed = new Promise<void>((resolve) => {
          this.worker.on('message', (m: FromWorker) => m.type === 'closed' && resolve());
          this.worker.once('exit', () => resolve());
        });
        this.worker.postMessage({ type: 'close' } satisfies ToWorker);
        await closed;
      }
      this.stopped = new Error('PGlite is closed');
      this.current?.destroy();
      await this.worker.terminate();
    })());
  }

  private receive(m: FromWorker): void {
    if (m.type === 'wire') this.current?.emit('data', Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    else if (m.type === 'broken') this.fail(new Error(`PGlite failed: ${m.message}`));
  }

  private fail(error: Error): void {
    if (this.stopped) return;
    this.stopped = error;
    this.current?.destroy(error);
  }
}
