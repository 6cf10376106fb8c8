import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

/** Entry point for `npm start`: runs until SIGTERM/SIGINT, then shuts down gracefully (10 s at most). */
const running = await startServer(loadConfig());
let shuttingDown = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    running.log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.stop().then(() => process.exit(0), (error: unknown) => {
      running.log.error('shutdown failed', { error: String(error) });
      process.exit(1);
    });
  });
}
