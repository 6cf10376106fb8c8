// Worker thread entry (started by pglite-thread.ts): the embedded PGlite database, speaking the PostgreSQL
// wire protocol. Its WebAssembly runs here, off the server's main thread, so a query no longer stalls
// Socket.IO; the main thread talks to it with postgres.js, the same driver as for a real PostgreSQL server.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { FromWorker, ToWorker } from './pglite-thread.ts';

const port = parentPort!;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const { dataDir, template } = workerData as { dataDir: string; template?: string };

let pg: PGlite;
try {
  // A template is a tarball of a whole data directory (dumpDataDir): loading it skips initdb.
  pg = await PGlite.create(dataDir, template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}

// Wire messages are handled strictly one after another, in the order the connection sent them; a reply is
// posted only once PGlite has executed them, so a COMMIT's reply means the commit has been written.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (m: ToWorker) => {
  queue = queue.then(async () => {
    if (m.type === 'wire') {
      try {
        const out = await pg.execProtocolRaw(m.data);
        // A copy of our own: the result may be a view whose memory PGlite reuses.
        if (out.length) {
          const data = new Uint8Array(out);
          post({ type: 'wire', data }, [data.buffer]);
        }
      } catch (error) {
        post({ type: 'broken', message: error instanceof Error ? error.message : String(error) });
      }
    } else if (m.type === 'dump') {
      try {
        // Written beside, then renamed: a reader never sees half a tarball.
        const partial = `${m.path}.${process.pid}.${Date.now()}.partial`;
        writeFileSync(partial, new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer()));
        renameSync(partial, m.path);
        post({ type: 'dumped' });
      } catch (error) {
        post({ type: 'dumped', error: error instanceof Error ? error.message : String(error) });
      }
    } else if (m.type === 'close') {
      await pg.close();
      post({ type: 'closed' });
      port.close();
    }
  });
});
post({ type: 'ready' });
