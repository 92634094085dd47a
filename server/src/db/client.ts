import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

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
