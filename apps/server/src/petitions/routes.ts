import { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import { petitionAttachments } from '@hopso/db/schema/index';
import { allowedActions, bulkPetitionRequest, petitionActionRequest, petitionConfigSchema, petitionListQuery, vietnamDate } from '@hopso/shared/petitions';
import { can } from '@hopso/shared/roles';
import { authorizeCouncil } from '../councils/access.ts';
import { attachment } from '../http/download.ts';
import { AppError } from '../http/errors.ts';
import { idParam, readJson, readQuery, type AppContext, type AppEnv } from '../http/context.ts';
import { duplicateSuggestions, petitionInsight, petitionStats } from './analysis.ts';
import { receivePetitions } from './intake.ts';
import { getPetition, listPetitions, petitionView } from './queries.ts';
import { configOf, saveConfig } from './settings.ts';
import { actOnPetition } from './workflow.ts';

// The secretariat's petition API (docs/api.md "Voter petitions"). Every route checks the caller's role in
// the petition's council (shared/roles.ts petition.read / petition.manage / petition.configure).

/** /api/councils/:councilId/petitions… and /petition-settings */
export const councilPetitionRoutes = new Hono<AppEnv>()
  .get('/:councilId/petitions', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'petition.read', councilId);
    const filter = readQuery(c, petitionListQuery);
    return c.json({ ok: true as const, ...(await listPetitions(c.var.deps.db, councilId, filter, c.var.deps.now())) });
  })
  // Petitions written down at a voter-contact meeting (tiếp xúc cử tri), entered by a clerk as one list.
  .post('/:councilId/petitions', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'petition.manage', councilId);
    const body = await readJson(c, bulkPetitionRequest);
    const { now } = c.var.deps;
    const receivedAt = body.receivedOn && body.receivedOn !== vietnamDate(now()) ? new Date(`${body.receivedOn}T12:00:00+07:00`) : undefined;
    const received = await receivePetitions(c.var.deps, councilId, body.items.map((item) => ({ ...item, meetingId: body.meetingId, receivedAt })), 'meeting');
    return c.json({ ok: true as const, petitions: received.map(({ id, code }) => ({ id, code })) }, 201);
  })
  .get('/:councilId/petitions/stats', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'petition.read', councilId);
    return c.json({ ok: true as const, stats: await petitionStats(c.var.deps.db, councilId, c.var.deps.now()) });
  })
  .get('/:councilId/petitions/duplicates', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'petition.read', councilId);
    return c.json({ ok: true as const, groups: await duplicateSuggestions(c.var.deps.db, councilId) });
  })
  .get('/:councilId/petition-settings', async (c) => {
    const councilId = idParam(c, 'councilId');
    const { user, role } = await authorizeCouncil(c, 'petition.read', councilId);
    return c.json({ ok: true as const, ...(await configOf(c.var.deps.db, councilId)), canConfigure: can('petition.configure', role, user.isSystemAdmin) });
  })
  .put('/:councilId/petition-settings', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'petition.configure', councilId);
    const config = await readJson(c, petitionConfigSchema);
    await saveConfig(c.var.deps.db, councilId, config);
    return c.json({ ok: true as const, ...config });
  });

/** A petition and the caller's right over its council: 404 when it does not exist. */
async function loadPetition(c: AppContext, action: 'petition.read' | 'petition.manage') {
  const row = await getPetition(c.var.deps.db, idParam(c, 'petitionId'));
  if (!row) throw new AppError('not_found');
  const access = await authorizeCouncil(c, action, row.councilId);
  return { row, ...access };
}

/** /api/petitions/:petitionId… */
export const petitionRoutes = new Hono<AppEnv>()
  .get('/:petitionId', async (c) => {
    const { row, user, role } = await loadPetition(c, 'petition.read');
    const { db, now } = c.var.deps;
    const [petition, insight] = await Promise.all([petitionView(db, row.id, now()), petitionInsight(db, row)]);
    const canManage = can('petition.manage', role, user.isSystemAdmin);
    return c.json({ ok: true as const, petition: petition!, ...insight, actions: canManage ? allowedActions(row.status) : [] });
  })
  .post('/:petitionId/actions', async (c) => {
    const { row } = await loadPetition(c, 'petition.manage');
    const request = await readJson(c, petitionActionRequest);
    const { db, now } = c.var.deps;
    await actOnPetition(db, row, request, now());
    return c.json({ ok: true as const, petition: (await petitionView(db, row.id, now()))! });
  })
  .get('/:petitionId/attachments/:attachmentId', async (c) => {
    const { row } = await loadPetition(c, 'petition.read');
    const [file] = await c.var.deps.db.select().from(petitionAttachments)
      .where(and(eq(petitionAttachments.id, idParam(c, 'attachmentId')), eq(petitionAttachments.petitionId, row.id)));
    if (!file) throw new AppError('not_found');
    const bytes = await c.var.deps.blobs.read(file.sha256);
    // Never rendered by the browser from our origin: a citizen's file is downloaded, whatever it claims to be.
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': file.mime, 'Content-Length': String(bytes.length), 'Content-Disposition': attachment(file.filename), 'X-Content-Type-Options': 'nosniff',
    });
  });
