import type { MiddlewareHandler } from 'hono';
import type { ServerResponse } from 'node:http';
import { AppError } from './errors.ts';
import type { AppEnv } from './context.ts';
import { emailUploadType, isPetitionEmailUpload } from '../petitions/channels/paths.ts';

/** Headers for every response, API and web alike. The HTML pages get their CSP from SvelteKit (with hashes). */
export const baseSecurityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(), microphone=(), payment=(), usb=()',
};

/** JSON never needs to load anything, so API responses carry the strictest policy. */
const apiCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function setBaseHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(baseSecurityHeaders)) res.setHeader(name, value);
}

export const apiSecurityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(baseSecurityHeaders)) c.header(name, value);
  // The public portal's HTML pages set their own (still script-free) policy.
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', apiCsp);
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const apiBodies = ['application/json', 'application/pdf'];
const portalFormBodies = ['multipart/form-data', 'application/x-www-form-urlencoded'];

/**
 * CSRF defence for cookie-authenticated mutations: the browser must say the request is same-origin
 * (Sec-Fetch-Site, or an Origin matching Host), and the body must be JSON or a PDF — a cross-site form
 * cannot send either without a CORS preflight, which this server never grants. The public portal's forms
 * (a citizen's petition) are plain HTML forms that act on no session, so there a form body is allowed too;
 * the same-origin check still applies. A clerk's .eml upload is a raw message/rfc822 body, allowed on that
 * one route only: a cross-site form cannot send that type either.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!unsafeMethods.has(c.req.method)) return next();
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError('csrf');
  const origin = c.req.header('origin');
  if (origin) {
    const host = c.req.header('x-forwarded-host') && c.var.deps.config.TRUST_PROXY ? c.req.header('x-forwarded-host') : c.req.header('host');
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError('csrf');
    }
    if (originHost !== host) throw new AppError('csrf');
  }
  const type = c.req.header('content-type');
  const length = c.req.header('content-length');
  const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
  const allowed = c.req.path.startsWith('/cong-khai/') ? [...apiBodies, ...portalFormBodies]
    : isPetitionEmailUpload(c.req.method, c.req.path) ? [...apiBodies, emailUploadType] : apiBodies;
  if ((type !== undefined || hasBody) && !allowed.some((a) => (type ?? '').toLowerCase().startsWith(a))) {
    throw new AppError('unsupported_media_type');
  }
  return next();
};
