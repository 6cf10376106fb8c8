// Which database engine each browser e2e file runs on when `npm test` runs the two e2e passes side by side
// (HOPSO_E2E_SPLIT=1, tests/run-all.ts). Every server route and database path runs on both engines in the
// unit suite; a browser file adds what the tablet makes of them, so most files run in one pass and the two
// passes share them out to take about as long (seconds measured per file, loaded, in brackets). The smoke
// start and the live sitting (agenda, attendance, quorum and votes over Socket.IO, which on PostgreSQL go
// through its adapter) run on both. A pass run on its own (`npm test -- --only "e2e (postgres)"`) runs every
// file. tests/e2e-engines.test.ts fails when a file is missing here, so a new one is placed on purpose.
export type E2eEngine = 'pglite' | 'postgres';

export const e2eEngines: Record<string, E2eEngine | 'both'> = {
  'smoke.test.ts': 'both',
  'live.test.ts': 'both',
  // Checked only in the browser: axe tours, pdf.js rendering and touch gestures.
  'accessibility.test.ts': 'pglite', // 148
  'accessibility-more.test.ts': 'postgres', // 130
  'viewer.test.ts': 'postgres', // 106
  'viewer-touch.test.ts': 'postgres', // 9
  'documents.test.ts': 'pglite', // 62
  'guidance.test.ts': 'pglite', // 42
  'counting.test.ts': 'postgres', // 42
  'remote-sites.test.ts': 'pglite', // 35
  'consultations.test.ts': 'postgres', // 35
  'foundation.test.ts': 'pglite', // 35
  'floor.test.ts': 'postgres', // 30
  'petitions.test.ts': 'pglite', // 30
  'qr-checkin.test.ts': 'postgres', // 29
  'invitations.test.ts': 'pglite', // 28
  'record.test.ts': 'postgres', // 24
  'meeting-end.test.ts': 'pglite', // 23
  'audit.test.ts': 'pglite', // 19
  'draft-comments.test.ts': 'postgres', // 18
  'offline.test.ts': 'postgres', // 15
  'notifications.test.ts': 'pglite', // 14
  'council-rules.test.ts': 'pglite', // 12
  'resolutions.test.ts': 'postgres', // 12
  'petitions-email.test.ts': 'pglite', // 11
  'trust-store.test.ts': 'postgres', // 10
  'kpi.test.ts': 'postgres', // 6
  'xss.test.ts': 'pglite', // 5
  'portal.test.ts': 'postgres', // 3
};

/** The e2e files (names in tests/e2e) a pass on `engine` leaves to the other pass. */
export function leftToOtherPass(engine: E2eEngine): string[] {
  return Object.entries(e2eEngines).filter(([, on]) => on !== 'both' && on !== engine).map(([file]) => file);
}
