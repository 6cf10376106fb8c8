import { Hono } from 'hono';
import { memberImportRequest } from '@hopso/shared/member';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { parseMemberCsv } from './csv.ts';
import { importMembers, listMembers } from './service.ts';
import { audited } from '../audit/log.ts';

export const memberRoutes = new Hono<AppEnv>()
  .get('/:councilId/members', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'member.read', councilId);
    return c.json({ ok: true as const, members: await listMembers(c.var.deps.db, councilId) });
  })
  .post('/:councilId/members/import', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user } = await authorizeCouncil(c, 'member.import', councilId);
    const { csv } = await readJson(c, memberImportRequest);
    const parsed = parseMemberCsv(csv);
    if (parsed.errors.length) throw new AppError('import_invalid', { rows: parsed.errors });
    // Counts only: the result carries the new accounts' initial passwords, which never go into the audit log.
    const result = await audited(c.var.deps.db, (tx) => importMembers(tx, councilId, parsed.rows.map((r) => r.row)),
      (r) => ({ action: 'member.imported', councilId, targetType: 'council', targetId: councilId, details: { imported: r.imported, created: r.credentials.length } }));
    c.var.log.info('members imported', { councilId, userId: user.id, imported: result.imported, created: result.credentials.length });
    return c.json(result);
  });
