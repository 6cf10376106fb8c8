import type { Consultation } from '@hopso/shared/consultation';
import { Remote } from '../ui/remote.svelte.ts';
import { consultationEndpoints } from './endpoints.ts';

/**
 * The consultation a `[consultationId]` page shows (the member's answer page, the secretariat's page), read
 * again when the address names another one. A panel that changes it sets `value` to what the server
 * answered. Call during component initialisation (it sets up an effect).
 */
export function followConsultation(id: () => string): Remote<Consultation> {
  const consultation = new Remote<Consultation>(async () => (await consultationEndpoints.get(id())).consultation);
  $effect(() => {
    void id();
    void consultation.load();
  });
  return consultation;
}
