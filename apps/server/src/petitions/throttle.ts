import { createHash } from 'node:crypto';
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { petitionIntakeHits } from '@hopso/db/schema/index';

/**
 * Portal petitions per client address in the window. Generous: many citizens share one address behind a
 * mobile carrier's NAT, and a family or a village office may send several; a script sending hundreds is
 * what it stops. Counted in the database so restarts and several server nodes share it.
 */
export const intakeLimit = { windowMinutes: 15, perSource: 10 } as const;

/** The address as stored: hashed, so the table is no list of who wrote to the council from where. */
const source = (ip: string) => createHash('sha256').update(`petition-intake:${ip}`).digest('hex').slice(0, 32);

export async function intakeAllowed(db: Db, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - intakeLimit.windowMinutes * 60_000);
  const [row] = await db.select({ n: count() }).from(petitionIntakeHits).where(and(eq(petitionIntakeHits.source, source(ip)), gt(petitionIntakeHits.at, since)));
  return (row?.n ?? 0) < intakeLimit.perSource;
}

/** Counts a submission (honeypot catches included) and forgets those older than a day. */
export async function recordIntake(db: Db, ip: string, now: Date): Promise<void> {
  await db.insert(petitionIntakeHits).values({ source: source(ip), at: now });
  await db.delete(petitionIntakeHits).where(lt(petitionIntakeHits.at, new Date(now.getTime() - 24 * 3600_000)));
}
