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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one permission table: which role holds which permission. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  manager: ['project:read', 'project:create', 'project:update', 'results:edit', 'activity:edit', 'comment:create'],
  partner: ['project:read', 'comment:create'],
  donor: ['project:read'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
