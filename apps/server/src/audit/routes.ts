import { Hono } from 'hono';
import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { auditLog, meetings, members, users } from '@hopso/db/schema/index';
import { auditListQuery, type AuditAction, type AuditEntryView } from '@hopso/shared/audit';
import { idParam, readQuery, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { verifyChain } from './verify.ts';

/**
 * /api/councils/:councilId/audit — the council's entries (its own, its meetings', and sign-ins of its
 * members), newest first, with filters; /audit/verify checks the whole chain (it is one chain for all).
 */
export const councilAuditRoutes = new Hono<AppEnv>()
  .get('/:councilId/audit', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'audit.read', councilId);
    const q = readQuery(c, auditListQuery);
    const { db } = c.var.deps;
    const ofCouncil = or(
      eq(auditLog.councilId, councilId),
      inArray(auditLog.meetingId, db.select({ id: meetings.id }).from(meetings).where(eq(meetings.councilId, councilId))),
      and(isNull(auditLog.councilId), isNull(auditLog.meetingId), inArray(auditLog.actorId, db.select({ id: members.userId }).from(members).where(eq(members.councilId, councilId)))),
    );
    const rows = await db.select({ entry: auditLog, actorName: users.fullName }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(ofCouncil,
        q.action ? (q.action.endsWith('.') ? sql`${auditLog.action} like ${`${q.action}%`}` : eq(auditLog.action, q.action)) : undefined,
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.meetingId ? eq(auditLog.meetingId, q.meetingId) : undefined,
        q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
        q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
        q.before ? lt(auditLog.seq, q.before) : undefined))
      .orderBy(desc(auditLog.seq)).limit(q.limit);
    const entries: AuditEntryView[] = rows.map(({ entry: e, actorName }) => ({
      seq: e.seq, at: e.at.toISOString(), action: e.action as AuditAction, actorId: e.actorId, actorName, councilId: e.councilId, meetingId: e.meetingId,
      targetType: e.targetType, targetId: e.targetId, details: e.details, prevHash: e.prevHash, hash: e.hash,
    }));
    return c.json({ ok: true as const, entries });
  })
  .get('/:councilId/audit/verify', async (c) => {
    await authorizeCouncil(c, 'audit.read', idParam(c, 'councilId'));
    return c.json({ ok: true as const, result: await verifyChain(c.var.deps.db) });
  });
