import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, like, or } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { committeeMembers, committees, delegateGroups, members, users } from '@hopso/db/schema/index';
import type { Member, MemberImportResponse, MemberImportRow } from '@hopso/shared/member';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { usernameFromName } from './csv.ts';

export async function listMembers(db: Db, councilId: string): Promise<Member[]> {
  const rows = await db
    .select({ id: members.id, userId: users.id, fullName: users.fullName, username: users.username, email: users.email, phone: users.phone, role: members.role, title: members.title, group: delegateGroups.name })
    .from(members).innerJoin(users, eq(users.id, members.userId)).leftJoin(delegateGroups, eq(delegateGroups.id, members.delegateGroupId))
    .where(eq(members.councilId, councilId)).orderBy(asc(users.fullName));
  const memberIds = rows.map((r) => r.id);
  const links = memberIds.length
    ? await db.select({ memberId: committeeMembers.memberId, name: committees.name }).from(committeeMembers)
        .innerJoin(committees, eq(committees.id, committeeMembers.committeeId)).where(inArray(committeeMembers.memberId, memberIds))
    : [];
  return rows.map((r) => ({ ...r, committees: links.filter((l) => l.memberId === r.id).map((l) => l.name).sort() }));
}

/** Picks a free username from a wish ("an", "an2", "an3"…), looking at the database and names taken in this import. */
async function freeUsername(db: Db, wish: string, taken: Set<string>): Promise<string> {
  const existing = new Set((await db.select({ u: users.username }).from(users).where(or(eq(users.username, wish), like(users.username, `${wish}%`)))).map((r) => r.u));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? wish : `${wish}${n}`;
    if (!existing.has(candidate) && !taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

async function idsByName(db: Db, table: typeof committees | typeof delegateGroups, councilId: string, names: Set<string>): Promise<Map<string, string>> {
  if (names.size) await db.insert(table).values([...names].map((name) => ({ councilId, name }))).onConflictDoNothing();
  const rows = names.size ? await db.select({ id: table.id, name: table.name }).from(table).where(and(eq(table.councilId, councilId), inArray(table.name, [...names]))) : [];
  return new Map(rows.map((r) => [r.name, r.id]));
}

const splitCommittees = (value: string | null) => (value ?? '').split(';').map((s) => s.trim()).filter(Boolean);

/**
 * Imports validated rows in one transaction: people with a known e-mail keep their account; new people get
 * an account with a generated password (returned once, to hand out); an existing member's role, group and
 * committees are updated, so importing the same file twice changes nothing.
 */
export async function importMembers(db: Db, councilId: string, rows: MemberImportRow[]): Promise<MemberImportResponse> {
  const emails = rows.map((r) => r.email).filter((e): e is string => e !== null);
  const known = new Map((emails.length ? await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails)) : []).map((u) => [u.email!, u.id]));
  const taken = new Set<string>();
  const fresh: { row: MemberImportRow; username: string; password: string; hash: string }[] = [];
  for (const row of rows) {
    if (row.email && known.has(row.email)) continue;
    const wish = row.email ? usernameFromName(row.email.split('@')[0]!) : usernameFromName(row.name);
    const password = generatePassword();
    // Hash outside the transaction: scrypt is deliberately slow and must not hold database locks.
    fresh.push({ row, username: await freeUsername(db, wish, taken), password, hash: await hashPassword(password) });
  }

  await db.transaction(async (tx) => {
    const committeeIds = await idsByName(tx, committees, councilId, new Set(rows.flatMap((r) => splitCommittees(r.committee))));
    const groupIds = await idsByName(tx, delegateGroups, councilId, new Set(rows.map((r) => r.group).filter((g): g is string => g !== null)));
    const userIds = new Map<MemberImportRow, string>();
    for (const f of fresh) {
      const [u] = await tx.insert(users).values({ username: f.username, fullName: f.row.name, email: f.row.email, phone: f.row.phone, passwordHash: f.hash, calendarToken: randomBytes(24).toString('base64url') }).returning({ id: users.id });
      userIds.set(f.row, u!.id);
    }
    for (const row of rows) {
      const userId = userIds.get(row) ?? known.get(row.email!)!;
      const values = { role: row.role, title: row.title, delegateGroupId: row.group ? groupIds.get(row.group) ?? null : null };
      const [member] = await tx.insert(members).values({ councilId, userId, ...values })
        .onConflictDoUpdate({ target: [members.councilId, members.userId], set: values }).returning({ id: members.id });
      await tx.delete(committeeMembers).where(eq(committeeMembers.memberId, member!.id));
      const links = splitCommittees(row.committee).map((name) => ({ committeeId: committeeIds.get(name)!, memberId: member!.id }));
      if (links.length) await tx.insert(committeeMembers).values(links);
    }
  });
  return { ok: true, imported: rows.length, credentials: fresh.map((f) => ({ name: f.row.name, username: f.username, password: f.password })) };
}
