import { eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { councils } from '@hopso/db/schema/index';
import { councilBySlug } from '../../portal/queries.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The council a channel's configuration names (PETITION_SMTP_COUNCIL, ZALO_COUNCIL): its id, or its portal
 * slug ("hdnd-xa-tan-phu", easier to write in an env file). Null when there is none.
 */
export async function configuredCouncil(db: Db, ref: string): Promise<string | null> {
  if (uuid.test(ref)) {
    const [row] = await db.select({ id: councils.id }).from(councils).where(eq(councils.id, ref));
    return row?.id ?? null;
  }
  return (await councilBySlug(db, ref))?.id ?? null;
}
