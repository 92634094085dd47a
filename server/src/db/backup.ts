import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { sqliteOf, type Db } from './client';

/** What a checked database file holds: every table and its row count. */
export type DatabaseReport = { path: string; bytes: number; tables: Record<string, number> };

/** The migrations table; a file without it is not a Hamkori database. */
const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Copies every page in one step: a consistent snapshot that writers elsewhere cannot restart. */
export const ALL_PAGES = 0x7fffffff;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeWithSidecars(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(p, { force: true });
}

/**
 * Checks a database file of our own (a fresh backup, or a copy of one): turns it into a
 * single self-contained file (rollback journal, no -wal beside it), runs integrity_check
 * and foreign_key_check, and counts the rows of every table. Throws on any problem.
 */
export function checkDatabaseFile(path: string): DatabaseReport {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      const lines = integrity.slice(0, 5).map((r) => r.integrity_check);
      throw new Error(`${path} failed integrity_check: ${lines.join('; ')}`);
    }
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) throw new Error(`${path} failed foreign_key_check: ${orphans.length} row(s) point nowhere`);
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    if (!names.includes(MIGRATIONS_TABLE)) throw new Error(`${path} is not a Hamkori database (no ${MIGRATIONS_TABLE} table)`);
    const tables = Object.fromEntries(names.map((name) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
    return { path, bytes: statSync(path).size, tables };
  } finally {
    db.close();
  }
}

/**
 * Takes an online backup of a live database with SQLite's backup API and checks it.
 * The copy is written beside the destination and renamed into place only once it has
 * passed, so a file at `destination` is always a complete, checked backup.
 *
 * `pagesPerStep`: with ALL_PAGES (the CLI, a connection of its own) the copy is one
 * snapshot, which writes from the app cannot restart. The app's own scheduled backups
 * step in smaller pieces so requests keep being served; writes made through the same
 * connection are carried into the backup as it goes, so it is still consistent.
 */
export async function backupDatabase(
  source: Database.Database,
  destination: string,
  options: { pagesPerStep?: number } = {},
): Promise<DatabaseReport> {
  const target = resolve(destination);
  if (existsSync(target)) throw new Error(`${target} already exists; choose another file`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  removeWithSidecars(partial);
  const pagesPerStep = options.pagesPerStep ?? ALL_PAGES;
  try {
    await source.backup(partial, { progress: () => pagesPerStep });
    const report = checkDatabaseFile(partial);
    fsyncPath(partial);
    renameSync(partial, target);
    fsyncPath(dirname(target));
    return { ...report, path: target };
  } catch (err) {
    removeWithSidecars(partial);
    throw err;
  }
}

/**
 * Fails unless no other connection has the database open. BEGIN EXCLUSIVE is not enough
 * here: in WAL mode it does not wait for readers, so an idle running app would pass.
 * Leaving WAL needs the database to itself, and it also folds any -wal left by a crash
 * into the main file, so the file kept aside is complete.
 */
function claimStoppedDatabase(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 250');
    let mode: unknown;
    try {
      mode = db.pragma('journal_mode = DELETE', { simple: true });
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) mode = 'busy';
      else throw err;
    }
    if (mode !== 'delete') {
      throw new Error(`${path} is in use by a running Hamkori (or another program): stop it first, then restore`);
    }
  } finally {
    db.close();
  }
  if (existsSync(`${path}-wal`)) throw new Error(`${path} is in use (its -wal file is still there): stop the app first`);
}

export type RestoreReport = DatabaseReport & { previous: string | null };

/**
 * Restores a backup into a stopped instance's database path. The backup is copied and
 * checked before the current database is touched; the current file is kept as
 * `<db>.before-restore`, and the swap is two renames in one folder.
 */
