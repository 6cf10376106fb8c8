import { and, eq, like } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { notifications } from '@hopso/db/schema/index';
import type { ConsultationRow } from './service.ts';

/** The users already reminded about a consultation (any offset): the progress screen shows it. */
export async function remindedUsers(db: Db, row: Pick<ConsultationRow, 'id'>): Promise<Set<string>> {
  const rows = await db.select({ userId: notifications.userId }).from(notifications)
    .where(and(eq(notifications.event, 'consultation.reminder'), like(notifications.key, `${row.id}:%`)));
  return new Set(rows.map((r) => r.userId));
}
