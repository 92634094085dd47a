import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
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

/** The database a transaction is open on, for the async context that runs it. */
const openTransaction = new AsyncLocalStorage<Db>();
/** Transactions of a connection run one after another: each waits for the one before. */
const queues = new WeakMap<Db, Promise<unknown>>();

/**
 * Runs fn in one write transaction that starts IMMEDIATE (takes the write lock up front,
 * so two writers never deadlock on an upgrade), commits when fn resolves and rolls back
 * when it throws. A call inside a running transaction joins it.
 *
 * SQLite has one connection, so everything that connection runs while the transaction
 * is open is part of it. Transactions therefore queue behind each other, and fn may only
 * await database work: better-sqlite3 answers at once, so fn runs to its end without the
 * event loop turning, and no other request's statement can slip in. Awaiting anything
 * else (files, the network, a timer) would let one in, so it is refused: do such work
 * before or after the transaction.
 */
export async function inTransaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  if (openTransaction.getStore() === db) return fn();
  const before = queues.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  queues.set(db, mine);
  await before.catch(() => undefined);
  try {
    return await openTransaction.run(db, () => runImmediate(db, fn));
  } finally {
    if (queues.get(db) === mine) queues.delete(db);
    release();
  }
}

async function runImmediate<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  const sqlite = db.$client;
  let turned = false;
  const probe = setImmediate(() => (turned = true));
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn();
    if (turned) throw new Error('A transaction awaited something other than the database; do that work outside it');
    sqlite.exec('COMMIT');
    return result;
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw err;
  } finally {
    clearImmediate(probe);
  }
}

/** Rows of a query written in SQL (drizzle's sql template), on either engine. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return db.all<T>(query);
}

/** Runs a statement written in SQL that returns no rows (an update or delete a test makes by hand, say). */
export async function runSql(db: Db, statement: SQL): Promise<void> {
  db.run(statement);
}

/** The one row an insert or update … returning() gives back; throws when there is none. */
export async function single<T>(rows: PromiseLike<T[]>): Promise<T> {
  const [row] = await rows;
  if (row === undefined) throw new Error('Expected one row, got none');
  return row;
}

/** The first row a query returns, or undefined: the engine-neutral form of `.get()`. */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
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
