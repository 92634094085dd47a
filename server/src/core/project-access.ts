import { and, eq } from 'drizzle-orm';
import { hasPermission, type Permission } from '@shared/permissions';
import { first, type Db } from '../db/client';
import { projectMembers, projects } from '../db/schema';
import { forbidden, notFound } from './errors';
import type { AuthUser } from './auth-user';

/** True when the user may see the project at all: admins see every project, others their own. */
export async function isProjectVisible(db: Db, user: AuthUser, projectId: number): Promise<boolean> {
  const exists = await first(db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)));
  if (!exists) return false;
  if (user.role === 'admin') return true;
  const member = await first(
    db
      .select({ p: projectMembers.projectId })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, user.id))),
  );
  return member !== undefined;
}

/**
 * Project-level access, for routes about a project (`/projects/:id/...`): someone who is not
 * a member gets the 404 of a project that does not exist. A member without the permission
 * gets 403. Routes about a record use `assertRecordAccess` instead.
 */
export async function assertProjectAccess(db: Db, user: AuthUser, projectId: number, permission: Permission): Promise<void> {
  if (!(await isProjectVisible(db, user, projectId))) throw notFound('Project');
  if (!hasPermission(user.role, permission)) throw forbidden();
}

/**
 * Record-level access: a record in a project the user may not see gets the very answer of a
 * record that does not exist (`<what> not found`, 404), so probing ids confirms nothing.
 * A member without the permission gets 403. Returns the record, known to exist.
 */
export async function assertRecordAccess<T extends { projectId: number }>(
  db: Db,
  user: AuthUser,
  record: T | null | undefined,
  what: string,
  permission: Permission,
): Promise<T> {
  if (!record || !(await isProjectVisible(db, user, record.projectId))) throw notFound(what);
  if (!hasPermission(user.role, permission)) throw forbidden();
  return record;
}
