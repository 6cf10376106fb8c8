import { describe, expect, it } from 'vitest';
import { buildAgendaTree, type AgendaItem } from '@hopso/shared/agenda';
import type { MeetingDocument } from '@hopso/shared/document';
import { agendaInOrder, countByAgendaItem, groupByAgendaItem } from './grouping.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function item(n: number, position: number, parent: number | null = null): AgendaItem {
  return { id: uuid(n), parentId: parent ? uuid(parent) : null, position, title: `Item ${n}`, description: null, presenter: null, durationMinutes: null, status: 'pending' };
}

function doc(n: number, agendaItem: number | null): MeetingDocument {
  return {
    id: uuid(100 + n), meetingId: uuid(999), agendaItemId: agendaItem ? uuid(agendaItem) : null, title: `Doc ${n}`,
    confidentiality: 'internal', current: null, late: false, changed: false, readable: true,
  };
}

// Agenda: 1 (id 1) → 1.1 (id 3), 2 (id 2); positions deliberately not in id order.
const tree = buildAgendaTree([item(2, 1), item(1, 0), item(3, 0, 1)]);

describe('groupByAgendaItem', () => {
  it('numbers items depth first, as the agenda prints them', () => {
    expect(agendaInOrder(tree).map((i) => i.number)).toEqual(['1', '1.1', '2']);
  });

  it('puts general documents first, then one section per item with documents, in agenda order', () => {
    const sections = groupByAgendaItem([doc(1, 2), doc(2, null), doc(3, 3), doc(4, 2)], tree);
    expect(sections.map((s) => s.item?.number ?? 'general')).toEqual(['general', '1.1', '2']);
    expect(sections[2]!.documents.map((d) => d.title)).toEqual(['Doc 1', 'Doc 4']);
    expect(sections[1]!.item).toEqual({ id: uuid(3), number: '1.1', title: 'Item 3' });
  });

  it('leaves out the general section when every document has an item', () => {
    expect(groupByAgendaItem([doc(1, 1)], tree).map((s) => s.item?.number)).toEqual(['1']);
  });

  it('treats a document whose item left the agenda as general', () => {
    const sections = groupByAgendaItem([doc(1, 42)], tree);
    expect(sections).toEqual([{ item: null, documents: [doc(1, 42)] }]);
  });

  it('returns no section for no documents', () => {
    expect(groupByAgendaItem([], tree)).toEqual([]);
  });
});

describe('countByAgendaItem', () => {
  it('counts documents per agenda item and skips general ones', () => {
    const counts = countByAgendaItem([doc(1, 2), doc(2, null), doc(3, 2), doc(4, 3)]);
    expect([...counts]).toEqual([[uuid(2), 2], [uuid(3), 1]]);
  });
});
