/**
 * The callers of the authorization matrix (authz.test.ts) and the groups of them that recur in the rows each
 * feature's testing.ts contributes: declared once, so a new kind of caller is added in one place. `guest` is
 * a guest of the council not invited to the matrix's meeting, `invitedGuest` one who is.
 */
export const actors = ['anonymous', 'admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest', 'invitedGuest', 'outsider'] as const;
export type Actor = (typeof actors)[number];

/**
 * The callers of rows that do not involve the matrix's meeting: they name the guest only, and the matrix
 * gives the invited guest a guest's rights there (asGuestElsewhere in authz.test.ts).
 */
export type CouncilActor = Exclude<Actor, 'invitedGuest'>;

/** Everyone with a session. */
export const signedIn: readonly Actor[] = actors.filter((a) => a !== 'anonymous');
/** Whoever may see the matrix's meeting: the secretariat, its invited delegates and the guest invited to it. */
export const attendees: readonly Actor[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'invitedGuest'];
/** The council's secretariat: administrator, chair, secretary and clerk. */
export const secretariat: readonly Actor[] = ['admin', 'chair', 'secretary', 'clerk'];
/** Those who manage the council and its meetings (meeting.manage, council.update and the like in shared/roles.ts). */
export const managers: readonly Actor[] = ['admin', 'secretary'];
