import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { eq } from 'drizzle-orm';
import { councils, members, users } from '@hopso/db/schema/index';
import { loginRequest, totpEnableRequest, type SessionUser } from '@hopso/shared/auth';
import type { Db } from '@hopso/db/client';
import { AppError, fieldError } from '../http/errors.ts';
import { readJson, requireUser, type AppContext, type AppEnv } from '../http/context.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { createSession, deleteAllSessions, deleteSession, deleteSessionByToken, sessionCookie, sessionIdOf, type AuthUser } from './session.ts';
import { clearFailures, isThrottled, recordFailure } from './throttle.ts';
import { newTotpSecret, totpUri, verifyTotp } from './totp.ts';
import { audited } from '../audit/log.ts';

/** The client address: the socket's, or the proxy's X-Forwarded-For when the operator says a proxy is in front. */
export function clientIp(c: AppContext): string {
  if (c.var.deps.config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return getConnInfo(c).remote.address ?? 'unknown';
}

function isHttps(c: AppContext): boolean {
  if (c.var.deps.config.TRUST_PROXY && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export async function sessionUserView(db: Db, user: Omit<AuthUser, 'sessionId' | 'sessionExpiresAt'>): Promise<SessionUser> {
  const rows = await db
    .select({ councilId: members.councilId, councilName: councils.name, role: members.role })
    .from(members).innerJoin(councils, eq(councils.id, members.councilId))
    .where(eq(members.userId, user.id));
  return { id: user.id, username: user.username, fullName: user.fullName, isSystemAdmin: user.isSystemAdmin, totpEnabled: user.totpEnabled, memberships: rows };
}

/** TOTP is offered to those who can change what others see: system admins, council admins and chairs. */
async function mayUseTotp(db: Db, user: AuthUser): Promise<boolean> {
  if (user.isSystemAdmin) return true;
  const rows = await db.select({ role: members.role }).from(members).where(eq(members.userId, user.id));
  return rows.some((r) => r.role === 'admin' || r.role === 'chair');
}

export const authRoutes = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const { db, config, now, log } = c.var.deps;
    const body = await readJson(c, loginRequest);
    const ip = clientIp(c);
    if (await isThrottled(db, body.username, ip, now())) {
      log.warn('login throttled', { username: body.username, ip });
      throw new AppError('rate_limited');
    }
    const [user] = await db.select().from(users).where(eq(users.username, body.username));
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? decoyHash);
    if (!user || !passwordOk) {
      await audited(db, (tx) => recordFailure(tx, body.username, ip, now()), { action: 'auth.loginFailed', actorId: user?.id ?? null, targetType: 'user', targetId: user?.id ?? null, details: { username: body.username, ip, reason: 'password' } });
      throw new AppError('invalid_credentials');
    }
    if (user.totpSecret) {
      if (!body.totp) throw new AppError('totp_required');
      if (!verifyTotp(user.totpSecret, body.totp)) {
        await audited(db, (tx) => recordFailure(tx, body.username, ip, now()), { action: 'auth.loginFailed', actorId: user.id, targetType: 'user', targetId: user.id, details: { username: body.username, ip, reason: 'totp' } });
        throw new AppError('totp_invalid');
      }
    }
    await clearFailures(db, body.username);
    // A fresh token on every sign-in: a token planted before login (session fixation) is never upgraded, and
    // the session the browser held until now (another user's on a shared tablet, or this user's) ends here.
    const old = getCookie(c, sessionCookie);
    if (old) deleteCookie(c, sessionCookie, { path: '/' });
    const { token, expiresAt } = await audited(db, async (tx) => {
      if (old) await deleteSessionByToken(tx, old);
      return createSession(tx, user.id, { ip, userAgent: c.req.header('user-agent') ?? null, days: config.SESSION_DAYS, now: now() });
    },
      { action: 'auth.login', actorId: user.id, targetType: 'user', targetId: user.id, details: { ip } });
    if (old) c.var.deps.endSockets({ sessionId: sessionIdOf(old) });
    setCookie(c, sessionCookie, token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', expires: expiresAt });
    log.info('login', { userId: user.id });
    const view = await sessionUserView(db, { ...user, totpEnabled: user.totpSecret !== null });
    return c.json({ ok: true as const, user: view });
  })
  .post('/logout', async (c) => {
    const user = c.get('user');
    if (user) {
      await audited(c.var.deps.db, (tx) => deleteSession(tx, user.sessionId), { action: 'auth.logout', actorId: user.id, targetType: 'user', targetId: user.id });
      c.var.deps.endSockets({ sessionId: user.sessionId });
    }
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.json({ ok: true as const });
  })
  .post('/logout-all', async (c) => {
    const user = requireUser(c);
    await audited(c.var.deps.db, (tx) => deleteAllSessions(tx, user.id), { action: 'auth.logout', actorId: user.id, targetType: 'user', targetId: user.id, details: { everywhere: true } });
    c.var.deps.endSockets({ userId: user.id });
    deleteCookie(c, sessionCookie, { path: '/' });
    c.var.log.info('logout everywhere', { userId: user.id });
    return c.json({ ok: true as const });
  })
  .get('/me', async (c) => {
    const user = requireUser(c);
    return c.json({ ok: true as const, user: await sessionUserView(c.var.deps.db, user) });
  })
  .post('/totp/setup', async (c) => {
    const user = requireUser(c);
    if (!(await mayUseTotp(c.var.deps.db, user))) throw new AppError('forbidden');
    const secret = newTotpSecret();
    // Nothing is stored until the user proves with a code that the app holds this secret.
    return c.json({ ok: true as const, secret, uri: totpUri(secret, user.username) });
  })
  .post('/totp/enable', async (c) => {
    const user = requireUser(c);
    const { db } = c.var.deps;
    if (!(await mayUseTotp(db, user))) throw new AppError('forbidden');
    const body = await readJson(c, totpEnableRequest);
    if (!verifyTotp(body.secret, body.code)) throw new AppError('totp_invalid', { fields: fieldError('code', 'Mã không đúng', 'Wrong code') });
    // The secret itself never goes into the audit log.
    await audited(db, (tx) => tx.update(users).set({ totpSecret: body.secret }).where(eq(users.id, user.id)), { action: 'auth.totpEnabled', actorId: user.id, targetType: 'user', targetId: user.id });
    c.var.log.info('totp enabled', { userId: user.id });
    return c.json({ ok: true as const });
  })
  .get('/calendar', async (c) => {
    const user = requireUser(c);
    const [row] = await c.var.deps.db.select({ token: users.calendarToken }).from(users).where(eq(users.id, user.id));
    if (!row) throw new AppError('unauthenticated');
    return c.json({ ok: true as const, url: `/api/calendar/${row.token}.ics` });
  });
