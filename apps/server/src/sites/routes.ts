import { Hono } from 'hono';
import { siteInput, siteUpdate } from '@hopso/shared/sites';
import { idParam, readJson, type AppEnv } from '../http/context.ts';
import { loadMeeting } from '../meetings/access.ts';
import { createSite, deleteSite, siteViews, updateSite } from './service.ts';

// /api/meetings/:meetingId/sites… — remote sites (điểm cầu): read by whoever may see the meeting, changed
// by those who manage it (meeting.manage). Each change is published to the meeting's room as a `sites` event.

export const siteRoutes = new Hono<AppEnv>()
  .get('/:meetingId/sites', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
    return c.json({ ok: true as const, sites: await siteViews(c.var.deps.db, meeting.id) });
  })
  .post('/:meetingId/sites', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const input = await readJson(c, siteInput);
    const { site, event } = await createSite(c.var.deps.db, meeting, input);
    c.var.deps.publishLive?.([event]);
    return c.json({ ok: true as const, site }, 201);
  })
  .patch('/:meetingId/sites/:siteId', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const input = await readJson(c, siteUpdate);
    const { site, event } = await updateSite(c.var.deps.db, meeting, idParam(c, 'siteId'), input);
    c.var.deps.publishLive?.([event]);
    return c.json({ ok: true as const, site });
  })
  .delete('/:meetingId/sites/:siteId', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const { event } = await deleteSite(c.var.deps.db, meeting, idParam(c, 'siteId'));
    c.var.deps.publishLive?.([event]);
    return c.json({ ok: true as const });
  });
