import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { loginFailures } from '@hopso/db/schema/index';

/** Failed sign-ins allowed in the window: per account (guessing one password) and per address (spraying). */
export const throttle = { windowMinutes: 15, perUsername: 5, perIp: 30 } as const;

/** Whether this username or address has failed too often recently. Stored in the database so that
 *  restarts and several server nodes share the count. */
export async function isThrottled(db: Db, username: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - throttle.windowMinutes * 60_000);
  const [byUser] = await db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.username, username), gt(loginFailures.at, since)));
  if ((byUser?.n ?? 0) >= throttle.perUsername) return true;
  const [byIp] = await db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)));
  return (byIp?.n ?? 0) >= throttle.perIp;
}

export async function recordFailure(db: Db, username: string, ip: string, now: Date): Promise<void> {
  await db.insert(loginFailures).values({ username, ip, at: now });
  // Keep the table small: old failures no longer count for anything.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - 24 * 3600_000)));
}

/** A successful sign-in clears the account's failures (not the address's: one success must not unlock spraying). */
export async function clearFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.username, username));
}
