import { z } from 'zod';

// Remote sites (điểm cầu): a meeting held in the main hall and at remote sites at once. Delegates check in
// where they are and vote on their tablets as anywhere else; the quorum is one count over every site, with a
// breakdown per site for the hall and the projectors. The main hall has no site row: its id is `null`.
// Routes: docs/api.md "Remote sites"; events: docs/realtime.md.

/** A remote site as tablets, projectors and the console see it. */
export interface SiteView {
  id: string;
  name: string;
  /** The site secretary (thư ký điểm cầu), who marks attendance at this site. */
  secretaryId: string | null;
  secretaryName: string | null;
  position: number;
}

/** One line of the per-site breakdown: delegates present (or late) there, and everyone checked in there. */
export interface SiteAttendance {
  /** `null` for the main hall. */
  siteId: string | null;
  delegatesPresent: number;
  present: number;
}

export const siteInput = z.object({
  name: z.string().trim().min(2).max(200),
  secretaryId: z.uuid().nullable().default(null),
  position: z.number().int().min(0).max(1000).optional(),
});
export type SiteInput = z.input<typeof siteInput>;
/** Changes to a site: only the fields given are changed (`secretaryId: null` removes the secretary). */
export const siteUpdate = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  secretaryId: z.uuid().nullable().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});

/**
 * Who is present at each site (the main hall first, then the sites in order), counted from the attendance
 * list. The quorum itself is counted over all sites together; this only shows where the delegates are.
 */
export function siteBreakdown(
  attendance: readonly { isDelegate: boolean; status: string | null; siteId?: string | null }[],
  sites: readonly Pick<SiteView, 'id'>[],
): SiteAttendance[] {
  const lines: SiteAttendance[] = [null, ...sites.map((s) => s.id)].map((siteId) => ({ siteId, delegatesPresent: 0, present: 0 }));
  const byId = new Map(lines.map((l) => [l.siteId, l]));
  for (const a of attendance) {
    if (a.status !== 'present' && a.status !== 'late') continue;
    // A site removed since they checked in: they count in the main hall (the column is set null anyway).
    const line = byId.get(a.siteId ?? null) ?? lines[0]!;
    line.present += 1;
    if (a.isDelegate) line.delegatesPresent += 1;
  }
  return lines;
}

/** Whether a user may mark attendance at a site: those running the meeting anywhere, a site secretary at their own site only. */
export function mayMarkAt(siteId: string | null, user: { id: string; canRun: boolean }, sites: readonly Pick<SiteView, 'id' | 'secretaryId'>[]): boolean {
  if (user.canRun) return siteId === null || sites.some((s) => s.id === siteId);
  return siteId !== null && sites.some((s) => s.id === siteId && s.secretaryId === user.id);
}
