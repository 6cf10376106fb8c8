import { maxAgendaDepth, type AgendaNode, type MoveAgendaItemRequest } from '@hopso/shared/agenda';

export type MoveKind = 'up' | 'down' | 'indent' | 'outdent';

interface Located {
  node: AgendaNode;
  siblings: AgendaNode[];
  index: number;
  parent: AgendaNode | null;
  /** Ancestors from the root down to the parent. */
  ancestors: AgendaNode[];
}

/** Finds a node with its siblings and ancestors, so a move can be expressed as parentId + position. */
export function locate(tree: AgendaNode[], id: string): Located | null {
  const walk = (list: AgendaNode[], ancestors: AgendaNode[]): Located | null => {
    for (const [index, node] of list.entries()) {
      if (node.id === id) return { node, siblings: list, index, parent: ancestors.at(-1) ?? null, ancestors };
      const found = walk(node.children, [...ancestors, node]);
      if (found) return found;
    }
    return null;
  };
  return walk(tree, []);
}

/** How many levels a subtree occupies (a leaf is 1). */
export function subtreeHeight(node: AgendaNode): number {
  return 1 + Math.max(0, ...node.children.map(subtreeHeight));
}

/**
 * The POST /api/agenda-items/:id/move body for a toolbar action, or null when the action is not possible
 * (first item cannot go up, indenting would pass maxAgendaDepth, a top-level item cannot outdent…).
 * Positions are 0-based among the new siblings after the move.
 */
export function moveRequest(tree: AgendaNode[], id: string, kind: MoveKind): MoveAgendaItemRequest | null {
  const at = locate(tree, id);
  if (!at) return null;
  const parentId = at.parent?.id ?? null;
  switch (kind) {
    case 'up':
      return at.index > 0 ? { parentId, position: at.index - 1 } : null;
    case 'down':
      return at.index < at.siblings.length - 1 ? { parentId, position: at.index + 1 } : null;
    case 'indent': {
      const newParent = at.siblings[at.index - 1];
      if (!newParent) return null;
      const newDepth = at.ancestors.length + 1; // levels above the item once it sits under newParent
      if (newDepth + subtreeHeight(at.node) > maxAgendaDepth) return null;
      return { parentId: newParent.id, position: newParent.children.length };
    }
    case 'outdent': {
      if (!at.parent) return null;
      const grand = locate(tree, at.parent.id);
      if (!grand) return null;
      return { parentId: grand.parent?.id ?? null, position: grand.index + 1 };
    }
  }
}

/** Whether a child may be added under this item without passing maxAgendaDepth. */
export function canAddChild(tree: AgendaNode[], id: string): boolean {
  const at = locate(tree, id);
  return at !== null && at.ancestors.length + 2 <= maxAgendaDepth;
}
