import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from './testing.ts';
import { councils, members, users } from './schema/index.ts';

describe('database', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(); });
  afterAll(async () => { await t.close(); });

  it('applies the migrations and round-trips a council with a member', async () => {
    const [council] = await t.db.insert(councils).values({ name: 'HĐND xã Test', level: 'commune', locality: 'Test' }).returning();
    const [user] = await t.db.insert(users).values({ username: 'a', fullName: 'Nguyễn Văn A', passwordHash: 'x', calendarToken: 'tok-a' }).returning();
    await t.db.insert(members).values({ councilId: council!.id, userId: user!.id, role: 'delegate' });
    const rows = await t.db.select().from(members).where(eq(members.councilId, council!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('delegate');
  });

  it('rejects a second membership of the same user in the same council', async () => {
    const [council] = await t.db.insert(councils).values({ name: 'HĐND xã B', level: 'commune', locality: 'B' }).returning();
    const [user] = await t.db.insert(users).values({ username: 'b', fullName: 'B', passwordHash: 'x', calendarToken: 'tok-b' }).returning();
    await t.db.insert(members).values({ councilId: council!.id, userId: user!.id, role: 'delegate' });
    await expect(t.db.insert(members).values({ councilId: council!.id, userId: user!.id, role: 'chair' })).rejects.toThrow();
  });
});
