/**
 * Moves a Hamkori database from SQLite to PostgreSQL (issue 12): copies every row of the
 * SQLite file into an empty PostgreSQL database, with its evidence files, and checks the
 * copy (rows per table, money per project). Stop the app first, or at least expect that
 * what it writes after the copy started stays behind.
 *
 *   npm run db:copy -- --to postgres://user:pass@host:5432/hamkori [--from data/hamkori.db] [--uploads data/uploads]
 *
 * --from defaults to DATABASE_PATH (./data/hamkori.db); --uploads to `uploads` beside it.
 * Prints the rows per table, then a JSON summary as the last line. Exits 1, leaving the
 * target without a row, when it refuses (a target that is not empty, a source not
 * migrated to this version) or when the copy does not add up.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { uploadsBesideDatabase } from '../server/src/core/files';
import { closeDatabase, openDatabase, type Db } from '../server/src/db/client';
import { CopyMismatchError, CopyRefusedError, copySqliteToPostgres, postgresTarget, type CopyReport, type FileCopy } from '../server/src/db/copy';
import { isPostgresUrl } from '../server/src/db/engine';
import { redactUrl } from '../server/src/db/open';
import { connectPostgres } from '../server/src/db/postgres';
import { storedFiles } from '../server/src/db/schema/pg';

const USAGE = 'npm run db:copy -- --to postgres://user:pass@host:5432/database [--from file.db] [--uploads folder]';

/** The target's file store: evidence files go into stored_files under their stored names (decision 017). */
function databaseFileStore(target: Db): FileCopy['save'] {
  return async (storedName, data) => {
    const row = { storedName, data, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    await postgresTarget(target).insert(storedFiles).values(row);
  };
}

function printReport(report: CopyReport): void {
  const width = Math.max(...report.tables.map((t) => t.table.length), 5) + 2;
  console.log(`${'table'.padEnd(width)}${'source'.padStart(10)}${'target'.padStart(10)}`);
  for (const t of report.tables) {
    const mark = t.source === t.target ? '' : '  ≠';
    console.log(`${t.table.padEnd(width)}${String(t.source).padStart(10)}${String(t.target).padStart(10)}${mark}`);
  }
  if ('skipped' in report.files) console.log(`Files not copied: ${report.files.skipped}`);
  else {
    for (const name of report.files.missing) console.log(`Missing from the uploads folder (its record is copied): ${name}`);
    for (const name of report.files.damaged) console.log(`Content differs from its recorded SHA-256 (copied as it is): ${name}`);
  }
  for (const line of report.differences) console.log(`Differs: ${line}`);
  const rows = report.tables.reduce((sum, t) => sum + t.target, 0);
  console.log(
    JSON.stringify({
      ok: report.ok,
      tables: report.tables.length,
      rows,
      money: report.money,
      files: report.files,
      differences: report.differences,
      ms: report.ms,
    }),
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' }, uploads: { type: 'string' } } });
  if (!values.to || !isPostgresUrl(values.to)) {
    console.error(`Say which PostgreSQL database to copy into: ${USAGE}`);
    return 1;
  }
  const from = resolve(values.from ?? process.env.DATABASE_PATH ?? './data/hamkori.db');
  // openDatabase would make an empty file where there is none.
  if (!existsSync(from) || !statSync(from).isFile()) {
    console.error(`No SQLite database at ${from} (--from, or DATABASE_PATH)`);
    return 1;
  }
  const uploadsDir = values.uploads ? resolve(values.uploads) : uploadsBesideDatabase(from);
  const where = redactUrl(values.to);

  let target: Db;
  try {
    target = await connectPostgres(values.to, { poolSize: 2 });
  } catch (err) {
    console.error(`Cannot reach PostgreSQL at ${where}: ${err instanceof Error ? err.message || err.name : String(err)}`);
    return 1;
  }
  const source = openDatabase(from);
  try {
    const save = databaseFileStore(target);
    const hasUploads = existsSync(uploadsDir) && statSync(uploadsDir).isDirectory();
    let files: FileCopy | undefined;
    let filesSkipped: string | undefined;
    if (!hasUploads) filesSkipped = `no uploads folder at ${uploadsDir}`;
    else files = { uploadsDir, save };
    console.log(`Copying ${from} into ${where} …`);
    const report = await copySqliteToPostgres(source, target, {
      ...(files ? { files } : {}),
      ...(filesSkipped ? { filesSkipped } : {}),
      onTable: (table, rows) => console.log(`  ${table}: ${rows}`),
    });
    printReport(report);
    console.log(`Copied and checked. Start Hamkori with DATABASE_URL=${where}.`);
    return 0;
  } catch (err) {
    if (err instanceof CopyMismatchError) {
      printReport(err.report);
      console.error('The copy does not match the source; it was rolled back, the target holds no rows.');
      return 1;
    }
    if (err instanceof CopyRefusedError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await closeDatabase(source);
    await closeDatabase(target);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    console.error('Nothing was kept in the target.');
    process.exit(1);
  },
);
