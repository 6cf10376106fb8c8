import { Hono } from 'hono';
import { createBodyRequest, createCouncilRequest, createTermRequest } from '@hopso/shared/council';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, requireUser, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from './access.ts';
import * as service from './service.ts';

async function createBody(kind: 'committee' | 'group', db: Parameters<typeof service.createGroup>[0], councilId: string, name: string) {
  try {
    return kind === 'committee' ? await service.createCommittee(db, councilId, name) : await service.createGroup(db, councilId, name);
  } catch (e) {
    if (e instanceof service.DuplicateName) throw new AppError('conflict', { fields: { name: ['already exists'] } });
    throw e;
  }
}

export const councilRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    return c.json({ ok: true as const, councils: await service.listCouncils(c.var.deps.db, user.id, user.isSystemAdmin) });
  })
  .post('/', async (c) => {
    const user = requireUser(c);
    if (!user.isSystemAdmin) throw new AppError('forbidden');
    const council = await service.createCouncil(c.var.deps.db, await readJson(c, createCouncilRequest));
    c.var.log.info('council created', { councilId: council.id, userId: user.id });
    return c.json({ ok: true as const, council: { ...council, role: null } }, 201);
  })
  .get('/:councilId', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { role } = await authorizeCouncil(c, 'council.read', councilId);
    const council = await service.getCouncil(c.var.deps.db, councilId);
    if (!council) throw new AppError('not_found');
    return c.json({ ok: true as const, council: { ...council, role } });
  })
  .post('/:councilId/terms', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'council.update', councilId);
    const term = await service.createTerm(c.var.deps.db, councilId, await readJson(c, createTermRequest));
    return c.json({ ok: true as const, term }, 201);
  })
  .get('/:councilId/committees', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'council.read', councilId);
    return c.json({ ok: true as const, committees: await service.listCommittees(c.var.deps.db, councilId) });
  })
  .post('/:councilId/committees', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'committee.manage', councilId);
    const { name } = await readJson(c, createBodyRequest);
    return c.json({ ok: true as const, committee: await createBody('committee', c.var.deps.db, councilId, name) }, 201);
  })
  .get('/:councilId/groups', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'council.read', councilId);
    return c.json({ ok: true as const, groups: await service.listGroups(c.var.deps.db, councilId) });
  })
  .post('/:councilId/groups', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'committee.manage', councilId);
    const { name } = await readJson(c, createBodyRequest);
    return c.json({ ok: true as const, group: await createBody('group', c.var.deps.db, councilId, name) }, 201);
  });
