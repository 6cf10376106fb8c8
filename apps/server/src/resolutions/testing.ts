import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { agendaItems, councils, meetings, polls, resolutions, signingSessions, trustAnchors, users } from '@hopso/db/schema/index';
import { createCms } from '@hopso/signature/cms';
import { openPkcs12 } from '@hopso/signature/pkcs12';
import { createIntermediateCa, createPersonCertificate, createRootCa, toPem } from '@hopso/signature/pki';
import type { Signer } from '@hopso/signature/signer';
import { moreThanHalf, motionResult } from '@hopso/shared/rules';
import { createTestApp, type TestApp } from '../testing.ts';
import { prepareDemoSigning } from '../signatures/demo.ts';
import { demoPassphrase, demoPkiDir } from '../signatures/seal.ts';

/** Base64 of certificates and CMS, as the browser sends them to the signing routes. */
export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The hex SHA-256 a signed or sealed file is recorded under. */
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real 1×1 PNG (base64) for signature-image uploads: the server refuses images it cannot draw. */
export const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** A one-page draft resolution whose text the archive search can find. */
export async function draftPdf(text = 'Nghi quyet ve ke hoach dau tu cong trung han'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 14, font });
  return doc.save();
}

/**
 * A closed poll on a fresh agenda item of the demo regular session, with a draft PDF uploaded to that item
 * by the clerk — what the live session leaves behind. `yes` of 25 decides adoption (13 adopts).
 */
export async function closedPoll(t: TestApp, options: { yes?: number; status?: 'closed' | 'open' | 'cancelled'; title?: string; withDraft?: boolean } = {}) {
  const [council] = await t.db.select().from(councils).where(eq(councils.name, 'HĐND xã Tân Phú'));
  const [meeting] = await t.db.select().from(meetings).where(eq(meetings.kind, 'regular'));
  const title = options.title ?? `Dự thảo nghị quyết ${crypto.randomUUID().slice(0, 8)}`;
  const [item] = await t.db.insert(agendaItems).values({ meetingId: meeting!.id, title, position: 50 }).returning();
  if (options.withDraft !== false) {
    const res = await t.upload(await t.login('chuyenvien'), meeting!.id, await draftPdf(), { title, agendaItemId: item!.id, confidentiality: 'public' });
    if (res.status !== 201) throw new Error(`draft upload failed: ${res.status}`);
  }
  const status = options.status ?? 'closed';
  const yes = options.yes ?? 20;
  const result = status === 'closed' ? motionResult({ yes, no: 25 - yes, abstain: 0 }, 25, moreThanHalf) : null;
  const [poll] = await t.db.insert(polls).values({
    meetingId: meeting!.id, agendaItemId: item!.id, title, kind: 'motion', method: 'named', status, totalDelegates: 25,
    openedAt: new Date(), closedAt: status === 'closed' ? new Date() : null, result: result as unknown as Record<string, unknown> | null,
  }).returning();
  return { councilId: council!.id, meetingId: meeting!.id, itemId: item!.id, pollId: poll!.id };
}

/** A numbered resolution (created through the API by the secretary) moved straight to `status` for route tests. */
export async function resolutionIn(t: TestApp, status: 'ready' | 'sealed' | 'published'): Promise<string> {
  const { pollId } = await closedPoll(t);
  const res = await t.request('POST', `/api/polls/${pollId}/resolution`, { cookie: await t.login('thuky'), body: {} });
  const { resolution } = await res.json();
  if (status !== 'ready') {
    const now = new Date();
    await t.db.update(resolutions).set({ status, sealedAt: now, ...(status === 'published' ? { publishedAt: now } : {}) }).where(eq(resolutions.id, resolution.id));
  }
  return resolution.id;
}

/** The demo chair's key as the browser holds it (needs a test app with DEMO_SEED after prepareDemoSigning). */
export async function demoChairSigner(t: TestApp): Promise<Signer> {
  return openPkcs12(new Uint8Array(await readFile(join(demoPkiDir(t.deps.config), 'chutich.p12'))), demoPassphrase);
}

/** A test app ready for the browser signing flows, with its actors; `close` also removes its data folder. */
export interface DemoSigning {
  t: TestApp;
  dataDir: string;
  /** Session cookies of the demo chair and secretary. */
  chair: string;
  secretary: string;
  chairSigner: Signer;
  /** The demo council (HĐND xã Tân Phú). */
  councilId: string;
  close: () => Promise<void>;
}

