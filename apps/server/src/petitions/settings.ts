import { asc, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { petitionRules, petitionSettings } from '@hopso/db/schema/index';
import { defaultPetitionSettings, type PetitionConfig, type PetitionRule, type PetitionSettings } from '@hopso/shared/petitions';
import { appendAudit } from '../audit/log.ts';

/** The council's petition settings, or the defaults when it never saved any. */
export async function settingsOf(db: Db, councilId: string): Promise<PetitionSettings> {
  const [row] = await db.select().from(petitionSettings).where(eq(petitionSettings.councilId, councilId));
  return row ? { requireName: row.requireName, requireContact: row.requireContact, answerDays: row.answerDays, intakeOpen: row.intakeOpen } : defaultPetitionSettings;
}

/** The council's keyword rules in the order it wrote them. */
export async function rulesOf(db: Db, councilId: string): Promise<PetitionRule[]> {
  const rows = await db.select().from(petitionRules).where(eq(petitionRules.councilId, councilId)).orderBy(asc(petitionRules.position));
  return rows.map((r) => ({ kind: r.kind, value: r.value, keywords: r.keywords }));
}

export async function configOf(db: Db, councilId: string): Promise<PetitionConfig> {
  const [settings, rules] = await Promise.all([settingsOf(db, councilId), rulesOf(db, councilId)]);
  return { settings, rules };
}

/** Replaces the settings and the whole rule list at once, audited in the same transaction. */
export async function saveConfig(db: Db, councilId: string, config: PetitionConfig): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(petitionSettings).values({ councilId, ...config.settings }).onConflictDoUpdate({ target: petitionSettings.councilId, set: config.settings });
    await tx.delete(petitionRules).where(eq(petitionRules.councilId, councilId));
    if (config.rules.length) await tx.insert(petitionRules).values(config.rules.map((r, position) => ({ councilId, ...r, position })));
    await appendAudit(tx, { action: 'petition.settingsChanged', councilId, targetType: 'council', targetId: councilId, details: { settings: config.settings, rules: config.rules.length } });
  });
}
