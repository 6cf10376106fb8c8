import type { ChannelSettings, ChannelSettingsView, DeliveryStatus, DeliveryView, NotificationList } from '@hopso/shared/notifications';
import { api } from '../api.ts';

const enc = encodeURIComponent;

/** The notification calls of docs/api.md "Notifications". */
export const notificationEndpoints = {
  list: (query: { before?: string | null; limit?: number } = {}) => {
    const params = new URLSearchParams({ limit: String(query.limit ?? 20), ...(query.before ? { before: query.before } : {}) });
    return api.get<NotificationList>(`/api/notifications?${params}`);
  },
  unread: () => api.get<{ ok: true; unread: number }>('/api/notifications/unread'),
  markRead: (id: string) => api.post<{ ok: true; unread: number }>(`/api/notifications/${enc(id)}/read`),
  markAllRead: () => api.post<{ ok: true; unread: number }>('/api/notifications/read-all'),
  settings: () => api.get<{ ok: true; settings: ChannelSettingsView }>('/api/notifications/settings'),
  saveSettings: (body: ChannelSettings) => api.put<{ ok: true; settings: ChannelSettingsView }>('/api/notifications/settings', body),
  deliveries: (councilId: string, status?: DeliveryStatus) =>
    api.get<{ ok: true; deliveries: DeliveryView[]; totals: Record<DeliveryStatus, number> }>(`/api/councils/${enc(councilId)}/deliveries${status ? `?status=${status}` : ''}`),
  retry: (councilId: string, deliveryId: string) => api.post<{ ok: true }>(`/api/councils/${enc(councilId)}/deliveries/${enc(deliveryId)}/retry`),
};
