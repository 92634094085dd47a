import { engineOf, sqliteOf, type Db } from '../../server/src/db/client';

export type Captured = { sql: string; params: unknown[] };

/** Runs `call` while recording every statement run on the database with its parameters. */
export async function captureStatements(db: Db, call: () => Promise<void>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const sqlite = sqliteOnly(db);
  const prepare = sqlite.prepare;
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    // Statements are cached and handed out again: wrap a copy of the methods, never the shared object twice.
    return new Proxy(statement, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'all' || key === 'get' || key === 'run' || key === 'iterate') {
          return (...params: unknown[]) => {
            captured.push({ sql: source, params });
            return (value as (...a: unknown[]) => unknown).apply(target, params);
          };
        }
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? receiver : result;
        };
      },
    });
  }) as typeof sqlite.prepare;
  try {
    await call();
  } finally {
    sqlite.prepare = prepare;
  }
  return captured;
}

/**
 * The text of every query sent to the database while `call` runs, on either engine: SQLite
 * prepares each (a cached statement too), PostgreSQL's client (PGlite or the pool) is asked
 * to run each. A query inside a PostgreSQL transaction goes to the transaction's connection
 * and is not seen, so a count can only come out too low, never pass for more queries.
 */
export async function queriesSent(db: Db, call: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  // Outside the app's data layer a test may hold the driver: here, to watch what reaches it.
  const client = db.$client as unknown as Record<string, (...args: unknown[]) => unknown>;
  const method = engineOf(db) === 'sqlite' ? 'prepare' : 'query';
  const original = client[method]!;
  client[method] = (...args: unknown[]) => {
    const [query] = args;
    seen.push(typeof query === 'string' ? query : String((query as { text?: unknown }).text));
    return original.apply(client, args);
  };
  try {
    await call();
  } finally {
    client[method] = original;
  }
  return seen;
}

/** The lines of the plan that read one of `tables` in full (no index to search or to cover it). */
export function fullScans(db: Db, sql: string, params: unknown[], tables: readonly string[]): string[] {
  const plan = sqliteOnly(db)
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params) as { detail: string }[];
  return plan
    .map((p) => p.detail)
    .filter((detail) => {
      const scan = /^SCAN (\w+)/.exec(detail);
      return !!scan && tables.includes(scan[1]!) && !/USING (COVERING )?INDEX/.test(detail);
    });
}

/** Statements and plans are SQLite's: on PostgreSQL there is nothing to capture, which must not pass as "no statement". */
function sqliteOnly(db: Db) {
  const sqlite = sqliteOf(db);
  if (!sqlite) throw new Error('Statements and query plans are read from SQLite only');
  return sqlite;
}
