import type { Router } from 'express';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { isDatabaseUnavailable } from '../../db/faults';
import { route } from '../../http/route';

/** How long the health check waits for the database before it calls it down. */
const DATABASE_CHECK_MS = 2_000;

/**
 * `GET /health`: 200 `{status: 'ok', database: 'up'}` when the database answers a query,
 * 503 `{status: 'unavailable', database: 'down'}` when it does not within two seconds, for
 * load balancers to take an instance out of rotation while its database is away.
 */
export function registerHealthRoutes(router: Router, db: Db): void {
  route(router, 'GET /health', async (_req, res) => {
    const up = await databaseAnswers(db);
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
  });
}

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS)));
  try {
    return await Promise.race([queryRows(db, sql`SELECT 1 AS "one"`).then(() => true), timeout]);
  } catch (err) {
    if (isDatabaseUnavailable(err)) return false;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
