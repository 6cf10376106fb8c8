import { errorCatalog, splitBilingual, type ErrorBody, type ErrorCode, type FieldErrors, type FieldMessage, type ImportRowError } from '@hopso/shared/errors';
import { z } from 'zod';

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

const locales = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

/**
 * Why an input failed a schema, per field, in Vietnamese and English: zod's own messages come from its
 * locales, a schema's custom messages are written in both languages (shared `bilingual`).
 */
export function fieldErrors(schema: z.ZodType, input: unknown): FieldErrors {
  const vi = schema.safeParse(input, { error: locales.vi }).error?.issues ?? [];
  const en = schema.safeParse(input, { error: locales.en }).error?.issues ?? [];
  const out: FieldErrors = {};
  vi.forEach((issue, index) => {
    const key = issue.path.length ? issue.path.join('.') : '_';
    const custom = splitBilingual(issue.message);
    const message = custom.vi !== custom.en ? custom : { vi: issue.message, en: en[index]?.message ?? issue.message };
    (out[key] ??= []).push(message);
  });
  return out;
}

/** A field error the server itself finds (a rule no schema can check), in both languages. */
export function fieldError(field: string, vi: string, en: string): FieldErrors {
  return { [field]: [{ vi, en } satisfies FieldMessage] };
}
