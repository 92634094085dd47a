import { postgresDatabase, type Db, type PostgresHandle } from './client';
import * as pgSchema from './schema/pg';

export type PostgresOptions = {
  /** Connections the pool may open (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** How long a request waits for a connection, or for a new one to open, before it fails (503). */
  connectTimeoutMs?: number;
  /** A PGlite data folder dump to start from (tests: a migrated template). */
  pgliteDataDir?: Blob;
  /** Errors of idle connections (the server went away): logged, never thrown. */
  onIdleError?: (err: Error) => void;
};

/** 64-bit integers and sums (numeric) come back as JS numbers, as SQLite gives them. */
const toNumber = (value: string) => Number(value);
const INT8 = 20;
const NUMERIC = 1700;
const BYTEA = 17;

/**
 * bytea in PGlite's text form (\x, then hex digits) to and from a Buffer. PGlite's own converters
 * go byte by byte through arrays of strings: seconds for an upload of 10 MB.
 */
const byteaFromHex = (value: string) => Buffer.from(value.slice(2), 'hex');
const byteaToHex = (value: unknown) => {
  if (!(value instanceof Uint8Array)) throw new Error('bytea takes a Buffer');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
};

/**
 * Connects to PostgreSQL: `postgres://user:pass@host:5432/db` through a pool of the pg
 * driver, or `pglite:memory` / `pglite:<folder>` in process (tests, and a try without a
 * server). Answers once a first query went through, so an unreachable server fails here,
 * at start, with the driver's reason.
 */
export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  return url.startsWith('pglite:') ? connectPglite(url.slice('pglite:'.length), options) : connectPool(url, options);
}

async function connectPool(url: string, options: PostgresOptions): Promise<Db> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // drizzle's driver reads the global parsers for every type it does not handle itself.
  pg.types.setTypeParser(INT8, toNumber);
  pg.types.setTypeParser(NUMERIC, toNumber);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (err) => options.onIdleError?.(err));
  const client = await pool.connect();
  client.release();
  const handle: PostgresHandle = {
    kind: 'pool',
    async withConnection(fn) {
      const connection = await pool.connect();
      try {
        return await fn(async (text, params) => (await connection.query(text, params)).rows as unknown[]);
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
  return postgresDatabase(drizzle(pool, { schema: pgSchema }) as never, handle);
}

async function connectPglite(where: string, options: PostgresOptions): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite({
    ...(where && where !== 'memory' ? { dataDir: where } : {}),
    ...(options.pgliteDataDir ? { loadDataDir: options.pgliteDataDir } : {}),
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [BYTEA]: byteaFromHex },
    serializers: { [BYTEA]: byteaToHex },
  });
  await client.waitReady;
  const handle: PostgresHandle = {
    kind: 'pglite',
    withConnection: (fn) => fn(async (text, params) => (await client.query(text, params)).rows),
    close: () => client.close(),
  };
  return postgresDatabase(drizzle(client, { schema: pgSchema }) as never, handle);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
