import { createHash } from 'node:crypto';

/** The columns of an audit entry that its hash covers (everything but the row id and the hash itself). */
export interface ChainedContent {
  seq: number;
  at: Date;
  action: string;
  actorId: string | null;
  councilId: string | null;
  meetingId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * SHA-256 (hex) over the entry's canonical content including its sequence number and the previous entry's
 * hash: changing any column, or moving the entry elsewhere in the chain, changes it. The one definition
 * used by appending and by every verifier (server, CLI).
 */
export function entryHash(e: ChainedContent): string {
  const content = canonicalJson([e.seq, e.at.toISOString(), e.action, e.actorId, e.councilId, e.meetingId, e.targetType, e.targetId, e.details, e.prevHash]);
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
