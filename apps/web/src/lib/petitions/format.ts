import type { Locale } from '@hopso/shared/auth';
import type { PetitionAction, PetitionChannel, PetitionInput, PetitionListQuery, PetitionStatus } from '@hopso/shared/petitions';
import { petitionChannels, petitionStatuses, vietnamDate } from '@hopso/shared/petitions';
import { ApiError } from '../api.ts';

/** The badge colour of a status (app.css badges): waiting amber, with an agency blue, answered/published green. */
export const statusBadge: Record<PetitionStatus, string> = {
  received: 'badge-draft', classified: 'badge-draft', assigned: 'badge-kind', answered: 'badge-published', published: 'badge-published',
  closed: 'badge-closed', merged: 'badge-closed',
};

/** The list's filters as the form holds them: '' means "any". */
export interface PetitionFilter {
  status: PetitionStatus | '';
  channel: PetitionChannel | '';
  field: string;
  locality: string;
  agency: string;
  q: string;
  overdue: boolean;
}

export const noFilter = (): PetitionFilter => ({ status: '', channel: '', field: '', locality: '', agency: '', q: '', overdue: false });

/** Petitions per page of the secretariat's list. */
export const pageSize = 20;

/** The API query for a filter and page. */
export function toListQuery(f: PetitionFilter, offset = 0, limit = pageSize): PetitionListQuery {
  return {
    status: f.status || undefined, channel: f.channel || undefined, field: f.field.trim() || undefined, locality: f.locality.trim() || undefined,
    agency: f.agency.trim() || undefined, q: f.q.trim() || undefined, overdue: f.overdue ? 'true' : undefined, limit, offset,
  };
}

/**
 * The filter and offset kept in the page's address (same names as the API), so going back from a petition
 * returns to the same filtered page; anything malformed is ignored.
 */
export function filterFromSearch(params: Pick<URLSearchParams, 'get'>): { filter: PetitionFilter; offset: number } {
  const status = params.get('status') ?? '';
  const channel = params.get('channel') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  return {
    filter: {
      status: (petitionStatuses as readonly string[]).includes(status) ? (status as PetitionStatus) : '',
      channel: (petitionChannels as readonly string[]).includes(channel) ? (channel as PetitionChannel) : '',
      field: params.get('field') ?? '', locality: params.get('locality') ?? '', agency: params.get('agency') ?? '', q: params.get('q') ?? '',
      overdue: params.get('overdue') === 'true',
    },
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The page address's query for a filter and offset (the inverse of filterFromSearch). */
export function filterSearch(f: PetitionFilter, offset: number): string {
  const { limit: _limit, offset: _offset, ...query } = toListQuery(f, offset);
  return listQueryString(offset > 0 ? { ...query, offset } : query);
}

/** The step the workflow expects next in a status: the form the petition page opens first. */
const nextStep: Partial<Record<PetitionStatus, PetitionAction>> = { received: 'classify', classified: 'assign', assigned: 'answer', answered: 'publish' };

/** The action to offer first among those allowed: the next workflow step, else the first allowed. */
export function firstAction(status: PetitionStatus, allowed: readonly PetitionAction[]): PetitionAction | null {
  const next = nextStep[status];
  return next && allowed.includes(next) ? next : (allowed[0] ?? null);
}

/** The list's query string: only the filters that are set, so the server applies its own defaults for the rest. */
export function listQueryString(filter: PetitionListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** "2026-05-31" or an instant as the council writes it, day first and in Vietnam time: 31/05/2026. */
export function dayMonthYear(value: string | null): string {
  if (!value) return '—';
  const date = value.length > 10 ? vietnamDate(new Date(value)) : value;
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The server's messages for one field path ("deadline", "items.3.content"), in the UI language, or null. */
export function fieldMessage(err: unknown, path: string, locale: Locale): string | null {
  if (!(err instanceof ApiError) || !err.fields?.[path]?.length) return null;
  return err.fields[path].map((m) => m[locale]).join(' ');
}

/**
 * The same error without the field messages a form already shows beside its inputs, so ErrorMessage says
 * the summary once instead of repeating every field below the form.
 */
export function withoutShownFields(err: unknown, shown: (path: string) => boolean): unknown {
  if (!(err instanceof ApiError) || !err.fields) return err;
  const rest = Object.fromEntries(Object.entries(err.fields).filter(([path]) => !shown(path)));
  return new ApiError(err.status, { ...err.body, fields: Object.keys(rest).length ? rest : undefined });
}

/** Keywords typed as one text, separated by commas, semicolons or lines; blanks and repeats dropped. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const k = part.trim();
    const key = k.toLocaleLowerCase('vi');
    if (!k || seen.has(key)) continue;
    seen.add(key);
    out.push(k);
  }
  return out;
}

/** One row of the voter-contact entry form, as the clerk types it. */
export interface BulkRow { locality: string; content: string; submitterName: string; submitterContact: string }

export const emptyRow = (): BulkRow => ({ locality: '', content: '', submitterName: '', submitterContact: '' });

/**
 * The rows to send: untouched blank rows are left out, and `rowOf[i]` says which form row the server's
 * `items.i.*` errors belong to.
 */
export function bulkItems(rows: readonly BulkRow[]): { items: PetitionInput[]; rowOf: number[] } {
  const items: PetitionInput[] = [];
  const rowOf: number[] = [];
  rows.forEach((r, index) => {
    if (!r.locality.trim() && !r.content.trim() && !r.submitterName.trim() && !r.submitterContact.trim()) return;
    items.push({ locality: r.locality, content: r.content, submitterName: r.submitterName || null, submitterContact: r.submitterContact || null });
    rowOf.push(index);
  });
  return { items, rowOf };
}

/** The number of pages for `total` rows shown `limit` at a time (at least one, so "1/1" on an empty list). */
export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(total / limit));
}
