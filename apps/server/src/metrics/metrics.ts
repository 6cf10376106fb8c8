import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { polls } from '@hopso/db/schema/index';

/** Status classes counted by `hopso_http_responses_total`; anything else is not a status a client saw. */
const statusClasses = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/**
 * This node's Prometheus metrics (docs/operations.md "Monitoring"): one registry per server, so tests that
 * start several servers in one process never share counters. Created by server.ts (and the test app) and
 * reached through `deps.metrics`; GET /metrics (routes.ts) renders it.
 */
export interface Metrics {
  readonly registry: Registry;
  /** A stored ballot's time from its `poll.cast` arriving to its acknowledgement: queue wait plus batch commit. */
  observeBallotAck(seconds: number): void;
  /** Every HTTP response this node sent, by status class (the 4xx and 5xx series are the errors). */
  countResponse(status: number): void;
  /** Counts this node's connected sockets (tablets, consoles, projectors) once Socket.IO is attached. */
  countSocketsWith(count: () => number): void;
}

export function createMetrics(db: Db): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let sockets: () => number = () => 0;
  new Gauge({
    name: 'hopso_connected_sockets', help: 'Socket.IO connections open on this node (tablets, consoles, projectors).', registers: [registry],
    collect() { this.set(sockets()); },
  });
  new Gauge({
    name: 'hopso_open_polls', help: 'Polls open for voting in the whole installation (read from the database).', registers: [registry],
    async collect() {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(polls).where(eq(polls.status, 'open'));
      this.set(row?.n ?? 0);
    },
  });
  const ballotAck = new Histogram({
    name: 'hopso_ballot_ack_seconds', help: 'From a poll.cast arriving to its acknowledgement, for stored ballots: wait for the batch, its commit, the ack.', registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const responses = new Counter({ name: 'hopso_http_responses_total', help: 'HTTP responses sent by this node, by status class.', labelNames: ['class'] as const, registers: [registry] });
  // Every class from the start, so a rate over the 5xx series exists before the first error.
  for (const c of statusClasses) responses.inc({ class: c }, 0);
  return {
    registry,
    observeBallotAck: (seconds) => ballotAck.observe(seconds),
    countResponse: (status) => {
      const c = statusClasses[Math.floor(status / 100) - 1];
      if (c) responses.inc({ class: c });
    },
    countSocketsWith: (count) => { sockets = count; },
  };
}
