import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authorizeCouncil } from '../../councils/access.ts';
import { AppError } from '../../http/errors.ts';
import { idParam, type AppEnv } from '../../http/context.ts';
import { receivePetition } from '../intake.ts';
import { configuredCouncil } from './council.ts';
import { emlUpload, mailIntake } from './mail.ts';
import { emailUploadType } from './paths.ts';
import { petitionEvents, petitionFromZalo, verifiedZaloEvent } from './zalo.ts';

// The HTTP side of the e-mail and Zalo channels (docs/api.md "Petition channels"): a clerk's .eml upload and
// the Zalo Official Account webhook. The SMTP connector is started by server.ts.

const emailLimit: MiddlewareHandler<AppEnv> = (c, next) =>
  bodyLimit({ maxSize: c.var.deps.config.PETITION_EMAIL_MAX_MB * 1024 * 1024, onError: () => { throw new AppError('payload_too_large'); } })(c, next);

/** POST /api/councils/:councilId/petitions/email — one message per request, as message/rfc822. */
export const councilPetitionEmailRoutes = new Hono<AppEnv>()
  .post('/:councilId/petitions/email', emailLimit, async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'petition.manage', councilId);
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith(emailUploadType)) throw new AppError('unsupported_media_type');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.length === 0) throw new AppError('email_invalid');
    const upload = emlUpload([raw]);
    await upload.start(mailIntake(c.var.deps, councilId));
    const { petition, skippedAttachments } = upload.receipts[0]!;
    return c.json({ ok: true as const, petition, skippedAttachments }, petition.repeated ? 200 : 201);
  });

/** A Zalo event is a few KB; anything near this is not one. */
const zaloLimit = bodyLimit({ maxSize: 256 * 1024, onError: () => { throw new AppError('payload_too_large'); } });

/**
 * POST /api/public/zalo/webhook — the URL registered in the Zalo developer console. No council in the path:
 * the server has one OA (ZALO_APP_ID, ZALO_OA_SECRET) for one council (ZALO_COUNCIL), and the signed event's
 * app_id must be that OA's; a council id in the URL could only repeat that or disagree with it.
 */
export const zaloWebhookRoutes = new Hono<AppEnv>()
  .post('/zalo/webhook', zaloLimit, async (c) => {
    const { config, db, log, now } = c.var.deps;
    if (!config.ZALO_APP_ID || !config.ZALO_OA_SECRET || !config.ZALO_COUNCIL) throw new AppError('not_found');
    const raw = await c.req.text();
    // Never log the secret, the signature or the body (a voter's message).
    const event = verifiedZaloEvent({ appId: config.ZALO_APP_ID, secret: config.ZALO_OA_SECRET, maxAgeSeconds: config.ZALO_MAX_AGE_SECONDS }, raw, c.req.header('x-zevent-signature'), now());
    if (!petitionEvents.has(event.event_name)) return c.json({ ok: true as const, ignored: true as const });
    const councilId = await configuredCouncil(db, config.ZALO_COUNCIL);
    if (!councilId) {
      log.error('ZALO_COUNCIL names no council');
      throw new AppError('not_found');
    }
    const petition = await receivePetition(c.var.deps, councilId, petitionFromZalo(event), 'zalo');
    // Zalo expects 200 for every event it may stop resending, the repeated ones included.
    return c.json({ ok: true as const, petition });
  });
