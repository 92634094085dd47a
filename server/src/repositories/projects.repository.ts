import { eq } from 'drizzle-orm';
import { single, type Db } from '../db/client';
import { projectCountries, projectMembers, projects } from '../db/schema';
import { updateVersioned } from './versioned';

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectInsert = typeof projects.$inferInsert;

/**
 * The one place that writes projects, their member states and their members: the
 * projects and users features, the IATI import and the seed all write through it.
 */
export function createProjectsTable(db: Db) {
  const setCountries = async (projectId: number, memberStates: string[]): Promise<void> => {
    await db.delete(projectCountries).where(eq(projectCountries.projectId, projectId));
    const unique = [...new Set(memberStates)];
    if (unique.length > 0) await db.insert(projectCountries).values(unique.map((country, position) => ({ projectId, country, position })));
  };
  return {
    setCountries,
    async insert(values: ProjectInsert, memberStates: string[]): Promise<ProjectRow> {
      const row = await single(db.insert(projects).values(values).returning());
      await setCountries(row.id, memberStates);
      return row;
    },
    updateVersioned: (id: number, version: number, values: Partial<ProjectInsert>) => updateVersioned(db, projects, projects.id, id, version, values),
    async addMember(projectId: number, userId: number): Promise<void> {
      await db.insert(projectMembers).values({ projectId, userId }).onConflictDoNothing();
    },
    async addMembers(projectId: number, userIds: number[]): Promise<void> {
      if (userIds.length > 0) await db.insert(projectMembers).values(userIds.map((userId) => ({ projectId, userId })));
    },
    /** Makes the user a member of exactly these projects. */
    async setMemberships(userId: number, projectIds: number[]): Promise<void> {
      await db.delete(projectMembers).where(eq(projectMembers.userId, userId));
      if (projectIds.length > 0) await db.insert(projectMembers).values(projectIds.map((projectId) => ({ projectId, userId })));
    },
  };
}
export type ProjectsTable = ReturnType<typeof createProjectsTable>;
