import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ListUsersQuery, User } from '@shared/schemas/user';
import { first, type Db } from '../../db/client';
import { projectMembers, users } from '../../db/schema';
import { createUsersTable } from '../../repositories/users.repository';
import { createProjectsTable } from '../../repositories/projects.repository';

type UserRow = typeof users.$inferSelect;

function toUser(row: UserRow, projectIds: number[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organisation: row.organisation,
    role: row.role,
    locale: row.locale,
    disabled: row.disabledAt !== null,
    projectIds,
    createdAt: row.createdAt,
    version: row.version,
  };
}

async function membershipsOf(db: Db, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (userIds.length === 0) return map;
  const rows = await db.select().from(projectMembers).where(inArray(projectMembers.userId, userIds)).orderBy(asc(projectMembers.projectId));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.projectId]);
  return map;
}

export function createUsersRepository(db: Db) {
  const projectsTable = createProjectsTable(db);
  const usersTable = createUsersTable(db);
  return {
    async list(query: ListUsersQuery): Promise<User[]> {
      const where: SQL[] = [];
      if (query.role) where.push(eq(users.role, query.role));
      if (query.q) {
        const pattern = `%${query.q.toLocaleLowerCase('ru').replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        const match = or(
          sql`unicode_lower(${users.name}) LIKE ${pattern} ESCAPE '\\'`,
          sql`unicode_lower(${users.email}) LIKE ${pattern} ESCAPE '\\'`,
        );
        if (match) where.push(match);
      }
      const rows = await db
        .select()
        .from(users)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(users.name));
      const members = await membershipsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toUser(r, members.get(r.id) ?? []));
    },

    async find(id: number): Promise<User | undefined> {
      const row = await first(db.select().from(users).where(eq(users.id, id)));
      return row ? toUser(row, (await membershipsOf(db, [id])).get(id) ?? []) : undefined;
    },

    async findByEmail(email: string): Promise<UserRow | undefined> {
      return await first(db.select().from(users).where(eq(users.email, email)));
    },

    insert: async (values: typeof users.$inferInsert): Promise<number> => (await usersTable.insert(values)).id,
    /** Updates only when the version matches; returns false when it is stale. */
    updateVersioned: usersTable.updateVersioned,

    setMemberships: projectsTable.setMemberships,
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
