import { Hono } from 'hono';
import { publicListQuery } from '@hopso/shared/portal';
import { readQuery, type AppEnv } from '../http/context.ts';
import { cache, councilOf, sendCsv } from '../opendata/routes.ts';
import { publishedPetitions } from './public.ts';

// /api/public/councils/:councilId/petitions(.csv): published petitions with their answers, as open data
// (issue 8 items 2 and 5). What is published, and which text of it: petitions/public.ts.

const columns = ['id', 'councilId', 'channel', 'locality', 'field', 'agency', 'content', 'answer', 'voters', 'receivedAt', 'answeredAt', 'publishedAt'];

export const petitionOpenDataRoutes = new Hono<AppEnv>()
  .get('/councils/:councilId/petitions', async (c) => {
    const council = await councilOf(c);
    return c.json({ ok: true as const, petitions: await publishedPetitions(c.var.deps.db, council.id, readQuery(c, publicListQuery)) }, 200, cache);
  })
  .get('/councils/:councilId/petitions.csv', async (c) => {
    const council = await councilOf(c);
    return sendCsv(c, `petitions-${council.slug}`, await publishedPetitions(c.var.deps.db, council.id, readQuery(c, publicListQuery)), columns);
  });
