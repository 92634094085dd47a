import type Database from 'better-sqlite3';

/** Enough for every distinct query the app sends (IN lists of different lengths included). */
const DEFAULT_CAPACITY = 500;

/**
 * Makes `prepare` reuse the compiled statement for SQL text it has seen. Drizzle prepares
 * every query anew on every call, and compiling is a large share of a short read
 * (docs/decisions/008-performance-at-scale.md). A statement that is busy (an iterator
 * still open over it) is never handed out twice: a fresh one is compiled instead. The
 * modes a caller may have set (raw, pluck, expand) are reset on each hand-out, so a
 * reused statement behaves as a freshly prepared one.
 */
export function cacheStatements(sqlite: Database.Database, capacity = DEFAULT_CAPACITY): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      // Least recently used goes first: move the hit to the end.
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = prepare(source);
    if (cached) return statement;
    cache.set(source, statement);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof sqlite.prepare;
}
