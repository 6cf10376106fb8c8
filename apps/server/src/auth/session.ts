import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { members, sessions, users } from '@hopso/db/schema/index';
import type { CouncilRole } from '@hopso/shared/roles';

export const sessionCookie = 'hopso_session';

/** The signed-in user as routes see it: identity and system role; council roles are looked up per request. */
export interface AuthUser {
  id: string;
  username: string;
  fullName: string;
  isSystemAdmin: boolean;
  totpEnabled: boolean;
  sessionId: string;
  /** When the session ends by itself; a socket opened with it is disconnected then. */
  sessionExpiresAt: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** The session id a cookie token stands for (its SHA-256): what the sockets of that session are grouped by. */
export const sessionIdOf = hashToken;

/** Starts a session and returns the cookie token; only its hash is stored. */
export async function createSession(db: Db, userId: string, meta: { ip: string; userAgent: string | null; days: number; now: Date }): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(meta.now.getTime() + meta.days * 86400_000);
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null });
  // Expired sessions no longer authenticate anyone; dropping the user's old ones keeps the table small.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, meta.now)));
  return { token, expiresAt };
}

/** The user behind a cookie token, if the session exists and has not expired. */
export async function findSessionUser(db: Db, token: string, now: Date): Promise<AuthUser | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const [row] = await db
    .select({ id: users.id, username: users.username, fullName: users.fullName, isSystemAdmin: users.isSystemAdmin, totpSecret: users.totpSecret, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row) return null;
  return { id: row.id, username: row.username, fullName: row.fullName, isSystemAdmin: row.isSystemAdmin, totpEnabled: row.totpSecret !== null, sessionId: id, sessionExpiresAt: row.expiresAt };
}

/** Ends the session behind a cookie token, if any: a sign-in on a tablet that still holds another one retires it. */
export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
  if (!token || token.length > 100) return;
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** "Log out everywhere": every device of the user loses its session at once. */
export async function deleteAllSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** The user's role in each council they belong to. */
export async function membershipsOf(db: Db, userId: string): Promise<{ councilId: string; role: CouncilRole }[]> {
  return db.select({ councilId: members.councilId, role: members.role }).from(members).where(eq(members.userId, userId));
}

/** Reads one cookie from a Cookie header (Socket.IO handshakes come without Hono's helpers). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
