// Test support (Node only): a remote-signing service in-process, shaped like the Cloud Signature Consortium
// API v2 (credentials/info → the certificate chain; credentials/authorize with the PIN → a one-time SAD;
// signatures/signHash → raw signatures over hashes), and cscSigner, the Signer adapter a real CSC client would
// be. The service makes its own key and never hands it out; the adapter sends only SHA-256 hashes (base64),
// as it would over HTTPS. Used by signer.test.ts and the server's remote-signer test.
import { constants, createPrivateKey, privateEncrypt, randomUUID, type KeyObject } from 'node:crypto';
import { sha256 } from './bytes.ts';
import { OID } from './oids.ts';
import { createOrganisationCertificate, createPersonCertificate, generateKeys, type Issued } from './pki.ts';
import type { Signer } from './signer.ts';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
// DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2): PKCS#1 v1.5 signs DigestInfo, not the bare hash.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export interface CscService {
  credentialsInfo(req: { credentialID: string }): Promise<{ cert: { certificates: string[] }; key: { algo: string[] } }>;
  authorize(req: { credentialID: string; PIN: string; numSignatures: number; hashes: string[] }): Promise<{ SAD: string }>;
  signHash(req: { credentialID: string; SAD: string; hashes: string[]; hashAlgo: string; signAlgo: string }): Promise<{ signatures: string[] }>;
}

export class CscError extends Error {
  readonly error: 'invalid_request' | 'invalid_pin' | 'invalid_sad';
  constructor(error: CscError['error'], message: string) { super(message); this.error = error; }
}

export interface FakeCscService extends CscService {
  credentialID: string;
  /** Every request body the service received, in order, as JSON (what would have crossed the network). */
  received: string[];
}

/**
 * A service holding one RSA key and its certificate under `issuer` (a person's, or the organisation's when
 * `organisation` is not given), unlocked by `pin`. The key is generated here and kept in this closure.
 */
export async function fakeCscService(issuer: Issued, subject: { commonName: string; organisation?: string }, pin: string): Promise<FakeCscService> {
  const keys = await generateKeys();
  const issued = subject.organisation
    ? await createPersonCertificate(issuer, { ...subject, keys })
    : await createOrganisationCertificate(issuer, { commonName: subject.commonName, keys });
  const key: KeyObject = createPrivateKey({ key: Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)), format: 'der', type: 'pkcs8' });
  const chain = [issued.certificate, issuer.certificate];
  const credentialID = randomUUID();
  const sads = new Map<string, string[]>();
  const received: string[] = [];
  const log = (req: object) => { received.push(JSON.stringify(req)); };
  const known = (id: string) => { if (id !== credentialID) throw new CscError('invalid_request', 'unknown credentialID'); };
  return {
    credentialID, received,
    async credentialsInfo(req) {
      log(req); known(req.credentialID);
      return { cert: { certificates: chain.map(b64) }, key: { algo: [OID.rsaEncryption] } };
    },
    async authorize(req) {
      log(req); known(req.credentialID);
      if (req.PIN !== pin) throw new CscError('invalid_pin', 'the PIN is wrong');
      const SAD = randomUUID();
      sads.set(SAD, req.hashes);
      return { SAD };
    },
    async signHash(req) {
      log(req); known(req.credentialID);
      const allowed = sads.get(req.SAD);
      sads.delete(req.SAD);
      // The SAD binds the hashes the user authorised: one use, those hashes only.
      if (!allowed || allowed.join() !== req.hashes.join()) throw new CscError('invalid_sad', 'the SAD does not authorise these hashes');
      if (req.hashAlgo !== OID.sha256 || req.signAlgo !== OID.rsaEncryption) throw new CscError('invalid_request', 'unsupported algorithm');
      return { signatures: req.hashes.map((h) => b64(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(h, 'base64')])))) };
    },
  };
}

/**
 * The Signer adapter over a CSC-style service: the chain comes from credentials/info (asked once), and each
 * signature is one authorisation (PIN → SAD bound to the hash) plus one signHash of the SHA-256 of `data`.
 */
export function cscSigner(service: CscService, credentialID: string, pin: string): Signer {
  let chain: Promise<Uint8Array[]> | null = null;
  return {
    certificateChain: () => (chain ??= service.credentialsInfo({ credentialID }).then((info) => info.cert.certificates.map(unb64))),
    async sign(data) {
      const hashes = [b64(await sha256(data))];
      const { SAD } = await service.authorize({ credentialID, PIN: pin, numSignatures: 1, hashes });
      const { signatures } = await service.signHash({ credentialID, SAD, hashes, hashAlgo: OID.sha256, signAlgo: OID.rsaEncryption });
      return unb64(signatures[0]!);
    },
  };
}
