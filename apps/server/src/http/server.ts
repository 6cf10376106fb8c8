import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../log.ts';
import { setBaseHeaders } from './security.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Loads the SvelteKit adapter-node handler from the web build, or null when the web app is not built. */
export async function loadWebHandler(buildDir: string, log: Logger): Promise<NodeHandler | null> {
  const file = join(buildDir, 'handler.js');
  if (!existsSync(file)) {
    log.warn('web app not built; serving the API only', { expected: file, fix: 'npm run build' });
    return null;
  }
  const mod = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
  return mod.handler;
}

const notBuiltPage = '<!doctype html><meta charset="utf-8"><title>Họp Số</title><p>Ứng dụng web chưa được build. Chạy <code>npm run build</code>.</p><p>The web app is not built. Run <code>npm run build</code>.</p>';

/** The public portal is server-rendered by Hono too (portal/routes.ts), not by the client-only web app. */
export function isPortalPath(url: string): boolean {
  return /^\/cong-khai(?:[/?#]|$)/.test(url);
}

/** Prometheus scrapes GET /metrics (metrics/routes.ts), outside /api like every exporter's. */
export function isMetricsPath(url: string): boolean {
  return /^\/metrics(?:[?#]|$)/.test(url);
}

/**
 * One HTTP server for everything a tablet needs on one URL: /api/* goes to Hono, the rest to the web app.
 * Socket.IO attaches to the same server afterwards and takes /socket.io/ before these handlers run.
 * `onResponse` hears the status of every response sent (the metrics' error counts).
 */
export function createHttpServer(fetch: (req: Request, env: object) => Response | Promise<Response>, web: NodeHandler | null, onResponse?: (status: number) => void): Server {
  const api = getRequestListener(fetch);
  return createServer((req, res) => {
    const url = req.url ?? '/';
    if (onResponse) res.once('finish', () => onResponse(res.statusCode));
    if (url === '/api' || url.startsWith('/api/') || isPortalPath(url) || isMetricsPath(url)) return void api(req, res);
    setBaseHeaders(res);
    if (!web) {
      res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" });
      return void res.end(notBuiltPage);
    }
    web(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    });
  });
}
