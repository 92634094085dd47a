/**
 * Takes an online backup of DATABASE_PATH, safe while the app is serving writes:
 *   npm run backup -- --out backups/hamkori-2026-01-31.db
 * Checks the copy (integrity_check, foreign_key_check) and prints the rows per table.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ALL_PAGES, backupDatabase, type DatabaseReport } from '../db/backup';
import { readEnv } from '../env';

function printReport(report: DatabaseReport): void {
  console.log('integrity_check: ok');
  for (const [table, rows] of Object.entries(report.tables)) console.log(`  ${table.padEnd(28)} ${rows}`);
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) throw new Error('Say where the backup goes: npm run backup -- --out FILE');
  const env = readEnv();
  const source = resolve(env.DATABASE_PATH);
  if (!existsSync(source)) throw new Error(`No database at ${source} (DATABASE_PATH)`);
  // A connection of its own, reading only; WAL lets the app go on writing meanwhile.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const report = await backupDatabase(db, values.out, { pagesPerStep: ALL_PAGES });
    printReport(report);
    console.log(`Backed up ${source} to ${report.path} (${report.bytes} bytes).`);
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
