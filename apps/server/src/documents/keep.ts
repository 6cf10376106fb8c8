import type { Db } from '@hopso/db/client';
import { blobs } from '@hopso/db/schema/index';
import type { BlobStore } from './storage.ts';

/**
 * Keeps bytes made on the server (a PDF prepared for signing, a sealed resolution, final minutes) in the content-addressed
 * store through the same durable path as uploads; returns their SHA-256. With `pageCount` the file is also
 * indexed in `blobs`, as documents need.
 */
export async function keepBytes(store: BlobStore, bytes: Uint8Array, index?: { db: Db; pageCount: number }): Promise<string> {
  const file = await store.receive(new Blob([new Uint8Array(bytes)]).stream(), Number.POSITIVE_INFINITY);
  await store.keep(file);
  if (index) await index.db.insert(blobs).values({ sha256: file.sha256, bytes: file.bytes, pageCount: index.pageCount }).onConflictDoNothing();
  return file.sha256;
}
