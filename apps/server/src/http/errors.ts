import { errorCatalog, type ErrorBody, type ErrorCode, type FieldErrors, type ImportRowError } from '@hopso/shared/errors';
import type { z } from 'zod';

/** An expected failure with a code from the shared catalog; routes throw it, onError turns it into JSON. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly rows: ImportRowError[] | undefined;
  constructor(code: ErrorCode, extra: { fields?: FieldErrors; rows?: ImportRowError[] } = {}) {
    super(errorCatalog[code].en);
    this.code = code;
    this.fields = extra.fields;
    this.rows = extra.rows;
  }
  get status(): number {
    return errorCatalog[this.code].status;
  }
}

/** The response body for an error code; the one place an error becomes what the user reads. */
export function errorBody(code: ErrorCode, extra: { fields?: FieldErrors; rows?: ImportRowError[] } = {}): ErrorBody {
  const { vi, en } = errorCatalog[code];
  return { ok: false, code, message: vi, messageEn: en, ...extra };
}

/** zod issues as "path → messages", the shape the forms show next to their fields. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
