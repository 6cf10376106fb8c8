import type { SessionUser } from '@hopso/shared/auth';
import { isSecretariat } from '@hopso/shared/roles';
import { ApiError, onUnauthenticated } from '../api.ts';
import { endpoints } from '../endpoints.ts';

type Status = 'unknown' | 'loading' | 'signedIn' | 'signedOut' | 'error';

/** Councils whose secretariat area the user may open (admin, secretary, chair, clerk), for the top nav. */
export function secretariatCouncils(user: SessionUser | null): { councilId: string; councilName: string }[] {
  if (!user) return [];
  return user.memberships
    .filter((m) => isSecretariat(m.role, false))
    .map(({ councilId, councilName }) => ({ councilId, councilName }));
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
    onUnauthenticated(() => this.clear());
  }

  async load(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const { user } = await endpoints.me();
      this.set(user);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.clear();
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
  }

  clear(): void {
    this.user = null;
    this.status = 'signedOut';
  }

  /** The user's role in a council (null when not a member; system admins may still be allowed). */
  roleIn(councilId: string) {
    return this.user?.memberships.find((m) => m.councilId === councilId)?.role ?? null;
  }

  async logout(everywhere: boolean): Promise<void> {
    try {
      await (everywhere ? endpoints.logoutAll() : endpoints.logout());
    } finally {
      this.clear();
    }
  }
}

export const session = new Session();
