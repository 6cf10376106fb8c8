import { eq } from 'drizzle-orm';
import { councils, petitionAttachments, users } from '@hopso/db/schema/index';
import { councilSlug } from '@hopso/shared/portal';
import type { PetitionActionRequest } from '@hopso/shared/petitions';
import { petitionActionRequest } from '@hopso/shared/petitions';
import type { TestApp } from '../testing.ts';
import { withAuditActor } from '../audit/log.ts';
import { receivePetition, type IncomingPetition } from './intake.ts';
import { getPetition } from './queries.ts';
import { actOnPetition } from './workflow.ts';
import { eml, signedZaloEvent, zaloText } from './channels/testing.ts';
import type { CouncilActor } from '../authz-actors.ts';

/** The demo council's id and portal slug. */
export async function demoCouncil(t: TestApp) {
  const [council] = await t.db.select().from(councils).where(eq(councils.name, 'HĐND xã Tân Phú'));
  return { councilId: council!.id, slug: councilSlug(council!.name) };
}

/** Posts the portal form as a browser does (multipart, same origin), from `ip` unless the default. */
export function submitForm(t: TestApp, slug: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = [], lang?: 'en', ip?: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('attachments', new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? 'application/octet-stream' }));
  return t.request('POST', `/cong-khai/${slug}/kien-nghi/gui${lang ? '?lang=en' : ''}`, { body: form, ...(ip ? { ip } : {}) });
}

/** Receives a petition and walks it through actions, as the clerk `chuyenvien` would. */
export async function petitionIn(t: TestApp, councilId: string, input: IncomingPetition, steps: PetitionActionRequest[] = [], channel: 'web' | 'meeting' = 'web') {
  const { id, code } = await receivePetition(t.deps, councilId, input, channel);
  const [clerk] = await t.db.select().from(users).where(eq(users.username, 'chuyenvien'));
  await withAuditActor(clerk!.id, async () => {
    for (const step of steps) await actOnPetition(t.db, (await getPetition(t.db, id))!, petitionActionRequest.parse(step), new Date());
  });
  return { id, code };
}

const inAMonth = () => new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
export const classify = (field = 'Giao thông'): PetitionActionRequest => ({ action: 'classify', field, locality: 'Ấp Bình An', agency: null });
export const assign = (deadline = inAMonth()): PetitionActionRequest => ({ action: 'assign', agency: 'Phòng Kinh tế', deadline });
export const answer = (text = 'UBND xã đã bố trí kinh phí sửa chữa trong quý III.'): PetitionActionRequest => ({ action: 'answer', answer: text });

/**
 * Petitions in every state on the demo council. Only `published` (shown by its summary) may ever reach the
 * portal or open data; every other text carries `word` so a search can be made to match them all.
 */
export async function petitionFixtures(t: TestApp, word = 'Kenhrach') {
  const { councilId, slug } = await demoCouncil(t);
  const text = (what: string) => ({ locality: 'Ấp Bình An', content: `${what} ${word}: đường liên thôn xuống cấp, đề nghị sửa chữa.`, submitterName: `Người gửi ${word}`, submitterContact: '0912 345 678' });
  const published = await petitionIn(t, councilId, text('Đã công bố'), [classify(), assign(), answer(`Trả lời công khai ${word}.`), { action: 'publish', summary: `Tóm tắt công khai ${word}` }]);
  return {
    councilId, slug, published,
    received: await petitionIn(t, councilId, text('Mới nhận')),
    classified: await petitionIn(t, councilId, text('Đã phân loại'), [classify()]),
    assigned: await petitionIn(t, councilId, text('Đã giao'), [classify(), assign()]),
    answered: await petitionIn(t, councilId, { ...text('Đã trả lời chưa công bố'), locality: `Ấp ẩn ${word}` }, [classify(), assign(), answer(`Trả lời chưa công bố ${word}.`)]),
    closed: await petitionIn(t, councilId, text('Đã đóng'), [{ action: 'close', reason: `Lý do đóng ${word}` }]),
    merged: await petitionIn(t, councilId, text('Đã gộp'), [{ action: 'merge', into: published.id }]),
  };
}
export type PetitionFixtures = Awaited<ReturnType<typeof petitionFixtures>>;

/** Texts of the fixtures that must never appear on the portal or in open data. */
export const hiddenPetitionTexts = (word: string) => [
  `Mới nhận ${word}`, `Đã phân loại ${word}`, `Đã giao ${word}`, `Đã trả lời chưa công bố ${word}`, `Trả lời chưa công bố ${word}`, `Ấp ẩn ${word}`,
  `Đã đóng ${word}`, `Lý do đóng ${word}`, `Đã gộp ${word}`, `Đã công bố ${word}`, `Người gửi ${word}`, '0912 345 678',
];

