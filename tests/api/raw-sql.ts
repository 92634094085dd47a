import { sql, type SQL } from 'drizzle-orm';
import { engineOf, sqliteOf, type Db } from '../../server/src/db/client';

/**
 * SQL a test writes by hand to look behind the API (or to change what the API cannot),
 * on either engine. Text is written as for SQLite, with `?` placeholders; on PostgreSQL
 * each `?` outside a quoted string or name becomes a bound parameter. Values differ where
 * the engines do: PostgreSQL gives booleans as true/false (SQLite 1/0) and json columns
 * parsed (SQLite text), so tests compare such columns in an engine-neutral way.
 */
export async function rawAll<T = Record<string, unknown>>(db: Db, text: string, ...params: unknown[]): Promise<T[]> {
  const sqlite = sqliteOf(db);
  if (sqlite) return sqlite.prepare(text).all(...params) as T[];
  return (await executePg(db, text, params)).rows as T[];
}

/** The first row of the query, or undefined when it has none. */
export async function rawGet<T = Record<string, unknown>>(db: Db, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await rawAll<T>(db, text, ...params))[0];
}

/** Runs a statement that returns no rows; answers how many rows it changed. */
export async function rawRun(db: Db, text: string, ...params: unknown[]): Promise<number> {
  const sqlite = sqliteOf(db);
  if (sqlite) return sqlite.prepare(text).run(...params).changes;
  const result = await executePg(db, text, params);
  // node-postgres names it rowCount, PGlite affectedRows.
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}

type PgResult = { rows: unknown[]; rowCount?: number | null; affectedRows?: number };

async function executePg(db: Db, text: string, params: unknown[]): Promise<PgResult> {
  if (engineOf(db) !== 'postgres') throw new Error('Not a PostgreSQL database');
  const pg = db as unknown as { execute(query: SQL): Promise<PgResult> };
  try {
    return await pg.execute(withParams(text, params));
  } catch (err) {
    // drizzle's wrapper says only "Failed query"; the server's reason is what a test (and its reader) needs, as SQLite gives it.
    const cause = err instanceof Error ? err.cause : undefined;
    throw cause instanceof Error ? new Error(`${cause.message} (in: ${text})`, { cause }) : err;
  }
}

/** The text as drizzle SQL, each `?` outside quotes replaced by the next parameter (numbered $1… by the pg dialect). */
export function withParams(text: string, params: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let from = 0;
  let next = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      // A doubled quote inside a quoted string or name is the quote itself, and the next character closes nothing.
      if (c === quote) {
        if (text[i + 1] === quote) i++;
        else quote = null;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '?') {
      if (next >= params.length) throw new Error(`More placeholders than the ${params.length} parameters given: ${text}`);
      chunks.push(sql.raw(text.slice(from, i)), sql`${params[next++]}`);
      from = i + 1;
    }
  }
  if (next !== params.length) throw new Error(`${params.length} parameters given for ${next} placeholders: ${text}`);
  chunks.push(sql.raw(text.slice(from)));
  return sql.join(chunks);
}
