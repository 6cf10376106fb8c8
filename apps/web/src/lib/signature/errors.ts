import { SignatureError } from '@hopso/signature/errors';

/**
 * The message key for a failure of the in-browser part of signing (opening the .p12, building the CMS);
 * null for anything else, which ErrorMessage shows (server refusals carry their own bilingual text).
 */
export function signingErrorKey(err: unknown): string | null {
  if (err instanceof SignatureError) return `sign.error.${err.code}`;
  return null;
}
