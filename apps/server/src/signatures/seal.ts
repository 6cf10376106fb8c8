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
 * The PKCS#12 seal: the file unlocked once per process (its key stays a non-extractable WebCrypto key).
 * Missing or unreadable configuration is `seal_unavailable`, and a failed open is retried on the next
 * request rather than cached.
 */
function pkcs12SealSigner(config: Config): Promise<Signer> {
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

/** Makes the seal Signer from the configuration; any failure to reach the key is `seal_unavailable`. */
export type SealSignerFactory = (config: Config) => Promise<Signer>;

/**
 * One factory per kind of key holder, chosen by SEAL_SIGNER. This is the one place a Cloud Signature
 * Consortium client, a USB-token bridge or an HSM plugs in: add its name to SEAL_SIGNER in config.ts and
 * a factory here returning its Signer (certificate chain + raw signature over the bytes it is given).
 */
export const sealSignerFactories = { pkcs12: pkcs12SealSigner } satisfies Record<Config['SEAL_SIGNER'], SealSignerFactory>;

/**
 * The council's seal Signer, through the same interface as the chair's browser key (sealPdf is the caller).
 */
export function sealSigner(config: Config): Promise<Signer> {
  return sealSignerFactories[config.SEAL_SIGNER](config);
}
