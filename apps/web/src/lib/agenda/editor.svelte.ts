import { buildAgendaTree, type AgendaItem, type UpdateAgendaItemRequest } from '@hopso/shared/agenda';
import { endpoints } from '../endpoints.ts';
import { ActionState } from '../ui/action.svelte.ts';
import { moveRequest, type MoveKind } from './moves.ts';

/** The editable fields of an agenda item as the form yields them. */
export interface AgendaFields {
  title: string;
  presenter: string;
  durationMinutes: number | null;
}

/** Ids of an item and everything under it, so a delete can drop the whole branch locally. */
export function branchIds(items: readonly AgendaItem[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const i of items) {
      if (i.parentId && ids.has(i.parentId) && !ids.has(i.id)) {
        ids.add(i.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * Agenda editing for one meeting: keeps the flat rows the server returns, derives the numbered tree,
 * and serialises actions (one at a time, so two quick taps cannot send conflicting moves).
 */
export class AgendaEditor extends ActionState {
  items = $state<AgendaItem[]>([]);
  tree = $derived(buildAgendaTree(this.items));
  readonly meetingId: string;

  constructor(meetingId: string, items: AgendaItem[]) {
    super();
    this.meetingId = meetingId;
    this.items = items;
  }

  /** Takes the agenda as the server now has it (pushed by another device); open item forms stay open. */
  replace(items: AgendaItem[]): void {
    this.items = items;
  }

  add(parentId: string | null, fields: AgendaFields): Promise<boolean> {
    return this.run(async () => {
      const { item } = await endpoints.addAgendaItem(this.meetingId, { ...fields, parentId });
      this.items = [...this.items, item];
    });
  }

  update(id: string, fields: UpdateAgendaItemRequest): Promise<boolean> {
    return this.run(async () => {
      const { item } = await endpoints.updateAgendaItem(id, fields);
      this.items = this.items.map((i) => (i.id === id ? item : i));
    });
  }

  canMove(id: string, kind: MoveKind): boolean {
    return moveRequest(this.tree, id, kind) !== null;
  }

  move(id: string, kind: MoveKind): Promise<boolean> {
    const body = moveRequest(this.tree, id, kind);
    if (!body) return Promise.resolve(false);
    return this.run(async () => {
      this.items = (await endpoints.moveAgendaItem(id, body)).agenda;
    });
  }

  remove(id: string): Promise<boolean> {
    return this.run(async () => {
      await endpoints.deleteAgendaItem(id);
      const gone = branchIds(this.items, id);
      this.items = this.items.filter((i) => !gone.has(i.id));
    });
  }
}
