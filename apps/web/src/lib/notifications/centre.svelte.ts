import type { NotificationNewPayload } from '@hopso/shared/notifications';
import { holdRealtime, type RealtimeHold } from '../realtime/socket.ts';
import { notificationEndpoints } from './endpoints.ts';

/**
 * The signed-in user's unread count, kept live: read over HTTP on start and after every reconnection
 * (pushes made while offline are lost), then moved by `notification.new` from the user's room. One for the
 * app; the bell in the header starts it, the notification centre page listens to `onNew` to reload.
 */
class NotificationCentre {
  unread = $state(0);
  /** Bumped on every pushed notification, so a page can reload its list. */
  pushes = $state(0);
  #stop: (() => void) | null = null;

  start(hold: () => RealtimeHold = holdRealtime): void {
    if (this.#stop) return;
    const { socket, release } = hold();
    const connected = () => void this.refresh();
    const pushed = (payload: NotificationNewPayload) => {
      this.unread = payload.unread;
      this.pushes++;
    };
    socket.on('connect', connected);
    socket.on('notification.new', pushed);
    this.#stop = () => {
      socket.off('connect', connected);
      socket.off('notification.new', pushed);
      release();
    };
    void this.refresh();
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
    this.unread = 0;
  }

  refresh = async (): Promise<void> => {
    try {
      this.unread = (await notificationEndpoints.unread()).unread;
    } catch {
      // offline or signed out: the count stays as it was until the next connection
    }
  };
}

export const notificationCentre = new NotificationCentre();
