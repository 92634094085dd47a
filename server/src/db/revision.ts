import type Database from 'better-sqlite3';

/**
 * A value that changes whenever the database's content may have changed: rows written
 * through this connection (SQLite's total_changes(), which counts every insert, update
 * and delete, trigger work included, whether committed or rolled back) and commits made
 * by any other connection or process (PRAGMA data_version). Reading it costs two tiny
 * statements, so a response cache can check it on every request instead of every write
 * path having to remember to invalidate (docs/decisions/011-response-cache.md).
 */
export type RevisionClock = {
  current(): string;
  /**
   * Runs fn and leaves the changes it makes out of the revision: bookkeeping writes no
   * cached view shows (a session's last-seen time) must not throw every cache away.
   */
  excluding<T>(fn: () => Promise<T>): Promise<T>;
};

const clocks = new WeakMap<Database.Database, RevisionClock>();

/** The one clock of a connection (made on first use). */
export function revisionClock(sqlite: Database.Database): RevisionClock {
  let clock = clocks.get(sqlite);
  if (!clock) {
    clock = createClock(sqlite);
    clocks.set(sqlite, clock);
  }
  return clock;
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
