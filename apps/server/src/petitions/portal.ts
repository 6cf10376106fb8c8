import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { FieldErrors } from '@hopso/shared/errors';
import { petitionAttachmentLimits } from '@hopso/shared/petitions';
import { clientIp } from '../auth/routes.ts';
import { AppError } from '../http/errors.ts';
import { idParam, type AppContext, type AppEnv } from '../http/context.ts';
import { council, listQuery, render } from '../portal/context.ts';
import { portalLang, type Lang } from '../portal/i18n.ts';
import type { IncomingFile } from './attachments.ts';
import { receivePetition } from './intake.ts';
import { emptyForm, formPage, lookupPage, petitionPage, petitionsBase, petitionsPage, type FormValues } from './pages.ts';
import { lookupPetition, publishedPetition, publishedPetitions } from './public.ts';
import { settingsOf } from './settings.ts';
import { intakeAllowed, recordIntake } from './throttle.ts';
import { petitionWords } from './words.ts';

// /cong-khai/:council/kien-nghi… — the citizen's side of petitions: the answered ones, the form (a plain
// HTML form, no script, no captcha: a rate limit per address and a honeypot field), the lookup by code.

const pageSize = 50;
const formPath = /^\/cong-khai\/[a-z0-9-]{1,160}\/kien-nghi\/gui$/;
/** The form's body holds files: app.ts leaves its size to the limit below instead of the JSON one. */
export const isPetitionForm = (method: string, path: string) => method === 'POST' && formPath.test(path);
const formLimit = petitionAttachmentLimits.count * petitionAttachmentLimits.bytes + 256 * 1024;
const privately = 'private, no-store';

const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');

async function filesOf(value: unknown): Promise<IncomingFile[]> {
  const list = (Array.isArray(value) ? value : [value]).filter((v): v is File => v instanceof File);
  return Promise.all(list.map(async (f) => ({ filename: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** The form again, with what was typed and why it was not sent. */
async function formAgain(c: AppContext, lang: Lang, status: 400 | 403 | 413 | 429, values: FormValues, errors: FieldErrors, problem: string) {
  const found = await council(c);
  const settings = await settingsOf(c.var.deps.db, found.id);
  const w = petitionWords[lang];
  return render(c, { lang, title: w.formTitle, council: found, crumbs: [{ label: w.title, href: petitionsBase(found) }, { label: w.send }], body: formPage(lang, found, settings, values, errors, problem) }, status, privately);
}

export const petitionPortalRoutes = new Hono<AppEnv>()
  .get('/:council/kien-nghi', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { q, offset } = listQuery(c);
    const list = await publishedPetitions(c.var.deps.db, found.id, { q, limit: pageSize + 1, offset });
    const next = list.length > pageSize ? `?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(offset + pageSize) })}` : null;
    const w = petitionWords[lang];
    return render(c, { lang, title: w.title, council: found, crumbs: [{ label: w.title }], body: petitionsPage(lang, found, list.slice(0, pageSize), q ?? '', next) });
  })
  .get('/:council/kien-nghi/gui', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const w = petitionWords[lang];
    const settings = await settingsOf(c.var.deps.db, found.id);
    return render(c, { lang, title: w.formTitle, council: found, crumbs: [{ label: w.title, href: petitionsBase(found) }, { label: w.send }], body: formPage(lang, found, settings, emptyForm, {}, null) });
  })
  .post('/:council/kien-nghi/gui', bodyLimit({ maxSize: formLimit, onError: (c) => formAgain(c, portalLang(c), 413, emptyForm, {}, petitionWords[portalLang(c)].tooLarge) }), async (c) => {
    const lang = portalLang(c);
    const w = petitionWords[lang];
    const found = await council(c);
    const { db, now, log } = c.var.deps;
    const ip = clientIp(c);
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody({ all: true });
    } catch {
      throw new AppError('bad_request');
    }
    const values: FormValues = { submitterName: text(body.submitterName), submitterContact: text(body.submitterContact), locality: text(body.locality), content: text(body.content) };
    if (!(await intakeAllowed(db, ip, now()))) return formAgain(c, lang, 429, values, {}, w.tooMany);
    // A bot fills every field; a person never sees this one. Answer as if received, keep nothing.
    if (text(body.trang_web)) {
      await recordIntake(db, ip, now());
      log.warn('petition honeypot', { council: found.slug });
      return c.redirect(`${petitionsBase(found)}/tra-cuu?moi=1`, 303);
    }
    try {
      const { code } = await receivePetition(c.var.deps, found.id, { ...values, attachments: await filesOf(body.attachments) }, 'web');
      await recordIntake(db, ip, now());
      return c.redirect(`${petitionsBase(found)}/tra-cuu?${new URLSearchParams({ ma: code, moi: '1' })}`, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'validation') return formAgain(c, lang, 400, values, err.fields ?? {}, w.fixErrors);
      if (err.code === 'attachment_invalid') return formAgain(c, lang, 400, values, {}, w.badFiles);
      if (err.code === 'intake_closed') return formAgain(c, lang, 403, values, {}, w.closed);
      throw err;
    }
  })
  .get('/:council/kien-nghi/tra-cuu', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const typed = (c.req.query('ma') ?? '').slice(0, 40);
    const result = typed ? await lookupPetition(c.var.deps.db, found.id, typed) : null;
    const w = petitionWords[lang];
    return render(c, { lang, title: w.lookup, council: found, crumbs: [{ label: w.title, href: petitionsBase(found) }, { label: w.lookup }], body: lookupPage(lang, found, typed, result, c.req.query('moi') === '1') }, 200, privately);
  })
  .get('/:council/kien-nghi/:petitionId', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const petition = await publishedPetition(c.var.deps.db, found.id, idParam(c, 'petitionId'));
    if (!petition) throw new AppError('not_found');
    const w = petitionWords[lang];
    return render(c, { lang, title: w.title, council: found, crumbs: [{ label: w.title, href: petitionsBase(found) }, { label: petition.locality }], body: petitionPage(lang, petition) });
  });
