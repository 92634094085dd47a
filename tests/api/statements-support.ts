import type { Db } from '../../server/src/db/client';

export type Captured = { sql: string; params: unknown[] };

/** Runs `call` while recording every statement run on the database with its parameters. */
export async function captureStatements(db: Db, call: () => Promise<void>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const sqlite = db.$client;
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

/** The lines of the plan that read one of `tables` in full (no index to search or to cover it). */
export function fullScans(db: Db, sql: string, params: unknown[], tables: readonly string[]): string[] {
  const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return plan
    .map((p) => p.detail)
    .filter((detail) => {
      const scan = /^SCAN (\w+)/.exec(detail);
      return !!scan && tables.includes(scan[1]!) && !/USING (COVERING )?INDEX/.test(detail);
    });
}
