import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { closeDatabase, migrateDatabase, postgresOf, type Db } from '../../server/src/db/client';
import { connectPostgres, quoteIdent } from '../../server/src/db/postgres';

/**
 * Databases for the API suite on PostgreSQL (the `api-pg` project). With DATABASE_URL
 * `pglite:memory` each app gets a PGlite of its own, started from a migrated template the
 * global setup made once (an initdb per app would take seconds); with a real server
 * (TEST_DATABASE_URL) each app gets a schema of its own, migrated, dropped when it closes.
 * A second app on the same database (`sharing`) gets the first one's PGlite, or a pool of
 * its own on the first one's schema, as a second instance would.
 */
export async function openTestPostgres(shared?: Db): Promise<{ db: Db; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL ?? '';
  if (url.startsWith('pglite:')) {
    if (shared) return { db: shared, dispose: async () => undefined };
    const db = await connectPostgres('pglite:memory', { pgliteDataDir: await template() });
    return { db, dispose: () => closeDatabase(db) };
  }
  const sharedSchema = shared ? postgresOf(shared)?.schema : null;
  const schema = sharedSchema ?? `test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const db = await connectPostgres(url, { schema, poolSize: 4 });
  if (!sharedSchema) {
    await postgresOf(db)?.withConnection((query) => query(`CREATE SCHEMA ${quoteIdent(schema)}`));
    await migrateDatabase(db);
  }
  return {
    db,
    async dispose() {
      if (!sharedSchema) await postgresOf(db)?.withConnection((query) => query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`));
      await closeDatabase(db);
    },
  };
}

let templateBlob: Blob | undefined;

async function template(): Promise<Blob> {
  templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return templateBlob;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
