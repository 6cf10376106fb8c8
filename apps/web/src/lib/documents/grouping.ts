import type { AgendaNode } from '@hopso/shared/agenda';
import type { MeetingDocument } from '@hopso/shared/document';

/** The agenda item a section of the document list belongs to, as printed on the agenda ("2.1"). */
export interface SectionItem {
  id: string;
  number: string;
  title: string;
}

/** Documents of one agenda item, or the meeting's general documents when `item` is null. */
export interface DocumentSection {
  item: SectionItem | null;
  documents: MeetingDocument[];
}

/** Agenda items in the order they are printed: each item, then its sub-items (depth first). */
export function agendaInOrder(tree: readonly AgendaNode[]): SectionItem[] {
  return tree.flatMap((n) => [{ id: n.id, number: n.number, title: n.title }, ...agendaInOrder(n.children)]);
}

/**
 * Groups a meeting's documents the way delegates read them: first the general documents (invitation,
 * programme), then one section per agenda item that has documents, in agenda order. A document whose item
 * is no longer on the agenda counts as general rather than disappearing. Order inside a section is the
 * server's (upload order).
 */
export function groupByAgendaItem(documents: readonly MeetingDocument[], tree: readonly AgendaNode[]): DocumentSection[] {
  const items = agendaInOrder(tree);
  const known = new Set(items.map((i) => i.id));
  const general = documents.filter((d) => !d.agendaItemId || !known.has(d.agendaItemId));
  const sections: DocumentSection[] = general.length ? [{ item: null, documents: general }] : [];
  for (const item of items) {
    const docs = documents.filter((d) => d.agendaItemId === item.id);
    if (docs.length) sections.push({ item, documents: docs });
  }
  return sections;
}

/** How many documents each agenda item has, for the count shown on the agenda. */
export function countByAgendaItem(documents: readonly MeetingDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of documents) if (d.agendaItemId) counts.set(d.agendaItemId, (counts.get(d.agendaItemId) ?? 0) + 1);
  return counts;
}
