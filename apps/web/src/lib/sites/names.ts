import type { SiteView } from '@hopso/shared/sites';

/** The name of where someone attends: a site's name, or null for the main hall (the caller says "Hội trường chính"). */
export function siteName(sites: readonly SiteView[] | undefined, siteId: string | null | undefined): string | null {
  return siteId ? sites?.find((s) => s.id === siteId)?.name ?? null : null;
}

/** The sites a user is the secretary of (thư ký điểm cầu). */
export function sitesRunBy(sites: readonly SiteView[] | undefined, userId: string | undefined): SiteView[] {
  return userId ? (sites ?? []).filter((s) => s.secretaryId === userId) : [];
}
