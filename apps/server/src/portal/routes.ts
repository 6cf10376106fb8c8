import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { meetingsToIcs } from '../calendar/ics.ts';
import { AppError } from '../http/errors.ts';
import { idParam, type AppEnv } from '../http/context.ts';
import { timedAgenda } from '../minutes/agenda.ts';
import { recordingViews } from '../recordings/service.ts';
import { council, listQuery, portalCsp, render } from './context.ts';
import { vietnamToday } from '@hopso/shared/supervision';
import { supervisionPortalRoutes, topicList } from '../supervision/portal.ts';
import { publishedTopics } from '../supervision/published.ts';
import { councilFeed } from './feed.ts';
import { petitionPortalRoutes } from '../petitions/portal.ts';
import { answerList, petitionHomeSection } from '../petitions/pages.ts';
import { publishedPetitions } from '../petitions/public.ts';
import { portalLang, words } from './i18n.ts';
import { portalBase, type Html } from './layout.ts';
import { calendarPage, councilHome, councilList, meetingPage, notFoundPage, resolutionPage, resolutionsPage, searchPage } from './pages.ts';
import { publicCouncils, publicDocuments, publicMeeting, publicMeetings, publishedCounts, publishedResolution, publishedResolutions } from './queries.ts';

// /cong-khai — the public portal: server-rendered HTML, no login, no script. Only what queries.ts deems
// published is ever read. Sections to come (petitions, supervision, KPI) add a route and a page each.

const css = readFileSync(new URL('./portal.css', import.meta.url), 'utf8');
const cssTag = `"${createHash('sha256').update(css).digest('hex').slice(0, 16)}"`;
const pageSize = 50;