/**
 * A test app on a fresh data folder with DEMO_SEED and the demo PKI, trust store and seal key in place
 * (what resolutions, minutes and consultation result sheets all need to be signed and sealed).
 */
export async function demoSigningApp(name: string, env: Record<string, string> = {}): Promise<DemoSigning> {
  const dataDir = mkdtempSync(join(tmpdir(), `hopso-${name}-`));
  const t = await createTestApp({ env: { DATA_DIR: dataDir, DEMO_SEED: 'true', ...env } });
  const close = async () => { await t.close(); rmSync(dataDir, { recursive: true, force: true }); };
  try {
    await prepareDemoSigning(t.deps, false);
    const [chairSigner, chair, secretary] = await Promise.all([demoChairSigner(t), t.login('chutich'), t.login('thuky')]);
    const [council] = await t.db.select().from(councils).where(eq(councils.name, 'HĐND xã Tân Phú'));
    return { t, dataDir, chair, secretary, chairSigner, councilId: council!.id, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The whole route flow of a signature, as the web app drives it: a closed poll numbered by the secretary,
 * a signing session started by the chair, the CMS built "in the browser" over the digest the server sent,
 * then verified and sealed by the server. Returns the completion answer and the sealed file as downloaded.
 * Needs a test app with DEMO_SEED after prepareDemoSigning (demo PKI, trust store and seal key).
 */
export async function signedAndSealed(t: TestApp, options: { title?: string; signer?: Signer } = {}) {
  const signer = options.signer ?? await demoChairSigner(t);
  const { pollId, councilId } = await closedPoll(t, options.title ? { title: options.title } : {});
  const created = await t.request('POST', `/api/polls/${pollId}/resolution`, { cookie: await t.login('thuky'), body: {} });
  if (created.status !== 201) throw new Error(`numbering failed: ${created.status} ${await created.text()}`);
  const id: string = (await created.json()).resolution.id;
  const chair = await t.login('chutich');
  const started = await t.request('POST', `/api/resolutions/${id}/signing`, { cookie: chair, body: { certificates: (await signer.certificateChain()).map(b64) } });
  if (started.status !== 201) throw new Error(`signing start failed: ${started.status} ${await started.text()}`);
  const { session } = await started.json();
  const cms = await createCms(signer, Buffer.from(session.digest, 'base64'));
  const done = await t.request('POST', `/api/signing-sessions/${session.sessionId}/cms`, { cookie: chair, body: { cms: b64(cms) } });
  if (done.status !== 200) throw new Error(`signing failed: ${done.status} ${await done.text()}`);
  const body = await done.json();
  const file = new Uint8Array(await (await t.request('GET', `/api/resolutions/${id}/file`, { cookie: chair })).arrayBuffer());
  return { id, councilId, body, file };
}

/** What the authorization matrix needs for the resolution, signing and trust store routes. */
export async function signatureAuthzFixtures(t: TestApp, councilId: string) {
  const root = await createRootCa('Matrix Root');
  const person = await createPersonCertificate(await createIntermediateCa(root), { commonName: 'Nguyễn Văn Thành' });
  const resolution = await resolutionIn(t, 'ready');
  const [vice] = await t.db.select().from(users).where(eq(users.username, 'phochutich'));
  // A session started by someone outside the matrix's actors: nobody else may complete it.
  const [session] = await t.db.insert(signingSessions).values({ resolutionId: resolution, userId: vice!.id, preparedSha256: '0'.repeat(64), prepared: {}, digest: 'AA==', expiresAt: new Date(Date.now() + 3_600_000) }).returning();
  return {
    resolution, published: await resolutionIn(t, 'published'), signingSession: session!.id,
    certificate: Buffer.from(person.certificate).toString('base64'), rootPem: toPem(root.certificate),
    png: onePixelPng,
    /** A fresh anchor row per call, for the delete route. */
    freshAnchor: async () => (await t.db.insert(trustAnchors).values({ councilId, kind: 'root', subject: 'CN=x', issuer: 'CN=x', fingerprint: crypto.randomUUID(), der: Buffer.from(root.certificate).toString('base64') }).returning())[0]!.id,
  };
}
