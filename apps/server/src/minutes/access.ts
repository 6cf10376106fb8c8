import { can, type Action } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import type { AppContext } from '../http/context.ts';
import { loadMeeting } from '../meetings/access.ts';

/**
 * Loads a meeting for its record (minutes, exports, recordings): whoever may read the meeting passes;
 * with an action, the caller's council role must also allow it (403 otherwise). A rehearsal is a 409.
 */
export async function loadRecordMeeting(c: AppContext, meetingId: string, action?: Action) {
  const loaded = await loadMeeting(c, meetingId, 'read');
  const allowed = (a: Action) => can(a, loaded.role, loaded.user.isSystemAdmin);
  if (action && !allowed(action)) throw new AppError('forbidden');
  // A rehearsal leaves no record: no minutes, exports or recordings of a practice sitting.
  if (loaded.meeting.rehearsal) throw new AppError('rehearsal_meeting');
  return { ...loaded, allowed };
}
