/** When an agenda item was live: its first `agenda.live` event, until the next change of live item. */
export interface ItemTime {
  liveAt: Date | null;
  endAt: Date | null;
}

/**
 * Derives agenda item times from the meeting event log (ordered by seq). An item set live twice keeps its
 * first start and its last end; an item still live at the end of the log has no end yet.
 */
export function itemTimes(events: readonly { type: string; payload: Record<string, unknown>; at: Date }[]): Map<string, ItemTime> {
  const out = new Map<string, ItemTime>();
  let current: string | null = null;
  for (const e of events) {
    if (e.type !== 'agenda.live') continue;
    const itemId = typeof e.payload.itemId === 'string' ? e.payload.itemId : null;
    if (current && current !== itemId) out.get(current)!.endAt = e.at;
    if (itemId && itemId !== current) {
      const seen = out.get(itemId);
      if (seen) seen.endAt = null;
      else out.set(itemId, { liveAt: e.at, endAt: null });
    }
    current = itemId;
  }
  return out;
}
