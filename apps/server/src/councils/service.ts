import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { committeeMembers, committees, councils, delegateGroups, members, terms } from '@hopso/db/schema/index';
import type { Body, Council, CreateCouncilRequest, CreateTermRequest, Term } from '@hopso/shared/council';

type CouncilRow = typeof councils.$inferSelect;

async function termsOf(db: Db, councilIds: string[]): Promise<Map<string, Term[]>> {
  const byCouncil = new Map<string, Term[]>();
  if (councilIds.length === 0) return byCouncil;
  const rows = await db.select().from(terms).where(inArray(terms.councilId, councilIds)).orderBy(asc(terms.startsOn));
  for (const t of rows) {
    const list = byCouncil.get(t.councilId) ?? [];
    list.push({ id: t.id, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn });
    byCouncil.set(t.councilId, list);
  }
  return byCouncil;
}

function view(row: CouncilRow, termList: Term[]): Council {
  return { id: row.id, name: row.name, level: row.level, locality: row.locality, terms: termList };
}

/** Councils the user belongs to (all of them for a system administrator), with the user's role in each. */
export async function listCouncils(db: Db, userId: string, isSystemAdmin: boolean) {
  const rows = isSystemAdmin
    ? await db.select().from(councils).orderBy(asc(councils.name))
    : (await db.select({ council: councils }).from(members).innerJoin(councils, eq(councils.id, members.councilId))
        .where(eq(members.userId, userId)).orderBy(asc(councils.name))).map((r) => r.council);
  const roles = new Map((await db.select({ councilId: members.councilId, role: members.role }).from(members).where(eq(members.userId, userId))).map((r) => [r.councilId, r.role]));
  const termMap = await termsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...view(r, termMap.get(r.id) ?? []), role: roles.get(r.id) ?? null }));
}

export async function getCouncil(db: Db, councilId: string): Promise<Council | null> {
  const [row] = await db.select().from(councils).where(eq(councils.id, councilId));
  if (!row) return null;
  return view(row, (await termsOf(db, [row.id])).get(row.id) ?? []);
}

export async function createCouncil(db: Db, input: CreateCouncilRequest): Promise<Council> {
  const [row] = await db.insert(councils).values(input).returning();
  return view(row!, []);
}

export async function createTerm(db: Db, councilId: string, input: CreateTermRequest): Promise<Term> {
  const [row] = await db.insert(terms).values({ councilId, ...input }).returning();
  return { id: row!.id, name: row!.name, startsOn: row!.startsOn, endsOn: row!.endsOn };
}

/** Committees (Ban) of a council with their member counts. */
export async function listCommittees(db: Db, councilId: string): Promise<Body[]> {
  return db.select({ id: committees.id, name: committees.name, memberCount: count(committeeMembers.memberId) })
    .from(committees).leftJoin(committeeMembers, eq(committeeMembers.committeeId, committees.id))
    .where(eq(committees.councilId, councilId)).groupBy(committees.id).orderBy(asc(committees.name));
}

/** Delegate groups (Tổ đại biểu) of a council with their member counts. */
export async function listGroups(db: Db, councilId: string): Promise<Body[]> {
  return db.select({ id: delegateGroups.id, name: delegateGroups.name, memberCount: count(members.id) })
    .from(delegateGroups).leftJoin(members, eq(members.delegateGroupId, delegateGroups.id))
    .where(eq(delegateGroups.councilId, councilId)).groupBy(delegateGroups.id).orderBy(asc(delegateGroups.name));
}

export async function createCommittee(db: Db, councilId: string, name: string): Promise<Body> {
  const [row] = await db.insert(committees).values({ councilId, name }).onConflictDoNothing().returning();
  if (!row) throw new DuplicateName();
  return { id: row.id, name: row.name, memberCount: 0 };
}

export async function createGroup(db: Db, councilId: string, name: string): Promise<Body> {
  const [row] = await db.insert(delegateGroups).values({ councilId, name }).onConflictDoNothing().returning();
  if (!row) throw new DuplicateName();
  return { id: row.id, name: row.name, memberCount: 0 };
}

/** A committee or group of that name already exists in the council. */
export class DuplicateName extends Error {}
