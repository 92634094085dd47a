import type { Env } from '../env';
import { openDatabase, type Db } from './client';
import { connectPostgres } from './postgres';

/**
 * The database the environment names: PostgreSQL at DATABASE_URL, SQLite at DATABASE_PATH
 * otherwise. An unreachable PostgreSQL server fails here with its reason (and without the
 * URL's password).
 */
export async function openConfiguredDatabase(env: Env, onIdleError?: (err: Error) => void): Promise<Db> {
  if (!env.DATABASE_URL) return openDatabase(env.DATABASE_PATH);
  try {
    return await connectPostgres(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE, ...(onIdleError ? { onIdleError } : {}) });
  } catch (err) {
    const reason = err instanceof Error ? err.message || err.name : String(err);
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(env.DATABASE_URL)}: ${reason}`, { cause: err });
  }
}

/** A database URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** Where the database is, for messages: the SQLite file or the PostgreSQL URL without its password. */
export function describeDatabase(env: Env): string {
  return env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : env.DATABASE_PATH;
}
