import type { PetitionChannel } from '@hopso/shared/petitions';
import { receivePetition, type IncomingPetition, type IntakeDeps, type Received } from '../intake.ts';

// A channel can deliver the same message twice at the same moment (an SMTP client retrying on a slow reply,
// Zalo resending while we store the first). Both look for its externalRef, neither finds it, and the
// database's unique (council, channel, external_ref) lets only one insert through. The other is then a
// repeat, not a failure: received again, it finds the first one's petition.

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** receivePetition for a channel message with an externalRef: a concurrent duplicate answers as repeated. */
export async function receiveOnce(deps: IntakeDeps, councilId: string, input: IncomingPetition, channel: PetitionChannel): Promise<Received> {
  try {
    return await receivePetition(deps, councilId, input, channel);
  } catch (err) {
    if (!input.externalRef || !isUniqueViolation(err)) throw err;
    return receivePetition(deps, councilId, input, channel);
  }
}
