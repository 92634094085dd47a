import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { cacheStatements } from './statement-cache';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../../../migrations');

/**
 * Opens (creating the folder and file if needed) the SQLite database with the pragmas
 * the app relies on: WAL, foreign keys, a busy timeout, and FULL sync so that a commit
 * that returned survives a power loss.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  // Deleted and overwritten content is zeroed, so erased personal data leaves no bytes behind.
  sqlite.pragma('secure_delete = ON');
  // SQLite's LIKE and lower() fold ASCII only; searches in Russian and Tajik need Unicode case folding.
  sqlite.function('unicode_lower', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? s.toLocaleLowerCase('ru') : s,
  );
  cacheStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Runs fn in one write transaction that starts IMMEDIATE (takes the write lock up front,
 * so two writers never deadlock on an upgrade). better-sqlite3 is synchronous, so every
 * query fn makes on db is part of the transaction.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/** Reads the pragmas back, for the start-up check and tests. */
export function readPragmas(db: Db) {
  const one = (name: string) => db.$client.pragma(name, { simple: true });
  return {
    journalMode: one('journal_mode'),
    foreignKeys: one('foreign_keys'),
    busyTimeout: one('busy_timeout'),
    synchronous: one('synchronous'),
  };
}

/** synchronous = FULL reads back as 2. */
const SYNCHRONOUS_FULL = 2;
const MIN_BUSY_TIMEOUT_MS = 1000;

/**
 * Throws, naming every setting that is off, unless the connection really runs with the
 * settings durability rests on. SQLite ignores some pragmas silently (WAL on a file
 * system without shared memory, for one), so they are read back rather than trusted.
 */
export function assertDurablePragmas(db: Db): void {
  const p = readPragmas(db);
  const problems = [
    p.journalMode === 'wal' ? null : `journal_mode is ${String(p.journalMode)}, expected wal`,
    p.foreignKeys === 1 ? null : `foreign_keys is ${String(p.foreignKeys)}, expected 1`,
    p.synchronous === SYNCHRONOUS_FULL ? null : `synchronous is ${String(p.synchronous)}, expected 2 (FULL)`,
    typeof p.busyTimeout === 'number' && p.busyTimeout >= MIN_BUSY_TIMEOUT_MS
      ? null
      : `busy_timeout is ${String(p.busyTimeout)}, expected at least ${MIN_BUSY_TIMEOUT_MS} ms`,
  ].filter((x): x is string => x !== null);
  if (problems.length > 0) {
    throw new Error(`SQLite is not running with the settings Hamkori needs: ${problems.join('; ')}`);
  }
}
