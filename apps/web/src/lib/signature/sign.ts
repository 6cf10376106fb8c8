import type { MinutesView } from '@hopso/shared/record';
import type { SigningSession } from '@hopso/shared/resolution';
import type { VerificationReport } from '@hopso/shared/signature';
import { createCms } from '@hopso/signature/cms';
import { openPkcs12 } from '@hopso/signature/pkcs12';
import { api } from '../api.ts';
import { resolutionEndpoints, type SigningDone } from '../resolutions/endpoints.ts';
import { recordEndpoints } from '../record/endpoints.ts';
import { fromBase64, toBase64 } from './base64.ts';

/**
 * Signs a document with a PKCS#12 file, in the browser: the file is unlocked here (openPkcs12 moves the key
 * into WebCrypto, non-extractable), only the public certificate chain goes to the server (`start`), which
 * answers with the digest of the prepared PDF; the CMS built here over that digest goes back to the signing
 * session. The file's bytes and the passphrase never leave this function. One flow for resolutions and
 * minutes; `T` is what the server answers for the kind signed. Throws SignatureError (wrong passphrase…) or
 * ApiError (refused).
 */
export async function signWith<T>(start: (certificates: string[]) => Promise<{ session: SigningSession }>, p12: Uint8Array, passphrase: string): Promise<T & { report: VerificationReport }> {
  const signer = await openPkcs12(p12, passphrase);
  const chain = await signer.certificateChain();
  const { session } = await start(chain.map(toBase64));
  const cms = await createCms(signer, fromBase64(session.digest));
  return api.post<T & { ok: true; report: VerificationReport }>(`/api/signing-sessions/${encodeURIComponent(session.sessionId)}/cms`, { cms: toBase64(cms) });
}

/** Signs a resolution (the chair, or the signer assigned). */
export function signResolution(resolutionId: string, p12: Uint8Array, passphrase: string): Promise<SigningDone> {
  return signWith<SigningDone>((certificates) => resolutionEndpoints.startSigning(resolutionId, certificates), p12, passphrase);
}

/** Signs a meeting's final minutes (the chair, or the signer assigned). */
export function signMinutes(meetingId: string, p12: Uint8Array, passphrase: string): Promise<{ minutes: MinutesView; report: VerificationReport }> {
  return signWith<{ minutes: MinutesView }>((certificates) => recordEndpoints.startSigning(meetingId, certificates), p12, passphrase);
}
