import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { PDFDocument, rgb } from 'pdf-lib';
import { agendaItems, councils, documents, documentVersions, meetings, polls, signatureImages, users } from '@hopso/db/schema/index';
import { moreThanHalf, motionResult } from '@hopso/shared/rules';
import { createDemoPki, toPem, toPkcs12 } from '@hopso/signature/pki';
import type { Deps } from '../http/context.ts';
import { embedSerif } from '../minutes/fonts.ts';
import { keepBytes } from '../documents/keep.ts';
import { createResolution } from '../resolutions/service.ts';
import { demoPassphrase, demoPkiDir } from './seal.ts';
import { addTrustAnchor, parseTrustAnchor } from './trust.ts';
import { AppError } from '../http/errors.ts';

const demoCouncil = 'HĐND xã Tân Phú';
const demoChair = { username: 'chutich', fullName: 'Nguyễn Văn Thành' };

const exists = (path: string) => stat(path).then(() => true, () => false);

/** Writes a file whole or not at all (a crash mid-write must not leave half a PKCS#12 file). */
async function writeAtomically(path: string, data: string | Uint8Array) {
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
}

/**
 * A demo PKI, made once per data directory: root → intermediate → the chair's certificate and the council's
 * seal certificate. The chair's .p12 is what a newcomer selects when signing (passphrase: the demo password).
 */
async function ensureFiles(dir: string): Promise<{ root: string; intermediate: string }> {
  if (!(await exists(join(dir, 'root.pem')))) {
    await mkdir(dir, { recursive: true });
    const pki = await createDemoPki({ chairName: demoChair.fullName, councilName: demoCouncil });
    const chain = [pki.intermediate.certificate, pki.root.certificate];
    await writeAtomically(join(dir, 'chutich.p12'), await toPkcs12(pki.chair.privateKey, [pki.chair.certificate, ...chain], demoPassphrase, { friendlyName: demoChair.fullName }));
    await writeAtomically(join(dir, 'seal.p12'), await toPkcs12(pki.seal.privateKey, [pki.seal.certificate, ...chain], demoPassphrase, { friendlyName: demoCouncil }));
    await writeAtomically(join(dir, 'intermediate.pem'), toPem(pki.intermediate.certificate));
    await writeAtomically(join(dir, 'README.txt'), [
      'Họp Số demo PKI (made up; never use in production).',
      `chutich.p12: the chair's signing certificate (${demoChair.fullName}); passphrase ${demoPassphrase}.`,
      `seal.p12: the council seal used by the server (SEAL_P12_PATH); passphrase ${demoPassphrase}.`,
      "root.pem, intermediate.pem: in the demo council's trust store.", '',
    ].join('\n'));
    await writeAtomically(join(dir, 'root.pem'), toPem(pki.root.certificate));
  }
  return { root: await readFile(join(dir, 'root.pem'), 'utf8'), intermediate: await readFile(join(dir, 'intermediate.pem'), 'utf8') };
}

/** A Vietnamese draft resolution (one page, Noto Serif), as the People's Committee would submit it. */
async function demoDraftPdf(): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const doc = await PDFDocument.create();
  const [regular, bold] = [await embedSerif(doc, 'regular'), await embedSerif(doc, 'bold')];
  const page = doc.addPage([595.28, 841.89]);
  const lines: [string, number, boolean, boolean][] = [
    ['HỘI ĐỒNG NHÂN DÂN XÃ TÂN PHÚ', 12, true, false], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true, false],
    ['Độc lập – Tự do – Hạnh phúc', 12, true, false], ['', 12, false, false],
    ['NGHỊ QUYẾT', 15, true, true], ['Về việc điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030', 12, true, true],
    ['', 12, false, false], ['HỘI ĐỒNG NHÂN DÂN XÃ TÂN PHÚ', 12, true, true], ['KHÓA I, KỲ HỌP CHUYÊN ĐỀ', 12, true, true], ['', 12, false, false],
    ['Căn cứ Luật Tổ chức chính quyền địa phương; Luật Đầu tư công;', 12, false, false],
    ['Xét Tờ trình của Ủy ban nhân dân xã và Báo cáo thẩm tra của Ban Kinh tế – Xã hội;', 12, false, false],
    ['', 12, false, false], ['QUYẾT NGHỊ:', 12, true, false],
    ['Điều 1. Điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030: bổ sung dự án', 12, false, false],
    ['nâng cấp đường liên ấp Tân Phú – Phú Hòa, tổng mức đầu tư 12,5 tỷ đồng.', 12, false, false],
    ['Điều 2. Giao Ủy ban nhân dân xã tổ chức thực hiện; Thường trực HĐND, các Ban và đại biểu', 12, false, false],
    ['HĐND xã giám sát việc thực hiện Nghị quyết này.', 12, false, false],
  ];
  let y = 790;
  for (const [text, size, isBold, centred] of lines) {
    const font = isBold ? bold : regular;
    const x = centred ? (595.28 - font.widthOfTextAtSize(text, size)) / 2 : 60;
    if (text) page.drawText(text, { x, y, size, font, color: rgb(0, 0, 0) });
    y -= size + 10;
  }
  return { bytes: await doc.save(), pageCount: 1 };
}

