import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Engine } from './engine';
import * as schema from './schema';
import { cacheStatements } from './statement-cache';

/**
 * The database repositories query. Its type is the SQLite one (queries are typed once);
 * on PostgreSQL it is drizzle's pg database behind a proxy that sends each query to the
 * transaction open in the caller's async context (see `inTransaction`). Code that needs
 * the engine itself asks `engineOf`, `sqliteOf` or `postgresOf`, never `$client`.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_ROOT = resolve(import.meta.dirname, '../../../migrations');
/** SQLite's migrations, as drizzle-kit generates them (drizzle.config.ts). */
export const MIGRATIONS_FOLDER = resolve(MIGRATIONS_ROOT, 'sqlite');
/** PostgreSQL's migrations (drizzle.pg.config.ts). */
export const PG_MIGRATIONS_FOLDER = resolve(MIGRATIONS_ROOT, 'postgres');

/** What a PostgreSQL database runs on: a pool of connections to a server, or PGlite in process. */
export type PostgresHandle = {
  kind: 'pool' | 'pglite';
  /** Runs fn on one connection of its own (an advisory lock is held by a connection). */
  withConnection<T>(fn: (query: (text: string, params?: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

type Handle = { engine: 'sqlite'; sqlite: Database.Database } | { engine: 'postgres'; pg: PostgresHandle; root: PgRoot };

/** drizzle's pg database (node-postgres or PGlite); typed loosely, it is used through `Db`. */
type PgRoot = {
  transaction<T>(fn: (tx: unknown) => Promise<T>, config?: { isolationLevel?: string }): Promise<T>;
  execute(query: SQL): Promise<{ rows: unknown[] }>;
};

const handles = new WeakMap<object, Handle>();

function handleOf(db: Db): Handle {
  const handle = handles.get(db);
  if (!handle) throw new Error('Not a database opened by db/client');
  return handle;
}

export function engineOf(db: Db): Engine {
  return handleOf(db).engine;
}

/** The SQLite connection under db, or null on PostgreSQL. */
export function sqliteOf(db: Db): Database.Database | null {
  const handle = handleOf(db);
  return handle.engine === 'sqlite' ? handle.sqlite : null;
}

/** The PostgreSQL connections under db, or null on SQLite. */
export function postgresOf(db: Db): PostgresHandle | null {
  const handle = handleOf(db);
  return handle.engine === 'postgres' ? handle.pg : null;
}

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
  sqlite.function('unicode_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLocaleLowerCase('ru') : s));
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  handles.set(db, { engine: 'sqlite', sqlite });
  return db;
}

/**
 * Wraps drizzle's pg database so that every property read goes to the transaction open
 * in the caller's async context, if any: repositories keep the one `db` they were made
 * with, and their queries inside `inTransaction` still run on its connection.
 */
export function postgresDatabase(root: PgRoot, pg: PostgresHandle): Db {
  const db = new Proxy(root, {
    get(target, prop) {
      const open = openPgTransaction.getStore();
      const on = open && open.root === target ? open.tx : target;
      const value: unknown = Reflect.get(on, prop);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(on) : value;
    },
  }) as unknown as Db;
  handles.set(db, { engine: 'postgres', pg, root });
  return db;
}

/** Applies the migrations this database has not had yet. */
export async function migrateDatabase(db: Db): Promise<void> {
  const handle = handleOf(db);
  if (handle.engine === 'sqlite') {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
  // The pg and PGlite migrators do the same through the dialect; either database fits its signature.
  await migratePg(handle.root as never, { migrationsFolder: PG_MIGRATIONS_FOLDER });
}

/** A key of our own for PostgreSQL's advisory lock taken while an instance starts ("hamkori" in ASCII). */
const STARTUP_LOCK_KEY = 0x68616d6b6f7269n;

/**
 * Runs fn (migrate, then seed an empty database) so that instances starting together on
 * one PostgreSQL database do it one after another: the second finds the work done. On
 * SQLite there is one process per file, so fn just runs.
 */
export async function whileStarting<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const pg = postgresOf(db);
  if (!pg || pg.kind === 'pglite') return fn();
  return pg.withConnection(async (query) => {
    await query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY.toString()]);
    try {
      return await fn();
    } finally {
      await query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY.toString()]);
    }
  });
}

/** Closes the database's connections. */
export async function closeDatabase(db: Db): Promise<void> {
  const handle = handleOf(db);
  if (handle.engine === 'sqlite') handle.sqlite.close();
  else await handle.pg.close();
}

/** The database a transaction is open on, for the async context that runs it (SQLite). */
const openTransaction = new AsyncLocalStorage<Db>();
/** The pg transaction open in an async context, and the database it belongs to. */
const openPgTransaction = new AsyncLocalStorage<{ root: object; tx: object }>();
/** Transactions of a connection run one after another: each waits for the one before. */
const queues = new WeakMap<Db, Promise<unknown>>();

