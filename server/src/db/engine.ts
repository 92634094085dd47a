/**
 * Which database engine this process runs on, decided once from the environment:
 * PostgreSQL when DATABASE_URL names one (`postgres://` or `postgresql://`; `pglite:` is
 * PostgreSQL in process, for tests), embedded SQLite at DATABASE_PATH otherwise. The
 * schema module picks its table descriptions by it when it loads, so it cannot change
 * while the process runs.
 */
export type Engine = 'sqlite' | 'postgres';

let decided: Engine | undefined;

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^(postgres|postgresql|pglite):/i.test(url.trim());
}

export function databaseEngine(): Engine {
  decided ??= isPostgresUrl(process.env.DATABASE_URL) ? 'postgres' : 'sqlite';
  return decided;
}