/**
 * Leaves the demo past session with what a live session would have: a draft resolution on its agenda item,
 * an adopted named poll, and the numbered resolution ready for the chair to sign.
 */
async function seedDemoResolution(deps: Deps, councilId: string) {
  const { db } = deps;
  const [past] = await db.select().from(meetings).where(and(eq(meetings.councilId, councilId), eq(meetings.status, 'closed')));
  const [item] = past ? await db.select().from(agendaItems).where(eq(agendaItems.meetingId, past.id)) : [];
  const [secretary] = await db.select().from(users).where(eq(users.username, 'thuky'));
  if (!past || !item || !secretary) return;
  const draft = await demoDraftPdf();
  const sha256 = await keepBytes(deps.blobs, draft.bytes, { db, pageCount: draft.pageCount });
  const [doc] = await db.insert(documents).values({ meetingId: past.id, agendaItemId: item.id, title: 'Dự thảo Nghị quyết điều chỉnh kế hoạch đầu tư công trung hạn', confidentiality: 'public', createdBy: secretary.id }).returning();
  await db.insert(documentVersions).values({ documentId: doc!.id, version: 1, sha256, filename: 'du-thao-nghi-quyet.pdf', uploadedBy: secretary.id });
  const closedAt = new Date(past.startsAt.getTime() + 3 * 3600_000);
  const [poll] = await db.insert(polls).values({
    meetingId: past.id, agendaItemId: item.id, title: 'Nghị quyết về việc điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030',
    kind: 'motion', method: 'named', status: 'closed', totalDelegates: 24, openedAt: new Date(closedAt.getTime() - 600_000), closedAt,
    result: motionResult({ yes: 21, no: 1, abstain: 1 }, 24, moreThanHalf) as unknown as Record<string, unknown>, createdBy: secretary.id,
  }).returning();
  await createResolution(db, { poll: poll!, councilId, userId: secretary.id, now: closedAt });
}

/**
 * Demo start-up step: the demo PKI in DATA_DIR, its root and intermediate in the demo council's trust store,
 * demo seal and signature images, and (on the first start) a resolution waiting for the chair's signature.
 */
export async function prepareDemoSigning(deps: Deps, freshlySeeded: boolean): Promise<void> {
  // The demo's signing set-up is a convenience: if it fails (a read-only DATA_DIR…), the server still starts.
  try {
    await prepare(deps, freshlySeeded);
  } catch (error) {
    deps.log.warn('demo signing not prepared', { error: error instanceof Error ? error.message : String(error) });
  }
}

async function prepare(deps: Deps, freshlySeeded: boolean): Promise<void> {
  const { db } = deps;
  const [council] = await db.select().from(councils).where(eq(councils.name, demoCouncil));
  if (!council) return;
  const pems = await ensureFiles(demoPkiDir(deps.config));
  for (const [kind, pem] of [['root', pems.root], ['intermediate', pems.intermediate]] as const) {
    // Already there after the first start: the duplicate is expected.
    await addTrustAnchor(db, council.id, parseTrustAnchor(kind, pem), null).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    });
  }
  const [chair] = await db.select().from(users).where(eq(users.username, demoChair.username));
  const image = (name: string) => readFile(new URL(`./demo/${name}.png`, import.meta.url)).then((b) => b.toString('base64'));
  await db.insert(signatureImages).values([
    { councilId: council.id, kind: 'seal', ownerId: council.id, png: await image('seal') },
    ...(chair ? [{ councilId: council.id, kind: 'signature' as const, ownerId: chair.id, png: await image('signature') }] : []),
  ]).onConflictDoNothing();
  if (freshlySeeded) await seedDemoResolution(deps, council.id);
  deps.log.info('demo signing ready', { pki: demoPkiDir(deps.config), chairP12: join(demoPkiDir(deps.config), 'chutich.p12') });
}