/** How often a PostgreSQL transaction is tried when the server could not serialise it. */
export const SERIALIZATION_TRIES = 8;

/**
 * Runs fn in one write transaction, committed when fn resolves and rolled back when it
 * throws. A call inside a running transaction joins it.
 *
 * SQLite: the transaction starts IMMEDIATE (takes the write lock up front, so two writers
 * never deadlock on an upgrade). SQLite has one connection, so everything that connection
 * runs while the transaction is open is part of it. Transactions therefore queue behind
 * each other, and fn may only await database work: better-sqlite3 answers at once, so fn
 * runs to its end without the event loop turning, and no other request's statement can
 * slip in. Awaiting anything else (files, the network, a timer) would let one in, so it
 * is refused: do such work before or after the transaction.
 *
 * PostgreSQL: the transaction is SERIALIZABLE, so it keeps every guarantee SQLite's one
 * writer gives (a check and the write that depends on it cannot interleave with another
 * instance's), and fn is run again from the start when the server reports a
 * serialization failure or a deadlock, up to SERIALIZATION_TRIES times. fn must therefore
 * do nothing but database work, as on SQLite.
 */
export async function inTransaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  const handle = handleOf(db);
  if (handle.engine === 'postgres') return inPgTransaction(handle.root, fn);
  if (openTransaction.getStore() === db) return fn();
  const before = queues.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  queues.set(db, mine);
  await before.catch(() => undefined);
  try {
    return await openTransaction.run(db, () => runImmediate(handle.sqlite, fn));
  } finally {
    if (queues.get(db) === mine) queues.delete(db);
    release();
  }
}

/**
 * A write transaction for bookkeeping rows that many requests write at once (the sign-in
 * counters of one office address, say). On PostgreSQL, SERIALIZABLE would let every
 * contender but one fail and try again, and with twenty at once some would run out of
 * tries; here the transaction instead waits its turn: it runs READ COMMITTED and first
 * takes a transaction lock on each of `keys` (in one order, so two never wait on each
 * other). fn must read and write only rows those keys stand for: the locks are what keep
 * its check and its write together. Inside a transaction already open, it joins that one
 * and takes the locks there. SQLite: the same as inTransaction (its writers already queue).
 */
export async function inKeyedTransaction<T>(db: Db, keys: string[], fn: () => Promise<T> | T): Promise<T> {
  const handle = handleOf(db);
  if (handle.engine === 'sqlite') return inTransaction(db, fn);
  const locked = async () => {
    for (const key of [...new Set(keys)].sort()) {
      await (db as unknown as PgRoot).execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`hamkori:${key}`}, 0))`);
    }
    return fn();
  };
  if (openPgTransaction.getStore()?.root === handle.root) return locked();
  return inPgTransaction(handle.root, locked, 'read committed');
}

async function runImmediate<T>(sqlite: Database.Database, fn: () => Promise<T> | T): Promise<T> {
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

async function inPgTransaction<T>(
  root: PgRoot,
  fn: () => Promise<T> | T,
  isolationLevel: 'serializable' | 'read committed' = 'serializable',
): Promise<T> {
  if (openPgTransaction.getStore()?.root === root) return fn();
  for (let attempt = 1; ; attempt++) {
    try {
      return await root.transaction((tx) => openPgTransaction.run({ root, tx: tx as object }, async () => fn()), { isolationLevel });
    } catch (err) {
      if (attempt >= SERIALIZATION_TRIES || !isRetryable(err)) throw err;
      // Back off a little, more each time, with jitter so that the same two do not meet again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** Math.min(attempt, 5)));
    }
  }
}

/** SQLSTATE of an error from the pg driver or PGlite, looking through drizzle's wrapping. */
export function sqlStateOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** serialization_failure and deadlock_detected: the transaction may succeed when tried again. */
function isRetryable(err: unknown): boolean {
  const state = sqlStateOf(err);
  return state === '40001' || state === '40P01';
}

/** Rows of a query written in SQL (drizzle's sql template), on either engine. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const handle = handleOf(db);
  if (handle.engine === 'sqlite') return db.all<T>(query);
  const result = await (db as unknown as PgRoot).execute(query);
  return result.rows as T[];
}

/** Runs a statement written in SQL that returns no rows (an update or delete a test makes by hand, say). */
export async function runSql(db: Db, statement: SQL): Promise<void> {
  if (engineOf(db) === 'sqlite') db.run(statement);
  else await (db as unknown as PgRoot).execute(statement);
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
  const sqlite = sqliteOf(db);
  if (!sqlite) throw new Error('Pragmas are SQLite settings');
  const one = (name: string) => sqlite.pragma(name, { simple: true });
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
 * PostgreSQL's durability is the server's (fsync, synchronous_commit): nothing to check here.
 */
export function assertDurablePragmas(db: Db): void {
  if (!sqliteOf(db)) return;
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
