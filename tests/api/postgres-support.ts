import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { closeDatabase, type Db } from '../../server/src/db/client';
import { connectPostgres, quoteIdent } from '../../server/src/db/postgres';

/**
 * Databases for the API suite on PostgreSQL (the `api-pg` project). With DATABASE_URL
 * `pglite:memory` each app gets a PGlite of its own, started from a migrated template the
 * global setup made once (an initdb per app would take seconds); with a real server
 * (TEST_DATABASE_URL) each app gets a database of its own, copied from a migrated template,
 * dropped when it closes. A second app on the same database (`sharing`) gets the first
 * one's PGlite, or a pool of its own on the first one's database, as a second instance would.
 */
export async function openTestPostgres(shared?: Db): Promise<{ db: Db; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL ?? '';
  if (url.startsWith('pglite:')) {
    if (shared) return { db: shared, dispose: async () => undefined };
    const db = await connectPostgres('pglite:memory', { pgliteDataDir: await template() });
    return { db, dispose: () => closeDatabase(db) };
  }
  if (shared) {
    // A second instance: a pool of its own on the first one's database.
    const db = await connectPostgres(databaseUrlOf(shared), { poolSize: 4 });
    return { db, dispose: () => closeDatabase(db) };
  }
  const made = await createTestDatabase();
  const db = await connectPostgres(made.url, { poolSize: 4 });
  urls.set(db, made.url);
  return {
    db,
    async dispose() {
      await closeDatabase(db);
      await made.drop();
    },
  };
}

const urls = new WeakMap<Db, string>();

function databaseUrlOf(db: Db): string {
  const url = urls.get(db);
  if (!url) throw new Error('Not a test database of postgres-support');
  return url;
}

/**
 * A database of its own on TEST_DATABASE_URL's server, copied from the migrated template
 * the global setup made (CREATE DATABASE … TEMPLATE copies files: no migration per test).
 */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL ?? '';
  const name = `hamkori_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await onServer(server, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(inject('pgTemplateDatabase'))}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onServer(server, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs fn on one connection to the server's database named in url (for CREATE and DROP DATABASE). */
export async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let templateBlob: Blob | undefined;

async function template(): Promise<Blob> {
  templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return templateBlob;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplateDatabase: string;
  }
}
