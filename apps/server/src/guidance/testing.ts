import { managers, signedIn } from '../authz-actors.ts';

/**
 * The guidance rows of the authorization matrix (apps/server/src/authz.test.ts): the tour is every signed-in
 * user's own; a rehearsal is started by those who manage the meeting (meeting.manage), from the demo session.
 */
export function guidanceAuthzRoutes(meetingId: () => string) {
  return [
    { route: 'GET /api/guidance/tour', path: () => '/api/guidance/tour', allowed: signedIn },
    { route: 'PUT /api/guidance/tour', path: () => '/api/guidance/tour', body: () => ({}), allowed: signedIn },
    { route: 'DELETE /api/guidance/tour', path: () => '/api/guidance/tour', allowed: signedIn },
    { route: 'POST /api/meetings/:meetingId/rehearsal', path: () => `/api/meetings/${meetingId()}/rehearsal`, body: () => ({}), allowed: managers },
  ];
}
