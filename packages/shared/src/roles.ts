/** Roles a user can hold in one council (DESIGN.md "Who uses it"); `public` is the absence of a login. */
export const councilRoles = ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest'] as const;
export type CouncilRole = (typeof councilRoles)[number];

/**
 * The roles of the council's delegates (đại biểu HĐND), the chair among them: they vote, count towards the
 * quorum, are consulted, comment on drafts and sit on supervision delegations.
 */
export const delegateRoles = ['chair', 'delegate'] as const satisfies readonly CouncilRole[];

/** Whether a member's role (null: not a member) is a delegate's. */
export function isDelegateRole(role: string | null | undefined): boolean {
  return (delegateRoles as readonly (string | null | undefined)[]).includes(role);
}

/**
 * Every action the server authorizes, mapped to the council roles allowed to do it.
 * One table so the server, the web app and the authorization matrix test read the same truth.
 * A system administrator (user.isSystemAdmin) may do everything; `council.create` is theirs alone.
 */
export const permissions = {
  'council.create': [],
  'council.read': ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest'],
  'council.update': ['admin', 'secretary'],
  'member.read': ['admin', 'chair', 'secretary', 'clerk', 'delegate'],
  'member.import': ['admin', 'secretary'],
  'committee.manage': ['admin', 'secretary'],
  'meeting.readAll': ['admin', 'chair', 'secretary', 'clerk'],
  'meeting.manage': ['admin', 'secretary'],
  /** Upload, replace, edit and delete meeting documents; see read receipts. */
  'document.manage': ['admin', 'secretary', 'clerk'],
  /** Run a live meeting: attendance, live agenda item, polls. */
  'live.run': ['admin', 'chair', 'secretary'],
  /** See the council's resolutions (drafts for signature included) and download them. */
  'resolution.read': ['admin', 'chair', 'secretary', 'clerk', 'delegate'],
  /** Turn an adopted poll into a numbered resolution, assign its signer, publish it, upload the seal image. */
  'resolution.manage': ['admin', 'secretary'],
  /** Sign resolutions: the chair, unless the council assigned someone else to a resolution (checked per row). */
  'resolution.sign': ['chair'],
  /** Add and remove trust store certificates and CRLs. */
  'trust.manage': ['admin'],
  /** Draft and finalise the minutes (biên bản): the secretary records them. */
  'minutes.manage': ['admin', 'secretary'],
  /** Preview draft minutes, export attendance and poll results, download the meeting's whole record (ZIP). */
  'record.export': ['admin', 'chair', 'secretary', 'clerk'],
  /** Add, correct and remove recordings and their offsets per agenda item. */
  'recording.manage': ['admin', 'secretary', 'clerk'],
  /** Read the council's audit log and check its hash chain: those who answer for the record. */
  'audit.read': ['admin', 'chair', 'secretary'],
  /** Read the council's supervision topics (giám sát chuyên đề), their documents and the follow-up of recommendations. */
  'supervision.read': ['admin', 'chair', 'secretary', 'clerk', 'delegate'],
  /** Plan a supervision topic, record its schedule, documents, findings and follow-up, publish its results. */
  'supervision.manage': ['admin', 'chair', 'secretary'],
  /** The Resolution 57 KPI dashboard and its monthly export: the secretariat and the chair who report it. */
  'kpi.read': ['admin', 'chair', 'secretary', 'clerk'],
  /** See the council's voter petitions (who sent them included), their statistics and merge suggestions. */
  'petition.read': ['admin', 'chair', 'secretary', 'clerk'],
  /** Enter petitions from voter-contact meetings; classify, merge, assign, record and publish answers. */
  'petition.manage': ['admin', 'secretary', 'clerk'],
  /** The council's petition settings (name/contact required, answer days) and classification keyword rules. */
  'petition.configure': ['admin', 'secretary'],
  /** See written consultations (phiếu xin ý kiến), who has answered and the result sheet; export it. */
  'consultation.read': ['admin', 'chair', 'secretary', 'clerk'],
  /** Prepare, send and close written consultations. */
  'consultation.manage': ['admin', 'chair', 'secretary'],
  /** See the council's outgoing notification queue (e-mail, SMS, Zalo) with its failures, and retry a delivery. */
  'notification.queue': ['admin', 'secretary', 'clerk'],
} as const satisfies Record<string, readonly CouncilRole[]>;
export type Action = keyof typeof permissions;

/** Whether a council role (or a system administrator) may perform an action. */
export function can(action: Action, role: CouncilRole | null, isSystemAdmin = false): boolean {
  if (isSystemAdmin) return true;
  if (role === null) return false;
  return (permissions[action] as readonly CouncilRole[]).includes(role);
}

/** Roles that make up "the secretariat": they see every meeting of the council, drafts included. */
export function isSecretariat(role: CouncilRole | null, isSystemAdmin = false): boolean {
  return can('meeting.readAll', role, isSystemAdmin);
}
