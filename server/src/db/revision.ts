import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { queryRows, sqliteOf, type Db } from './client';

/**
 * A value that changes whenever the database's content may have changed: rows written
 * through this connection (SQLite's total_changes(), which counts every insert, update
 * and delete, trigger work included, whether committed or rolled back) and commits made
 * by any other connection or process (PRAGMA data_version). Reading it costs two tiny
 * statements, so a response cache can check it on every request instead of every write
 * path having to remember to invalidate (docs/decisions/011-response-cache.md).
 */
export type RevisionClock = {
  /** SQLite answers at once; PostgreSQL needs a round trip. */
  current(): string | Promise<string>;
  /**
   * Runs fn and leaves the changes it makes out of the revision: bookkeeping writes no
   * cached view shows (a session's last-seen time) must not throw every cache away.
   */
  excluding<T>(fn: () => Promise<T>): Promise<T>;
};

const clocks = new WeakMap<object, RevisionClock>();

/** The one clock of a database (made on first use). */
export function revisionClock(db: Db): RevisionClock {
  let clock = clocks.get(db);
  if (!clock) {
    const sqlite = sqliteOf(db);
    clock = sqlite ? createClock(sqlite) : createSnapshotClock(db);
    clocks.set(db, clock);
  }
  return clock;
}

/**
 * PostgreSQL: the server's current snapshot (`xmin:xmax:running transactions`), which moves
 * whenever any transaction that wrote begins or ends, on whichever instance it ran. Read
 * before a view is computed, it never names a state newer than the view's data: a write
 * still running is in the snapshot's list, and its commit changes the snapshot. Every
 * write counts here, bookkeeping too (nothing is excluded): a cache emptied once too
 * often costs a recomputation, never a stale answer.
 */
function createSnapshotClock(db: Db): RevisionClock {
  return {
    async current() {
      const [row] = await queryRows<{ snapshot: string }>(db, sql`SELECT pg_current_snapshot()::text AS "snapshot"`);
      return row?.snapshot ?? '';
    },
    excluding: (fn) => fn(),
  };
}

function createClock(sqlite: Database.Database): RevisionClock {
  const changes = sqlite.prepare('SELECT total_changes()');
  const dataVersion = sqlite.prepare('PRAGMA data_version');
  const changeCount = () => changes.pluck().get() as number;
  let excluded = 0;
  return {
    current: () => `${dataVersion.pluck().get() as number}.${changeCount() - excluded}`,
    // SQLite answers at once, so nothing else runs on the connection between the two counts.
    async excluding(fn) {
      const before = changeCount();
      try {
        return await fn();
      } finally {
        excluded += changeCount() - before;
      }
    },
  };
}
