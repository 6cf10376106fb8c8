import { shouldShowTour } from '@hopso/shared/guidance';
import { guidanceEndpoints } from './endpoints.ts';
import { tourTransition, type TourAction, type TourView } from './tour.ts';

/**
 * The one tour of the app: the tablet page offers it (shown when the server says this user never finished it),
 * the help menu replays it, and the host in the header draws it. Ending it tells the server, so it stays seen
 * across reloads and devices.
 */
class Tour {
  view = $state<TourView>({ open: false });
  #offeredTo: string | null = null;

  /** A first run for `userId`, asked once per page load and person; a failed look-up just shows nothing. */
  async offer(userId: string): Promise<void> {
    if (this.#offeredTo === userId) return;
    this.#offeredTo = userId;
    try {
      const { tour } = await guidanceEndpoints.tour();
      if (shouldShowTour(tour) && !this.view.open) this.#apply({ type: 'start', auto: true });
    } catch {
      // Offline or signed out: the tour waits for the next visit.
    }
  }

  restart(): void {
    this.#apply({ type: 'start', auto: false });
  }
  next(): void {
    this.#apply({ type: 'next' });
  }
  back(): void {
    this.#apply({ type: 'back' });
  }
  close(): void {
    this.#apply({ type: 'close' });
  }

  #apply(action: TourAction): void {
    const { view, markSeen } = tourTransition(this.view, action);
    this.view = view;
    if (markSeen) void guidanceEndpoints.tourSeen().catch(() => undefined);
  }
}

export const tour = new Tour();
