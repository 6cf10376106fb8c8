import { createCms } from '@hopso/signature/cms';
import { openPkcs12 } from '@hopso/signature/pkcs12';
import { resolutionEndpoints, type SigningDone } from '../resolutions/endpoints.ts';
import { fromBase64, toBase64 } from './base64.ts';

/**
 * Signs a resolution with a PKCS#12 file, in the browser: the file is unlocked here (openPkcs12 moves the key
 * into WebCrypto, non-extractable), only the public certificate chain goes to the server, which answers with
 * the digest of the prepared PDF; the CMS built here over that digest goes back. The file's bytes and the
 * passphrase never leave this function. Throws SignatureError (wrong passphrase…) or ApiError (refused).
 */
export async function signResolution(resolutionId: string, p12: Uint8Array, passphrase: string): Promise<SigningDone> {
  const signer = await openPkcs12(p12, passphrase);
  const chain = await signer.certificateChain();
  const { session } = await resolutionEndpoints.startSigning(resolutionId, chain.map(toBase64));
  const cms = await createCms(signer, fromBase64(session.digest));
  return resolutionEndpoints.completeSigning(session.sessionId, toBase64(cms));
}
