import { and, eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';

/** A table whose rows carry an edit counter and the time of the last edit. */
type VersionedTable = SQLiteTable & { version: SQLiteColumn; updatedAt: SQLiteColumn };

/**
 * The one optimistic write: `UPDATE … SET version = version + 1 WHERE key = ? AND version = ?`.
 * Returns false when the row was changed (or removed) since the caller read `version`, so
 * that two people saving the same record cannot overwrite each other unseen. `key` is the
 * row's id column unless the table is keyed otherwise (per-project settings).
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  key: SQLiteColumn,
  id: number,
  version: number,
  values: Partial<T['$inferInsert']>,
): Promise<boolean> {
  const updated = await db
    .update(table)
    .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() } as never)
    .where(and(eq(key, id), eq(table.version, version)))
    .returning({ version: table.version });
  return updated.length === 1;
}
