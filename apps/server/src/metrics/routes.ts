import { timingSafeEqual, createHash } from 'node:crypto';
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { errorBody } from '../http/errors.ts';
import type { AppContext, AppEnv } from '../http/context.ts';

/** Loopback addresses as the socket reports them (IPv4, IPv6, IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read the metrics. With METRICS_TOKEN: whoever sends `Authorization: Bearer <token>` (compared in
 * constant time). Without: a direct loopback connection only — a request carrying X-Forwarded-For or
 * Forwarded came through a proxy, which on the same machine would otherwise make everyone "loopback".
 */
function mayRead(c: AppContext): boolean {
  const token = c.var.deps.config.METRICS_TOKEN;
  if (token) {
    const sent = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    return timingSafeEqual(digest(sent), digest(token));
  }
  if (c.req.header('x-forwarded-for') || c.req.header('forwarded')) return false;
  return isLoopback(getConnInfo(c).remote.address);
}

/** GET /metrics in the Prometheus text format; any other caller gets 401 (a bearer challenge). */
export const metricsRoutes = new Hono<AppEnv>().get('/', async (c) => {
  if (!mayRead(c)) return c.json(errorBody('unauthenticated'), 401, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
  const { registry } = c.var.deps.metrics;
  return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
});