export function restoreDatabase(databasePath: string, backupFile: string): RestoreReport {
  const target = resolve(databasePath);
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new Error(`No backup at ${source}`);
  if (source === target) throw new Error('The backup and the database are the same file');
  const kept = `${target}.before-restore`;
  if (existsSync(target) && existsSync(kept)) {
    throw new Error(`${kept} is left from an earlier restore; move it away first so it is not overwritten`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.restoring`;
  removeWithSidecars(staging);
  try {
    copyFileSync(source, staging);
    const report = checkDatabaseFile(staging);
    fsyncPath(staging);
    let previous: string | null = null;
    if (existsSync(target)) {
      claimStoppedDatabase(target);
      renameSync(target, kept);
      rmSync(`${target}-shm`, { force: true });
      previous = kept;
    }
    renameSync(staging, target);
    fsyncPath(dirname(target));
    return { ...report, path: target, previous };
  } catch (err) {
    removeWithSidecars(staging);
    throw err;
  }
}

const BACKUP_NAME = /^hamkori-\d{8}T\d{9}Z\.db$/;

/** hamkori-20260131T020304123Z.db: sorts by name in time order. */
export function backupFileName(at: Date = new Date()): string {
  return `hamkori-${at.toISOString().replace(/[-:.]/g, '')}.db`;
}

/** The automatic backups in a folder, oldest first (other files are never touched). */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Deletes the oldest automatic backups beyond `keep`; returns what it deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const path of old) rmSync(path, { force: true });
  return old;
}

/** Longest single wait, so a long interval never overflows a timer and a clock change is caught. */
const MAX_WAIT_MS = 60 * 60 * 1000;
/** After a failed backup, try again this soon (or at the interval, if shorter). */
const RETRY_MS = 15 * 60 * 1000;

export type BackupSchedule = { stop(): Promise<void>; runNow(): Promise<DatabaseReport | null> };

/**
 * Backs the database up into `dir` every `intervalHours` and keeps the newest `keep`.
 * The first backup is due one interval after the newest one already in the folder,
 * so restarts neither skip backups nor pile them up. Timers are unref'd: they never
 * keep the process alive.
 */
export function startBackupSchedule(options: { db: Db; dir: string; intervalHours: number; keep: number; logger: Logger }): BackupSchedule {
  const { db, keep, logger } = options;
  const dir = resolve(options.dir);
  const intervalMs = options.intervalHours * 3_600_000;
  mkdirSync(dir, { recursive: true });

  const newest = listBackups(dir).at(-1);
  let nextAt = newest ? statSync(newest).mtimeMs + intervalMs : Date.now();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DatabaseReport | null> | undefined;
  let stopped = false;

  async function runOnce(): Promise<DatabaseReport | null> {
    try {
      const report = await backupDatabase(sqliteDatabase(db), join(dir, backupFileName()), { pagesPerStep: 1000 });
      const removed = pruneBackups(dir, keep);
      logger.info({ backup: report.path, bytes: report.bytes, tables: report.tables, removed: removed.map((p) => basename(p)) }, 'backup written');
      nextAt = Date.now() + intervalMs;
      return report;
    } catch (err) {
      logger.error({ err }, 'backup failed');
      nextAt = Date.now() + Math.min(intervalMs, RETRY_MS);
      return null;
    }
  }

  function run(): Promise<DatabaseReport | null> {
    running ??= runOnce().finally(() => {
      running = undefined;
      arm();
    });
    return running;
  }

  function arm() {
    if (stopped) return;
    clearTimeout(timer);
    const wait = Math.min(Math.max(0, nextAt - Date.now()), MAX_WAIT_MS);
    timer = setTimeout(() => (Date.now() >= nextAt ? void run() : arm()), wait);
    timer.unref();
  }

  arm();
  logger.info({ dir, intervalHours: options.intervalHours, keep }, 'automatic backups on');
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    runNow: run,
  };
}

/** The SQLite connection a backup copies; PostgreSQL is backed up with its own tools (pg_dump). */
function sqliteDatabase(db: Db): Database.Database {
  const sqlite = sqliteOf(db);
  if (!sqlite) throw new Error('In-app backups copy a SQLite database; back PostgreSQL up with pg_dump');
  return sqlite;
}
