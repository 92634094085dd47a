/**
 * Fills a fresh database with a synthetic portfolio for performance work (issue 8):
 * per 1.0 of scale, 1,000 projects, 50,000 activities, 20,000 indicators with 100,000
 * period values, 200,000 ledger entries and 100,000 registry people, plus the demo
 * accounts (manager, partner and donor are members of a few hundred projects; the
 * admin sees all). Everything is deterministic pseudo-random data marked illustrative.
 *
 *   DATABASE_PATH=./data/large.db npm run seed:large -- [--scale 0.1] [--force] [--db path]
 *
 * Raw prepared statements in large transactions: the ORM would build every insert anew.
 */
import { existsSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { openDatabase, migrateDatabase, type Db } from '../server/src/db/client';
import { DEMO_ACCOUNTS, isEmptyDatabase, seedDemo } from '../server/src/seed/demo';
import { random, seedProject } from './lib/seed-large-project';
import { prepareStatements } from './lib/seed-large-statements';

export type LargeSeedSummary = { projects: number; ms: number; counts: Record<string, number> };

/** Seeds a migrated, empty database. Returns what it wrote and how long it took. */
export async function seedLarge(db: Db, scale = 1): Promise<LargeSeedSummary> {
  const started = performance.now();
  const projectCount = Math.max(1, Math.round(1000 * scale));
  const sqlite = db.$client;
  // A throw-away synthetic database: durability during the fill buys nothing.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('secure_delete = OFF');

  await seedDemo(db);
  const userId = (email: string) => (sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
  const members = DEMO_ACCOUNTS.filter((a) => a.role !== 'admin').map((a) => userId(a.email));
  const managerId = userId('manager@example.org');
  const rnd = random(20_260_801);

  const s = prepareStatements(sqlite);

  // A few hundred projects each for manager, partner and donor (every third one, up to 300).
  const memberOf = Math.min(Math.ceil(projectCount / 3), 300);
  const BATCH = 50;
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const projectId = seedProject(s, rnd, managerId, n + 1);
      if (n % 3 === 0 && n / 3 < memberOf) for (const userId of members) s.member.run(projectId, userId);
    }
  });
  for (let from = 0; from < projectCount; from += BATCH) batch(from, Math.min(from + BATCH, projectCount));

  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('secure_delete = ON');
  sqlite.exec('ANALYZE');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  const counts: Record<string, number> = {};
  for (const table of ['projects', 'activities', 'indicators', 'indicator_values', 'expenditures', 'registry_people', 'audit_log', 'attendance']) {
    counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  counts.managerProjects = (sqlite.prepare('SELECT count(*) AS n FROM project_members WHERE user_id = ?').get(managerId) as { n: number }).n;
  return { projects: projectCount, ms: Math.round(performance.now() - started), counts };
}

function parseArgs(argv: string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(value('--scale') ?? '1');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error('--scale takes a number in (0, 10]');
  const path = value('--db') ?? process.env.DATABASE_PATH;
  if (!path) throw new Error('Give the database file in DATABASE_PATH or --db');
  return { scale, path, force: argv.includes('--force') };
}

/** Opens `path`, refusing a database that holds data unless `force` (which replaces the file). */
export async function seedLargeFile(path: string, scale: number, force: boolean): Promise<LargeSeedSummary> {
  if (force && existsSync(path)) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  try {
    await migrateDatabase(db);
    if (!(await isEmptyDatabase(db))) throw new Error(`${path} is not empty; pass --force to replace it`);
    return await seedLarge(db, scale);
  } finally {
    db.$client.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { scale, path, force } = parseArgs(process.argv.slice(2));
  seedLargeFile(path, scale, force).then(
    (r) => {
      console.log(`Seeded ${path} at scale ${scale}: ${JSON.stringify(r.counts)}`);
      console.log(`Seeding ${r.projects} projects took ${(r.ms / 1000).toFixed(1)} s`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
