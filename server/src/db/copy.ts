import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { engineOf, inTransaction, migrateDatabase, MIGRATIONS_FOLDER, queryRows, sqliteOf, type Db } from './client';
import { planCopy, schemaTablePairs, type ColumnPair, type PlannedTable, type TablePair } from './copy-plan';
import { compareSnapshots, MONEY_FIELDS, takeSnapshot, type MoneyTotals } from './copy-snapshot';
// The source's own description of the file tables (see copy-plan.ts).
import * as sqliteSchema from './schema/sqlite';

/**
 * Copying a SQLite database into an empty PostgreSQL database ("moving up", issue 12):
 * every table in foreign-key order with its ids, the identity sequences moved past them,
 * the evidence files into the target's file store, then counts and money totals compared.
 * All of it is one transaction on the target, so a copy that fails or does not add up
 * leaves the target as empty as it was.
 */

/**
 * The target as what it is, drizzle's pg database: `Db` is typed as the SQLite one. The
 * one cast between the two descriptions, kept here.
 */
export function postgresTarget(db: Db): PgDatabase<PgQueryResultHKT> {
  return db as unknown as PgDatabase<PgQueryResultHKT>;
}

/** Refused before anything was written: the databases are not the ones a copy may run between. */
export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError';
}

/** The copy was made but does not add up; it was rolled back, and the report says where it differs. */
export class CopyMismatchError extends Error {
  override name = 'CopyMismatchError';
  constructor(readonly report: CopyReport) {
    super(`The copy differs from the source and was rolled back: ${report.differences.join('; ')}`);
  }
}

/** The source's evidence files and where the target keeps them. */
export type FileCopy = {
  /** The source's uploads folder. */
  uploadsDir: string;
  /** Writes one file into the target's file store under the name its rows give. */
  save: (storedName: string, data: Buffer) => Promise<void>;
};

export type FilesReport = { copied: number; missing: string[]; damaged: string[] } | { skipped: string };

export type CopyOptions = {
  /** Rows per insert (500 by default; fewer for wide tables, within PostgreSQL's 65,535 parameters). */
  chunkSize?: number;
  /** Copies the evidence files too; without it they are skipped, and the report says why (`filesSkipped`). */
  files?: FileCopy;
  /** Why files are not copied, for the report, when `files` is absent. */
  filesSkipped?: string;
  /** Told after each table, for progress on a large database. */
  onTable?: (table: string, rows: number) => void;
  /** The tables to copy; the whole schema by default. */
  tables?: TablePair[];
};

export type CopyReport = {
  ok: boolean;
  /** In copy order. */
  tables: { table: string; source: number; target: number }[];
  /** Money over all projects, exact, and how many projects were compared one by one. */
  money: { projects: number } & MoneyTotals;
  files: FilesReport;
  differences: string[];
  ms: number;
};

const STORED_NAME = /^[a-f0-9]{32}$/;
const MAX_PARAMETERS = 60_000;

/**
 * Refuses a source that is not a Hamkori database migrated to this version's latest
 * SQLite migration: its tables would not be the ones the copy reads.
 */
export async function assertSourceMigrated(source: Db): Promise<void> {
  const latest = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).at(-1);
  if (!latest) throw new Error(`No migrations in ${MIGRATIONS_FOLDER}`);
  const table = await queryRows(source, sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`);
  if (table.length === 0) throw new CopyRefusedError('The source is not a Hamkori database: it has no migrations table.');
  const [last] = await queryRows<{ at: number | string | null }>(
    source,
    sql`SELECT created_at AS at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
  );
  const at = Number(last?.at ?? 0);
  if (at < latest.folderMillis) {
    throw new CopyRefusedError(
      'The source is not migrated to the latest migration: start this version of Hamkori on it once (it migrates at start), stop it, then copy.',
    );
  }
  if (at > latest.folderMillis) {
    throw new CopyRefusedError('The source was migrated by a newer version of Hamkori than this one: copy it with that version.');
  }
}

/**
 * Copies the SQLite database `source` into the PostgreSQL database `target`, which must
 * hold no rows (it is migrated first), and checks the copy. Throws CopyRefusedError before
 * writing anything when the databases do not fit, CopyMismatchError (with the report) when
 * the copy does not add up; either way, and on any other failure, the target keeps no row.
 *
 * `source` should be a connection of its own: it is read in one transaction, a consistent
 * snapshot even while the app goes on writing to the file.
 */
