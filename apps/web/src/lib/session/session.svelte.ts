import type { SessionUser } from '@hopso/shared/auth';
import { isSecretariat } from '@hopso/shared/roles';
import { ApiError, NetworkError, onUnauthenticated } from '../api.ts';
import { endpoints } from '../endpoints.ts';
import { forgetAllMeetings } from '../offline/keep.ts';
import { dropPending, flushPending } from '../viewer/pending.ts';

type Status = 'unknown' | 'loading' | 'signedIn' | 'signedOut' | 'error';

/** Councils whose secretariat area the user may open (admin, secretary, chair, clerk), for the top nav. */
export function secretariatCouncils(user: SessionUser | null): { councilId: string; councilName: string }[] {
  if (!user) return [];
  return user.memberships
    .filter((m) => isSecretariat(m.role, false))
    .map(({ councilId, councilName }) => ({ councilId, councilName }));
}

/**
 * The user last signed in on this tab, so a reload during a Wi-Fi drop can still draw the meeting and its
 * kept documents (with the reader's name in the watermark). sessionStorage: it lives as long as the tab and
 * never reaches another tab; /api/auth itself is never kept by the service worker.
 */
const rememberedKey = 'hopso.offline-user';

function remembered(): SessionUser | null {
  try {
    const raw = sessionStorage.getItem(rememberedKey);
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  } catch {
    return null;
  }
}

function remember(user: SessionUser | null): void {
  try {
    if (user) sessionStorage.setItem(rememberedKey, JSON.stringify(user));
    else sessionStorage.removeItem(rememberedKey);
  } catch {
    // storage unavailable: offline reloads just show the connection error
  }
}

/**
 * The signed-in user as /api/auth/me reports it. One instance for the app; the layout loads it once and
 * every API 401 ("unauthenticated") flips it to signedOut so the layout sends the user to /login.
 */
class Session {
  user = $state<SessionUser | null>(null);
  status = $state<Status>('unknown');
  error = $state<unknown>(null);

  secretariat = $derived(secretariatCouncils(this.user));

  constructor() {
    onUnauthenticated(() => void this.clear());
  }

  async load(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const { user } = await endpoints.me();
      this.set(user);
    } catch (err) {
      const offlineUser = err instanceof NetworkError ? remembered() : null;
      if (err instanceof ApiError && err.status === 401) void this.clear();
      else if (offlineUser) this.set(offlineUser);
      else {
        this.error = err;
        this.status = 'error';
      }
    }
  }

  /**
   * Re-reads the user after the account changed (two-step sign-in turned on). Unlike load() it leaves
   * `status` alone, so the layout keeps the current page mounted while it runs.
   */
  async refresh(): Promise<void> {
    const { user } = await endpoints.me();
    this.set(user);
  }

  set(user: SessionUser): void {
    this.user = user;
    this.status = 'signedIn';
    remember(user);
    if (navigator.onLine) void flushPending(user.id);
  }

  /** Signed out (or the session ended): the kept meetings go, so no internal document stays on the tablet. */
  clear(): Promise<void> {
    this.user = null;
    this.status = 'signedOut';
    remember(null);
    return forgetAllMeetings().catch(() => {});
  }

  /** The user's role in a council (null when not a member; system admins may still be allowed). */
  roleIn(councilId: string) {
    return this.user?.memberships.find((m) => m.councilId === councilId)?.role ?? null;
  }

  /** Signs out; private notes still waiting for the network are sent first if possible, then dropped. */
  async logout(everywhere: boolean): Promise<void> {
    const userId = this.user?.id;
    try {
      if (userId) await flushPending(userId);
      await (everywhere ? endpoints.logoutAll() : endpoints.logout());
    } finally {
      if (userId) dropPending(userId);
      await this.clear();
    }
  }
}

export const session = new Session();
