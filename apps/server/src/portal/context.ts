import { publicListQuery, type PublicCouncil } from '@hopso/shared/portal';
import { AppError } from '../http/errors.ts';
import type { AppContext } from '../http/context.ts';
import { page, type PageInput } from './layout.ts';
import { councilBySlug } from './queries.ts';

// What every portal route needs, whichever section it belongs to (routes.ts, petitions/portal.ts…): the
// page response with the portal's policy, the council named by the URL, the list query.

/** Scripts are never allowed; styles only from our own file. */
export const portalCsp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export async function render(c: AppContext, input: Omit<PageInput, 'path'>, status: 200 | 400 | 403 | 404 | 413 | 429 = 200, cache = 'public, max-age=60') {
  const body = await page({ ...input, path: new URL(c.req.url).pathname });
  return c.html(body, status, { 'Content-Security-Policy': portalCsp, 'Cache-Control': cache, Vary: 'Cookie' });
}

/** The council named by the URL, or 404. */
export async function council(c: AppContext): Promise<PublicCouncil> {
  const slug = c.req.param('council') ?? '';
  const found = /^[a-z0-9-]{1,160}$/.test(slug) ? await councilBySlug(c.var.deps.db, slug) : null;
  if (!found) throw new AppError('not_found');
  return found;
}

/** The list query of a portal page; a bad one is read as the defaults (a page never fails on its query). */
export function listQuery(c: AppContext) {
  const parsed = publicListQuery.safeParse(c.req.query());
  return parsed.success ? parsed.data : publicListQuery.parse({});
}
