import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Global setup of the `api-pg` project on PGlite: one initdb and one run of the PostgreSQL
 * migrations, dumped to a file every test app starts from (tests/api/postgres-support.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'hamkori-pglite-'));
  const file = join(dir, 'template.tar');
  // The project's env (DATABASE_URL) reaches its test workers, not this process: read it from the config.
  if (String(project.config.env?.DATABASE_URL ?? '').startsWith('pglite:')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const { PG_MIGRATIONS_FOLDER } = await import('../../server/src/db/client');
    const client = new PGlite();
    await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    const dump = await client.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await client.close();
  }
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
