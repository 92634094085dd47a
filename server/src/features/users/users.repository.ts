import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ListUsersQuery, User } from '@shared/schemas/user';
import type { Db } from '../../db/client';
import { projectMembers, users } from '../../db/schema';

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

function membershipsOf(db: Db, userIds: number[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  if (userIds.length === 0) return map;
  const rows = db
    .select()
    .from(projectMembers)
    .where(inArray(projectMembers.userId, userIds))
    .orderBy(asc(projectMembers.projectId))
    .all();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.projectId]);
  return map;
}

export function createUsersRepository(db: Db) {
  return {
    list(query: ListUsersQuery): User[] {
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
      const rows = db
        .select()
        .from(users)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(users.name))
        .all();
      const members = membershipsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toUser(r, members.get(r.id) ?? []));
    },

    find(id: number): User | undefined {
      const row = db.select().from(users).where(eq(users.id, id)).get();
      return row ? toUser(row, membershipsOf(db, [id]).get(id) ?? []) : undefined;
    },

    findByEmail(email: string): UserRow | undefined {
      return db.select().from(users).where(eq(users.email, email)).get();
    },

    insert(values: typeof users.$inferInsert): number {
      return db.insert(users).values(values).returning({ id: users.id }).get().id;
    },

    /** Updates only when the version matches; returns false when it is stale. */
    updateVersioned(id: number, version: number, values: Partial<typeof users.$inferInsert>): boolean {
      const result = db
        .update(users)
        .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
        .where(and(eq(users.id, id), eq(users.version, version)))
        .run();
      return result.changes === 1;
    },

    setMemberships(userId: number, projectIds: number[]): void {
      db.delete(projectMembers).where(eq(projectMembers.userId, userId)).run();
      if (projectIds.length > 0) {
        db.insert(projectMembers)
          .values(projectIds.map((projectId) => ({ projectId, userId })))
          .run();
      }
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
