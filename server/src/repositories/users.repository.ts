import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Locale } from '@shared/locales';
import { first, single, type Db } from '../db/client';
import { users } from '../db/schema';
import { updateVersioned } from './versioned';

export type UserRow = typeof users.$inferSelect;

/** The one place that writes user accounts: the users, auth and security features, the command line and the seed. */
export function createUsersTable(db: Db) {
  return {
    insert: (values: typeof users.$inferInsert): Promise<UserRow> => single(db.insert(users).values(values).returning()),
    updateVersioned: (id: number, version: number, values: Partial<typeof users.$inferInsert>) =>
      updateVersioned(db, users, users.id, id, version, values),
    /**
     * A new password: the account's own change, which no one else's edit should refuse, yet
     * still an edit, so the version moves on in the same statement.
     */
    async setPassword(id: number, passwordHash: string): Promise<void> {
      await db
        .update(users)
        .set({ passwordHash, updatedAt: new Date().toISOString(), version: sql`${users.version} + 1` })
        .where(eq(users.id, id));
    },
    /** The user's language, as a preference (not an edit of the account): no version bump. */
    setLocale: (id: number, locale: Locale | null): Promise<UserRow | undefined> =>
      first(db.update(users).set({ locale }).where(eq(users.id, id)).returning()),
    /** Sets the language only if the account has none yet; undefined when it already had one. */
    adoptLocale: (id: number, locale: Locale): Promise<UserRow | undefined> =>
      first(
        db
          .update(users)
          .set({ locale })
          .where(and(eq(users.id, id), isNull(users.locale)))
          .returning(),
      ),
  };
}
export type UsersTable = ReturnType<typeof createUsersTable>;
