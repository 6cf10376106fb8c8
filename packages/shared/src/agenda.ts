import { z } from 'zod';

export const agendaStatuses = ['pending', 'live', 'done', 'postponed'] as const;
export type AgendaStatus = (typeof agendaStatuses)[number];

/** How deep agenda items may nest (part → item → sub-item), as printed agendas go. */
export const maxAgendaDepth = 3;

const fields = {
  title: z.string().trim().min(2).max(500),
  description: z.string().trim().max(5000).optional().transform((v) => v || null),
  presenter: z.string().trim().max(300).optional().transform((v) => v || null),
  durationMinutes: z.number().int().min(1).max(600).nullable().optional().transform((v) => v ?? null),
};

export const createAgendaItemRequest = z.object({ ...fields, parentId: z.uuid().nullable().default(null) });
export type CreateAgendaItemRequest = z.input<typeof createAgendaItemRequest>;

export const updateAgendaItemRequest = z.object(fields).partial();
export type UpdateAgendaItemRequest = z.input<typeof updateAgendaItemRequest>;

/** Move an item under `parentId` (null = top level) at `position` (0-based) among its new siblings. */
export const moveAgendaItemRequest = z.object({ parentId: z.uuid().nullable(), position: z.number().int().min(0) });
export type MoveAgendaItemRequest = z.infer<typeof moveAgendaItemRequest>;

export const agendaItemSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  presenter: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  status: z.enum(agendaStatuses),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type AgendaNode = AgendaItem & { number: string; children: AgendaNode[] };

/**
 * Builds the agenda tree from flat rows, ordered by position, and numbers it as printed agendas are
 * ("1", "1.1", "1.1.2"). Orphans (parent missing) are kept at the top level rather than lost.
 */
export function buildAgendaTree(items: readonly AgendaItem[]): AgendaNode[] {
  const nodes = new Map(items.map((i) => [i.id, { ...i, number: '', children: [] as AgendaNode[] }]));
  const roots: AgendaNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const number = (list: AgendaNode[], prefix: string) => {
    list.sort((a, b) => a.position - b.position);
    list.forEach((n, i) => {
      n.number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      number(n.children, n.number);
    });
  };
  number(roots, '');
  return roots;
}
