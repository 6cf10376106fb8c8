import { Hono } from 'hono';
import { createBodyRequest, createCouncilRequest, createTermRequest, updateCouncilRequest, updateRulesRequest } from '@hopso/shared/council';
import { can } from '@hopso/shared/roles';
import { AppError, fieldError } from '../http/errors.ts';
import { idParam, readJson, requireUser, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from './access.ts';
import { councilRules, saveRules, updateCouncil } from './rules.ts';
import * as service from './service.ts';
import { audited } from '../audit/log.ts';

/** Committees (Ban) and delegate groups (Tổ) are both named member bases: one route pair serves each. */
const bodyKinds = [
  { path: 'committees', key: 'committee', list: service.listCommittees, create: service.createCommittee },
  { path: 'groups', key: 'group', list: service.listGroups, create: service.createGroup },
] as const;

export const councilRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c);
    return c.json({ ok: true as const, councils: await service.listCouncils(c.var.deps.db, user.id, user.isSystemAdmin) });
  })
  .post('/', async (c) => {
    const user = requireUser(c);
    if (!user.isSystemAdmin) throw new AppError('forbidden');
    const input = await readJson(c, createCouncilRequest);
    const council = await audited(c.var.deps.db, (tx) => service.createCouncil(tx, input), (r) => ({ action: 'council.created', councilId: r.id, targetType: 'council', targetId: r.id, details: { ...input } }));
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
  .patch('/:councilId', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { role } = await authorizeCouncil(c, 'council.update', councilId);
    const input = await readJson(c, updateCouncilRequest);
    await audited(c.var.deps.db, (tx) => updateCouncil(tx, councilId, input), { action: 'council.updated', councilId, targetType: 'council', targetId: councilId, details: { ...input } });
    return c.json({ ok: true as const, council: { ...(await service.getCouncil(c.var.deps.db, councilId))!, role } });
  })
  // Every member reads the rules (quorum, thresholds, time limits); the secretariat changes them.
  .get('/:councilId/rules', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user, role } = await authorizeCouncil(c, 'council.read', councilId);
    return c.json({ ok: true as const, rules: await councilRules(c.var.deps.db, councilId), editable: can('council.update', role, user.isSystemAdmin) });
  })
  .put('/:councilId/rules', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'council.update', councilId);
    const rules = await readJson(c, updateRulesRequest);
    // Audited only when saved: refused while a poll is open (nothing changed, nothing to record).
    const saved = await audited(c.var.deps.db, (tx) => saveRules(tx, councilId, rules), (ok) => (ok ? { action: 'council.updated', councilId, targetType: 'council', targetId: councilId, details: { rules } } : []));
    if (!saved) throw new AppError('rules_locked');
    c.var.log.info('council rules changed', { councilId, userId: user.id });
    return c.json({ ok: true as const, rules, editable: true });
  })
  .post('/:councilId/terms', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'council.update', councilId);
    const input = await readJson(c, createTermRequest);
    const term = await audited(c.var.deps.db, (tx) => service.createTerm(tx, councilId, input), { action: 'council.updated', councilId, targetType: 'council', targetId: councilId, details: { term: input } });
    return c.json({ ok: true as const, term }, 201);
  });

for (const kind of bodyKinds) {
  councilRoutes.get(`/:councilId/${kind.path}`, async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'council.read', councilId);
    return c.json({ ok: true as const, [kind.path]: await kind.list(c.var.deps.db, councilId) });
  });
  councilRoutes.post(`/:councilId/${kind.path}`, async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'committee.manage', councilId);
    const { name } = await readJson(c, createBodyRequest);
    try {
      const body = await audited(c.var.deps.db, (tx) => kind.create(tx, councilId, name), { action: 'committee.changed', councilId, targetType: kind.key, details: { change: 'created', name } });
      return c.json({ ok: true as const, [kind.key]: body }, 201);
    } catch (e) {
      if (e instanceof service.DuplicateName) throw new AppError('conflict', { fields: fieldError('name', 'Tên này đã có', 'This name already exists') });
      throw e;
    }
  });
}
