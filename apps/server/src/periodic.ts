import type { Logger } from './log.ts';

/**
 * Runs `pass` every `everyMs` (and at once when `immediately`), never two passes at once on this node: a
 * slow pass makes the next ticks skip, and a failed one is logged while the next tries again. The timer does
 * not keep the process alive. Returns the stop function, which waits for a running pass. Used by the
 * invitation and consultation schedulers that server.ts starts on every node.
 */
export function startPeriodic(options: { everyMs: number; immediately?: boolean; log: Logger; failure: string; pass: () => Promise<unknown> }): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = options.pass()
      .catch((error: unknown) => options.log.error(options.failure, { error: String(error) }))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  if (options.immediately) tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