/** Petition rows for the authorization matrix: the states above plus fresh ones for routes that move them on. */
export async function petitionAuthzFixtures(t: TestApp) {
  const fx = await petitionFixtures(t, 'Quyenhan');
  const withFile = await receivePetition(t.deps, fx.councilId, { locality: 'Ấp Bình An', content: 'Kiến nghị có tệp đính kèm.', attachments: [{ filename: 'don.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF\n') }] }, 'web');
  const [file] = await t.db.select({ id: petitionAttachments.id }).from(petitionAttachments).where(eq(petitionAttachments.petitionId, withFile.id));
  return { ...fx, withFile: withFile.id, attachment: file!.id, fresh: async () => (await receivePetition(t.deps, fx.councilId, { locality: 'Ấp Bình An', content: 'Kiến nghị mới để thử quyền.' }, 'web')).id };
}
export type PetitionAuthzFixtures = Awaited<ReturnType<typeof petitionAuthzFixtures>>;

const everyone: CouncilActor[] = ['anonymous', 'admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest', 'outsider'];
const readers: CouncilActor[] = ['admin', 'chair', 'secretary', 'clerk'];
const handlers: CouncilActor[] = ['admin', 'secretary', 'clerk'];
const configurers: CouncilActor[] = ['admin', 'secretary'];

/** The petition rows of the authorization matrix (authz.test.ts), one per registered route. */
export function petitionAuthzRoutes(fx: () => PetitionAuthzFixtures) {
  const council = () => `/api/councils/${fx().councilId}`;
  const portal = () => `/cong-khai/${fx().slug}/kien-nghi`;
  const form = () => {
    const body = new FormData();
    body.append('locality', 'Ấp Bình An');
    body.append('content', 'Kiến nghị gửi qua cổng để thử quyền.');
    return body;
  };
  return [
    { route: 'GET /api/councils/:councilId/petitions', path: () => `${council()}/petitions`, allowed: readers },
    { route: 'POST /api/councils/:councilId/petitions', path: () => `${council()}/petitions`, body: () => ({ items: [{ locality: 'Ấp Bình An', content: 'Ý kiến tại buổi tiếp xúc cử tri.' }] }), allowed: handlers },
    { route: 'GET /api/councils/:councilId/petitions/stats', path: () => `${council()}/petitions/stats`, allowed: readers },
    { route: 'GET /api/councils/:councilId/petitions/duplicates', path: () => `${council()}/petitions/duplicates`, allowed: readers },
    { route: 'GET /api/councils/:councilId/petition-settings', path: () => `${council()}/petition-settings`, allowed: readers },
    { route: 'PUT /api/councils/:councilId/petition-settings', path: () => `${council()}/petition-settings`, body: () => ({ settings: { requireName: false, requireContact: false, answerDays: 30, intakeOpen: true }, rules: [] }), allowed: configurers },
    // A clerk's .eml upload (a fresh Message-ID each time, so every allowed call stores a new petition).
    { route: 'POST /api/councils/:councilId/petitions/email', path: () => `${council()}/petitions/email`, raw: () => ({ body: eml(), headers: { 'content-type': 'message/rfc822' } }), allowed: handlers },
    // The Zalo OA webhook: no session plays a part, the event's signature is the caller's credential, so anyone
    // with a validly signed event is let in; zalo.test.ts checks that unsigned, wrongly signed and stale ones are not.
    { route: 'POST /api/public/zalo/webhook', path: () => '/api/public/zalo/webhook', raw: () => signedZaloEvent(zaloText('Kiến nghị gửi qua Zalo để thử quyền.')), allowed: everyone },
    { route: 'GET /api/petitions/:petitionId', path: () => `/api/petitions/${fx().received.id}`, allowed: readers },
    { route: 'POST /api/petitions/:petitionId/actions', path: async () => `/api/petitions/${await fx().fresh()}/actions`, body: () => classify(), allowed: handlers },
    { route: 'GET /api/petitions/:petitionId/attachments/:attachmentId', path: () => `/api/petitions/${fx().withFile}/attachments/${fx().attachment}`, allowed: readers },
    // Published petitions and the citizen's form and lookup: everyone (portal.test.ts checks that nothing unpublished shows).
    { route: 'GET /api/public/councils/:councilId/petitions', path: () => `/api/public/councils/${fx().councilId}/petitions`, allowed: everyone },
    { route: 'GET /api/public/councils/:councilId/petitions.csv', path: () => `/api/public/councils/${fx().councilId}/petitions.csv`, allowed: everyone },
    { route: 'GET /cong-khai/:council/kien-nghi', path: portal, allowed: everyone },
    { route: 'GET /cong-khai/:council/kien-nghi/gui', path: () => `${portal()}/gui`, allowed: everyone },
    { route: 'POST /cong-khai/:council/kien-nghi/gui', path: () => `${portal()}/gui`, body: form, allowed: everyone, redirects: true },
    { route: 'GET /cong-khai/:council/kien-nghi/tra-cuu', path: () => `${portal()}/tra-cuu?ma=${fx().received.code}`, allowed: everyone },
    { route: 'GET /cong-khai/:council/kien-nghi/:petitionId', path: () => `${portal()}/${fx().published.id}`, allowed: everyone },
  ];
}
