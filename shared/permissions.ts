import type { Role } from './enums';

/**
 * Everything a user may be allowed to do. Project-scoped permissions also need
 * membership of the project (admins are members of every project).
 */
export const PERMISSIONS = [
  'project:read',
  'project:create',
  'project:update',
  'results:edit',
  'activity:edit',
  'comment:create',
  'users:manage',
  /** See and export personal data in the diaspora registry (names, contacts, attendance lists). */
  'registry:read-personal',
  /** Add, change, import and erase registry records and attendance. */
  'registry:edit',
  /** Budget lines, revisions, tolerance and the expenditure ledger (incl. CSV import). */
  'budget:edit',
  /** Indicators and their periods; recording, editing and submitting values and their evidence. */
  'indicator:edit',
  /** Seeing indicator values that are not approved yet (drafts, submitted, returned) and the M&E overview. */
  'value:view_unapproved',
  /** Approving or returning a submitted value (never one's own submission). */
  'value:approve',
  /** Unlocking a period whose value is approved, with a reason. */
  'period:unlock',
  /** Writing period reports: create, edit, delete drafts and submit them. */
  'report:edit',
  /** Reviewing submitted reports: accept, or return them with comments. */
  'report:review',
  /** Importing IATI activity files (creates or updates projects). */
  'iati:import',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one permission table: which role holds which permission. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  manager: [
    'project:read',
    'project:create',
    'project:update',
    'results:edit',
    'activity:edit',
    'comment:create',
    'budget:edit',
    'indicator:edit',
    'value:view_unapproved',
    'value:approve',
    'registry:read-personal',
    'registry:edit',
    'report:edit',
    'iati:import',
  ],
  partner: ['project:read', 'comment:create'],
  donor: ['project:read', 'report:review'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