export const portalRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const lang = portalLang(c);
    const [list, counts] = await Promise.all([publicCouncils(c.var.deps.db), publishedCounts(c.var.deps.db)]);
    return render(c, { lang, title: words[lang].councils, body: councilList(lang, list, counts) });
  })
  .get('/tai-nguyen/portal.css', (c) => {
    if (c.req.header('if-none-match') === cssTag) return c.body(null, 304);
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', ETag: cssTag, 'Cache-Control': 'public, max-age=3600' });
  })
  .get('/:council', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { db, now } = c.var.deps;
    const [upcoming, latest, answers] = await Promise.all([publicMeetings(db, found.id, { from: now(), limit: 5 }), publishedResolutions(db, found.id, { limit: 10 }), publishedPetitions(db, found.id, { limit: 5 })]);
    return render(c, { lang, title: words[lang].home, council: found, feed: `${portalBase}/${found.slug}/feed.xml`, body: councilHome(lang, found, upcoming, latest, [petitionHomeSection(lang, found, answers)]) });
  })
  .get('/:council/lich', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { db, now } = c.var.deps;
    const [upcoming, all] = await Promise.all([publicMeetings(db, found.id, { from: now() }), publicMeetings(db, found.id, { limit: 100 })]);
    const ahead = new Set(upcoming.map((m) => m.id));
    return render(c, { lang, title: words[lang].calendar, council: found, crumbs: [{ label: words[lang].calendar }], body: calendarPage(lang, found, upcoming, all.filter((m) => !ahead.has(m.id))) });
  })
  .get('/:council/lich.ics', async (c) => {
    const found = await council(c);
    const list = await publicMeetings(c.var.deps.db, found.id, { limit: 500 });
    const summaries: MeetingSummary[] = list.map((m) => ({ ...m, councilName: found.name, onlineUrl: null, closedSitting: false, committeeId: null, delegateGroupId: null }));
    const origin = new URL(c.req.url).origin;
    // The feed's event links point at the portal page, not the signed-in app.
    const body = meetingsToIcs(summaries, origin, `${found.name} — Lịch họp`).replaceAll(`${origin}/meetings/`, `${origin}${portalBase}/${found.slug}/ky-hop/`);
    return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${found.slug}.ics"`, 'Cache-Control': 'public, max-age=300' });
  })
  .get('/:council/ky-hop/:meetingId', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { db } = c.var.deps;
    const meeting = await publicMeeting(db, found.id, idParam(c, 'meetingId'));
    if (!meeting) throw new AppError('not_found');
    const [agenda, docs, recordings] = await Promise.all([timedAgenda(db, meeting.id), publicDocuments(db, { councilId: found.id, meetingId: meeting.id }), recordingViews(db, meeting)]);
    return render(c, { lang, title: meeting.title, council: found, crumbs: [{ label: words[lang].calendar, href: `${portalBase}/${found.slug}/lich` }, { label: meeting.title }], body: meetingPage(lang, found, meeting, agenda, docs, recordings) });
  })
  .get('/:council/nghi-quyet', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { q, offset } = listQuery(c);
    const list = await publishedResolutions(c.var.deps.db, found.id, { q, limit: pageSize + 1, offset });
    const next = list.length > pageSize ? `?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(offset + pageSize) })}` : null;
    return render(c, { lang, title: words[lang].resolutions, council: found, crumbs: [{ label: words[lang].resolutions }], body: resolutionsPage(lang, found, list.slice(0, pageSize), q ?? '', next) });
  })
  .get('/:council/nghi-quyet/:resolutionId', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { db } = c.var.deps;
    const resolution = await publishedResolution(db, found.id, idParam(c, 'resolutionId'));
    if (!resolution) throw new AppError('not_found');
    const meeting = await publicMeeting(db, found.id, resolution.meetingId);
    return render(c, { lang, title: `${resolution.code} ${resolution.title}`, council: found, crumbs: [{ label: words[lang].resolutions, href: `${portalBase}/${found.slug}/nghi-quyet` }, { label: resolution.code }], body: resolutionPage(lang, found, resolution, meeting) });
  })
  .get('/:council/tim-kiem', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { q } = listQuery(c);
    const { db } = c.var.deps;
    const results = q
      ? await Promise.all([
        publishedResolutions(db, found.id, { q, limit: 50 }), publicMeetings(db, found.id, { q, limit: 50 }), publicDocuments(db, { councilId: found.id, q, limit: 50 }),
        publishedTopics(db, found.id, vietnamToday(c.var.deps.now()), { q, limit: 50 }), publishedPetitions(db, found.id, { q, limit: 50 }),
      ]).then(([resolutions, meetingsFound, documents, topics, answers]) => ({
        resolutions, meetings: meetingsFound, documents,
        sections: [
          { heading: words[lang].supervision, count: topics.length, body: topicList(lang, found, topics) },
          { heading: words[lang].latestAnswers, count: answers.length, body: answerList(lang, found, answers) },
        ],
      }))
      : null;
    return render(c, { lang, title: words[lang].search, council: found, crumbs: [{ label: words[lang].search }], body: searchPage(lang, found, q ?? '', results) });
  })
  .get('/:council/feed.xml', async (c) => {
    const found = await council(c);
    const { db } = c.var.deps;
    const [resolutions, meetingsFound, documents, topics, answers] = await Promise.all([
      publishedResolutions(db, found.id, { limit: 50 }), publicMeetings(db, found.id, { limit: 50 }), publicDocuments(db, { councilId: found.id, limit: 50 }),
      publishedTopics(db, found.id, vietnamToday(c.var.deps.now()), { limit: 50 }), publishedPetitions(db, found.id, { limit: 50 }),
    ]);
    const xml = await councilFeed(new URL(c.req.url).origin, found, { resolutions, meetings: meetingsFound, documents, topics, answers });
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  })
  // Sections in their own modules, before the catch-all; their errors reach this router's onError below.
  .route('/', supervisionPortalRoutes)
  .route('/', petitionPortalRoutes)
  .all('*', () => { throw new AppError('not_found'); });

/** Errors on the portal are pages too: a 404 page for anything missing or unpublished, a plain 500 otherwise. */
portalRoutes.onError(async (err, c) => {
  const lang = portalLang(c);
  if (err instanceof AppError && err.status === 404) return render(c, { lang, title: words[lang].notFound, body: notFoundPage(lang) as Html }, 404);
  if (!(err instanceof AppError)) (c.var.log ?? c.var.deps.log).error('portal error', { error: err instanceof Error ? err.stack : String(err) });
  return c.html('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi</title><p>Đã có lỗi, xin thử lại sau. / Something went wrong, please try again later.</p>', 500, { 'Content-Security-Policy': portalCsp });
});
