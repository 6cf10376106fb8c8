import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { agendaItems } from '@hopso/db/schema/index';
import { maxAgendaDepth, type AgendaItem } from '@hopso/shared/agenda';
import type { z } from 'zod';
import type { createAgendaItemRequest, updateAgendaItemRequest } from '@hopso/shared/agenda';

export type AgendaRow = typeof agendaItems.$inferSelect;

const view = (r: AgendaRow): AgendaItem => ({
  id: r.id, parentId: r.parentId, position: r.position, title: r.title, description: r.description,
  presenter: r.presenter, durationMinutes: r.durationMinutes, status: r.status,
});

export async function listAgenda(db: Db, meetingId: string): Promise<AgendaItem[]> {
  const rows = await db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
  return rows.map(view);
}

export async function getAgendaItem(db: Db, itemId: string): Promise<AgendaRow | null> {
  const [row] = await db.select().from(agendaItems).where(eq(agendaItems.id, itemId));
  return row ?? null;
}

/** Why an agenda change cannot be made, as a field error for the form (English message, Vietnamese `vi`). */
export class AgendaRuleError extends Error {
  readonly vi: string;
  constructor(vi: string, en: string) {
    super(en);
    this.vi = vi;
  }
}
const notInMeeting = () => new AgendaRuleError('Mục cha không thuộc cuộc họp này', 'The parent is not an item of this meeting');
const tooDeep = () => new AgendaRuleError(`Chương trình chỉ lồng tối đa ${maxAgendaDepth} cấp`, `Items nest at most ${maxAgendaDepth} levels deep`);

/** Depth of an item (1 = top level), walking parents in the flat list. */
function depthOf(items: AgendaItem[], id: string | null): number {
  let depth = 0;
  for (let cur = id; cur; cur = items.find((i) => i.id === cur)?.parentId ?? null) depth++;
  return depth;
}

/** Height of the subtree under an item (1 = no children). */
function heightOf(items: AgendaItem[], id: string): number {
  const children = items.filter((i) => i.parentId === id);
  return 1 + Math.max(0, ...children.map((c) => heightOf(items, c.id)));
}

const siblingsWhere = (meetingId: string, parentId: string | null) =>
  and(eq(agendaItems.meetingId, meetingId), parentId ? eq(agendaItems.parentId, parentId) : isNull(agendaItems.parentId));

export async function addAgendaItem(db: Db, meetingId: string, input: z.output<typeof createAgendaItemRequest>): Promise<AgendaItem> {
  return db.transaction(async (tx) => {
    const items = await listAgenda(tx, meetingId);
    if (input.parentId && !items.some((i) => i.id === input.parentId)) throw notInMeeting();
    if (depthOf(items, input.parentId) + 1 > maxAgendaDepth) throw tooDeep();
    const position = items.filter((i) => i.parentId === input.parentId).length;
    const [row] = await tx.insert(agendaItems).values({ meetingId, ...input, position }).returning();
    return view(row!);
  });
}

export async function updateAgendaItem(db: Db, itemId: string, input: z.output<typeof updateAgendaItemRequest>): Promise<AgendaItem> {
  const [row] = await db.update(agendaItems).set(input).where(eq(agendaItems.id, itemId)).returning();
  return view(row!);
}

/** Renumbers a list of siblings 0..n-1 in the given order, touching only rows whose position changed. */
async function renumber(db: Db, ordered: AgendaItem[]): Promise<void> {
  for (const [index, item] of ordered.entries()) {
    if (item.position !== index) await db.update(agendaItems).set({ position: index }).where(eq(agendaItems.id, item.id));
  }
}

/** Moves an item (with its sub-items) under a new parent at a position among its new siblings. */
export async function moveAgendaItem(db: Db, item: AgendaRow, parentId: string | null, position: number): Promise<AgendaItem[]> {
  return db.transaction(async (tx) => {
    const items = await listAgenda(tx, item.meetingId);
    if (parentId) {
      if (!items.some((i) => i.id === parentId)) throw notInMeeting();
      for (let cur: string | null = parentId; cur; cur = items.find((i) => i.id === cur)?.parentId ?? null) {
        if (cur === item.id) throw new AgendaRuleError('Không thể chuyển một mục vào bên trong chính nó', 'An item cannot move under itself');
      }
    }
    if (depthOf(items, parentId) + heightOf(items, item.id) > maxAgendaDepth) throw tooDeep();
    const oldSiblings = items.filter((i) => i.parentId === item.parentId && i.id !== item.id).sort((a, b) => a.position - b.position);
    const newSiblings = parentId === item.parentId ? oldSiblings : items.filter((i) => i.parentId === parentId && i.id !== item.id).sort((a, b) => a.position - b.position);
    const moved = { ...view(item), parentId, position: -1 };
    newSiblings.splice(Math.min(position, newSiblings.length), 0, moved);
    if (parentId !== item.parentId) {
      await tx.update(agendaItems).set({ parentId }).where(eq(agendaItems.id, item.id));
      await renumber(tx, oldSiblings);
    }
    await renumber(tx, newSiblings);
    return listAgenda(tx, item.meetingId);
  });
}

/** Deletes an item; its sub-items go with it (foreign key cascade) and the remaining siblings close the gap. */
export async function deleteAgendaItem(db: Db, item: AgendaRow): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
    const siblings = (await tx.select().from(agendaItems).where(siblingsWhere(item.meetingId, item.parentId)).orderBy(asc(agendaItems.position))).map(view);
    await renumber(tx, siblings);
  });
}
