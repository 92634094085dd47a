import { and, eq } from 'drizzle-orm';
import { hasPermission, type Permission } from '@shared/permissions';
import { first, type Db } from '../db/client';
import { projectMembers, projects } from '../db/schema';
import { forbidden, notFound } from '../http/app-error';
import type { AuthUser } from '../http/session';

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
 * Record-level access: someone who is not a member gets 404, as if the project did not
 * exist, so its records are not even confirmed. A member without the permission gets 403.
 */
export async function assertProjectAccess(db: Db, user: AuthUser, projectId: number, permission: Permission): Promise<void> {
  if (!(await isProjectVisible(db, user, projectId))) throw notFound('Project');
  if (!hasPermission(user.role, permission)) throw forbidden();
}
