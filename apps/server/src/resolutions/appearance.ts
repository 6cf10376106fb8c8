import { and, eq } from 'drizzle-orm';
import { councils, members, signatureImages, users } from '@hopso/db/schema/index';
import { DEFAULT_PLACEHOLDER, type Appearance } from '@hopso/signature/pdf';
import type { Deps } from '../http/context.ts';
import type { ResolutionRow } from './service.ts';

/** The PNG stored for a signer's signature or a council's seal, if any. */
export async function signatureImage(deps: Deps, councilId: string, kind: 'signature' | 'seal', ownerId: string): Promise<Uint8Array | undefined> {
  const [row] = await deps.db.select({ png: signatureImages.png }).from(signatureImages)
    .where(and(eq(signatureImages.councilId, councilId), eq(signatureImages.kind, kind), eq(signatureImages.ownerId, ownerId)));
  return row ? new Uint8Array(Buffer.from(row.png, 'base64')) : undefined;
}

/**
 * The signature block of Nghị định 30/2020 for this signer: the chair signs "TM. HỘI ĐỒNG NHÂN DÂN / CHỦ TỊCH";
 * someone else assigned signs "KT. CHỦ TỊCH" with their own position (e.g. PHÓ CHỦ TỊCH).
 */
export async function signerAppearance(deps: Deps, row: Pick<ResolutionRow, 'councilId'>, userId: string): Promise<Appearance & { signerName: string; organisation: string }> {
  const [person] = await deps.db.select({ fullName: users.fullName, role: members.role, title: members.title }).from(users)
    .leftJoin(members, and(eq(members.userId, users.id), eq(members.councilId, row.councilId))).where(eq(users.id, userId));
  const [council] = await deps.db.select({ name: councils.name }).from(councils).where(eq(councils.id, row.councilId));
  const isChair = person?.role === 'chair';
  const position = (person?.title ?? '').replace(/\s+HĐND.*$/i, '').toUpperCase() || 'PHÓ CHỦ TỊCH';
  return {
    capacity: isChair ? 'TM. HỘI ĐỒNG NHÂN DÂN' : 'KT. CHỦ TỊCH',
    title: isChair ? 'CHỦ TỊCH' : position,
    signerName: person?.fullName ?? '',
    organisation: council?.name ?? '',
    signatureImage: await signatureImage(deps, row.councilId, 'signature', userId),
  };
}

/** Reserved room for the CMS: a timestamp token roughly doubles it. */
export const placeholderSize = (deps: Deps) => (deps.config.TSA_URL ? 2 * DEFAULT_PLACEHOLDER : DEFAULT_PLACEHOLDER);
