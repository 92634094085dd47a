import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Global setup of the `api-pg` project. On PGlite: one initdb and one run of the PostgreSQL
 * migrations, dumped to a file every test app starts from. On a real server
 * (TEST_DATABASE_URL): one migrated template database every test database is copied from
 * (tests/api/postgres-support.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
  const server = String(project.config.env?.DATABASE_URL ?? '');
  let dropTemplate = async () => undefined as unknown;
  if (/^postgres(ql)?:/.test(server)) {
    // On a real server: one migrated database every test database is copied from.
    const { default: pg } = await import('pg');
    const { closeDatabase, migrateDatabase } = await import('../../server/src/db/client');
    const { connectPostgres } = await import('../../server/src/db/postgres');
    const name = `hamkori_template_${process.pid}`;
    const onServer = async (text: string) => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    };
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await onServer(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const db = await connectPostgres(url.toString(), { poolSize: 1 });
    await migrateDatabase(db);
    await closeDatabase(db);
    project.provide('pgTemplateDatabase', name);
    dropTemplate = () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    project.provide('pgTemplateDatabase', '');
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropTemplate();
  };
}
