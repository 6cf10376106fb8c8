import { buildAgendaTree, type AgendaItem, type AgendaNode } from '@hopso/shared/agenda';
import { councilTimeZone } from '@hopso/shared/time';

/** The agenda in reading order with printed numbers ("1", "1.1"), for live screens that list it flat. */
export function numberedAgenda(items: readonly AgendaItem[]): { node: AgendaNode; depth: number }[] {
  const out: { node: AgendaNode; depth: number }[] = [];
  const walk = (nodes: AgendaNode[], depth: number) => {
    for (const n of nodes) {
      out.push({ node: n, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(buildAgendaTree(items), 0);
  return out;
}

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: councilTimeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "08:05" in Vietnam time, for check-in times and the projector clock. */
export function formatClock(at: Date | string | number): string {
  return clock.format(new Date(at));
}

/** Elapsed time as "12:05" (or "1:02:03" past an hour), for the live item timer. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const day = new Intl.DateTimeFormat('en-GB', { timeZone: councilTimeZone, day: '2-digit', month: '2-digit', year: 'numeric' });

/** "27/12/2026" in Vietnam time, for due dates of written answers. */
export function formatDay(at: Date | string | number): string {
  return day.format(new Date(at));
}