export async function copySqliteToPostgres(source: Db, target: Db, options: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  const sqlite = sqliteOf(source);
  if (!sqlite || engineOf(source) !== 'sqlite') throw new CopyRefusedError('The source must be a SQLite database.');
  if (engineOf(target) !== 'postgres') throw new CopyRefusedError('The target must be a PostgreSQL database.');
  await assertSourceMigrated(source);
  const plan = planCopy(options.tables ?? schemaTablePairs());
  await migrateDatabase(target);

  sqlite.exec('BEGIN');
  try {
    return await inTransaction(target, async () => {
      const filled = await tablesWithRows(target, plan);
      if (filled.length > 0) {
        throw new CopyRefusedError(`The target is not empty: ${filled.join(', ')} already hold rows. Copy into an empty database.`);
      }
      for (const table of plan) {
        const rows = await copyTable(source, target, table, options.chunkSize ?? 500);
        options.onTable?.(table.name, rows);
      }
      await moveSequences(target, plan);
      const files = options.files ? await copyFiles(source, options.files) : { skipped: options.filesSkipped ?? 'no file store given' };
      const report = await compare(source, target, plan, files, started);
      if (!report.ok) throw new CopyMismatchError(report);
      return report;
    });
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

async function tablesWithRows(target: Db, plan: PlannedTable[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of plan) {
    const rows = await postgresTarget(target)
      .select({ one: sql`1` })
      .from(table.target)
      .limit(1);
    if (rows.length > 0) filled.push(table.name);
  }
  return filled;
}

/** Rows after `last` in key order: (a > x) or (a = x and b > y) … */
function afterKey(key: ColumnPair[], last: Record<string, unknown>): SQL | undefined {
  return or(
    ...key.map((column, i) => and(...key.slice(0, i).map((k) => eq(k.source, last[k.sourceKey])), gt(column.source, last[column.sourceKey]))),
  );
}

async function copyTable(source: Db, target: Db, table: PlannedTable, chunkSize: number): Promise<number> {
  const size = Math.max(1, Math.min(chunkSize, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const pg = postgresTarget(target);
  const later: { where: SQL | undefined; set: Record<string, unknown> }[] = [];
  let copied = 0;
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const rows: Record<string, unknown>[] = await source
      .select()
      .from(table.source)
      .where(last ? afterKey(table.key, last) : undefined)
      .orderBy(...table.key.map((k) => asc(k.source)))
      .limit(size);
    if (rows.length === 0) break;
    const values = rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const c of table.columns) out[c.targetKey] = table.deferred.includes(c) ? null : row[c.sourceKey];
      const set = Object.fromEntries(table.deferred.filter((c) => row[c.sourceKey] !== null).map((c) => [c.targetKey, row[c.sourceKey]]));
      if (Object.keys(set).length > 0) later.push({ where: and(...table.key.map((k) => eq(k.target, row[k.sourceKey]))), set });
      return out;
    });
    await pg.insert(table.target).values(values);
    copied += rows.length;
    if (rows.length < size) break;
    last = rows.at(-1);
  }
  for (const { where, set } of later) await pg.update(table.target).set(set).where(where);
  return copied;
}

/** The next row an app inserts gets an id past the copied ones (or 1 in an empty table). */
async function moveSequences(target: Db, plan: PlannedTable[]): Promise<void> {
  for (const table of plan) {
    for (const column of table.identity) {
      const quoted = `"${table.name.replaceAll('"', '""')}"`;
      const c = sql.identifier(column);
      await queryRows(
        target,
        sql`SELECT setval(pg_get_serial_sequence(${quoted}, ${column}), coalesce(max(${c}), 1), max(${c}) IS NOT NULL) FROM ${table.target}`,
      );
    }
  }
}

/**
 * Copies every file the evidence rows name. A file missing from the folder, or whose
 * content no longer has the SHA-256 its row records, is listed: the source serves it as
 * broken already, and the copy keeps what there is rather than refusing the move.
 */
async function copyFiles(source: Db, files: FileCopy): Promise<FilesReport> {
  const rows = [
    ...(await source
      .select({ storedName: sqliteSchema.evidenceFiles.storedName, sha256: sqliteSchema.evidenceFiles.sha256 })
      .from(sqliteSchema.evidenceFiles)),
    ...(await source
      .select({ storedName: sqliteSchema.expenditureFiles.storedName, sha256: sqliteSchema.expenditureFiles.sha256 })
      .from(sqliteSchema.expenditureFiles)),
  ];
  const report = { copied: 0, missing: [] as string[], damaged: [] as string[] };
  const seen = new Set<string>();
  for (const { storedName, sha256 } of rows) {
    if (seen.has(storedName)) continue;
    seen.add(storedName);
    // Only names the server made: anything else in a row must not become a path.
    const data = STORED_NAME.test(storedName) ? await readIfThere(join(files.uploadsDir, storedName)) : null;
    if (!data) {
      report.missing.push(storedName);
      continue;
    }
    if (createHash('sha256').update(data).digest('hex') !== sha256) report.damaged.push(storedName);
    await files.save(storedName, data);
    report.copied++;
  }
  return report;
}

async function readIfThere(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function compare(source: Db, target: Db, plan: PlannedTable[], files: FilesReport, started: number): Promise<CopyReport> {
  const before = await takeSnapshot(source, plan);
  const after = await takeSnapshot(target, plan);
  const differences = compareSnapshots(before, after);
  const totals = Object.fromEntries(
    MONEY_FIELDS.map((field) => [
      field,
      Object.values(after.money)
        .reduce((sum, m) => sum + BigInt(m[field]), 0n)
        .toString(),
    ]),
  ) as MoneyTotals;
  return {
    ok: differences.length === 0,
    tables: plan.map((t) => ({ table: t.name, source: before.counts[t.name] ?? 0, target: after.counts[t.name] ?? 0 })),
    money: { projects: Object.keys(before.money).length, ...totals },
    files,
    differences,
    ms: Math.round(performance.now() - started),
  };
}
