import type { SiteInput, SiteView } from '@hopso/shared/sites';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** The calls of docs/api.md "Remote sites and the print pack". */
export const siteEndpoints = {
  list: (meetingId: string) => api.get<{ ok: true; sites: SiteView[] }>(`/api/meetings/${enc(meetingId)}/sites`),
  create: (meetingId: string, body: SiteInput) => api.post<{ ok: true; site: SiteView }>(`/api/meetings/${enc(meetingId)}/sites`, body),
  remove: (meetingId: string, siteId: string) => api.del<{ ok: true }>(`/api/meetings/${enc(meetingId)}/sites/${enc(siteId)}`),
  /** Plain links: the browser downloads them with the session cookie. */
  packUrl: (meetingId: string, userId: string) => `/api/meetings/${enc(meetingId)}/print-pack/${enc(userId)}`,
  allPacksUrl: (meetingId: string) => `/api/meetings/${enc(meetingId)}/print-pack.zip`,
};
