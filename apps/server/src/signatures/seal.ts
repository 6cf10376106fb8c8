import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPkcs12 } from '@hopso/signature/pkcs12';
import type { Signer } from '@hopso/signature/signer';
import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';

/** Where the demo PKI lives: generated once by `ensureDemoPki` on a demo start. */
export function demoPkiDir(config: Pick<Config, 'DATA_DIR'>): string {
  return join(config.DATA_DIR, 'demo-pki');
}

/** The demo PKCS#12 files' passphrase (documented in the README: the demo password). */
export const demoPassphrase = 'HopSo@2026';

/** The seal key file and passphrase: the configured one, else the demo one on a demo server, else none. */
function sealSource(config: Config): { path: string; passphrase: string } | null {
  if (config.SEAL_P12_PATH) return { path: config.SEAL_P12_PATH, passphrase: config.SEAL_P12_PASSPHRASE };
  if (config.DEMO_SEED) return { path: join(demoPkiDir(config), 'seal.p12'), passphrase: demoPassphrase };
  return null;
}

const opened = new Map<string, Promise<Signer>>();

/**
 * The council's seal Signer, through the same interface as the chair's browser key: today a PKCS#12 file
 * unlocked once per process (its key stays a non-extractable WebCrypto key); an HSM or remote signer is
 * another Signer. Missing or unreadable configuration is `seal_unavailable`, and a failed open is retried
 * on the next request rather than cached.
 */
export function sealSigner(config: Config): Promise<Signer> {
  const source = sealSource(config);
  if (!source) return Promise.reject(new AppError('seal_unavailable'));
  const key = `${source.path}\u0000${source.passphrase}`;
  let signer = opened.get(key);
  if (!signer) {
    signer = readFile(source.path).then((bytes) => openPkcs12(new Uint8Array(bytes), source.passphrase)).catch((error: unknown) => {
      opened.delete(key);
      throw error instanceof AppError ? error : new AppError('seal_unavailable');
    });
    opened.set(key, signer);
  }
  return signer;
}
