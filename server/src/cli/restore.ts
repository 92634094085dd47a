/**
 * Restores a backup into DATABASE_PATH of a stopped instance:
 *   npm run restore -- backups/hamkori-2026-01-31.db
 * Refuses while anything has the database open; checks the backup before touching the
 * current database, and keeps the current file as <db>.before-restore.
 */
import { parseArgs } from 'node:util';
import { restoreDatabase } from '../db/backup';
import { readEnv } from '../env';

function main() {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file || positionals.length !== 1) throw new Error('Name the backup to restore: npm run restore -- FILE');
  const env = readEnv();
  const report = restoreDatabase(env.DATABASE_PATH, file);
  console.log('integrity_check: ok');
  for (const [table, rows] of Object.entries(report.tables)) console.log(`  ${table.padEnd(28)} ${rows}`);
  if (report.previous) console.log(`The database that was there is kept as ${report.previous}.`);
  console.log(`Restored ${file} into ${report.path}. Start the app to use it.`);
}

try {
  main();
} catch (err: unknown) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
