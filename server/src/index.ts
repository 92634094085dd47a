import type { Server, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { createApp } from './app';
import { loadSecretKey } from './core/secret-box';
import { startBackupSchedule, type BackupSchedule } from './db/backup';
import { assertDurablePragmas, closeDatabase, migrateDatabase, sqliteOf, whileStarting } from './db/client';
import { describeDatabase, openConfiguredDatabase } from './db/open';
import { isEmptyDatabase, seedDemo } from './seed/demo';
import { readEnv, type Env } from './env';
import { createLogger } from './http/logging';

async function main() {
  const env = readEnv();
  const logger = createLogger({ level: env.LOG_LEVEL });
  const db = await openConfiguredDatabase(env, (err) => logger.warn({ err: err.message }, 'a PostgreSQL connection was lost'));
  assertDurablePragmas(db);
  // Instances starting together on one PostgreSQL database take turns: the first migrates and seeds.
  await whileStarting(db, async () => {
    await migrateDatabase(db);
    if (await isEmptyDatabase(db)) {
      if (env.HAMKORI_DEMO === '1') {
        await seedDemo(db);
        logger.info('Seeded the demo: CE.0219, an illustrative follow-up project and four demo accounts.');
      } else {
        logger.info('The database is empty. Create the first admin with: npm run create-admin -- --email you@example.org');
      }
    }
  });

  const app = createApp({
    db,
    production: env.NODE_ENV === 'production',
    session: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_MAX_HOURS * 3_600_000 },
    logger,
    uploadsDir: env.UPLOADS_PATH,
    responseCacheBytes: env.RESPONSE_CACHE_MB * 1024 * 1024,
    ...(env.TRUST_PROXY !== undefined ? { trustProxy: env.TRUST_PROXY } : {}),
    secretKey: loadSecretKey(env.HAMKORI_SECRET_KEY, secretKeyPath(env)),
  });
  // PostgreSQL is backed up by its own tools (pg_dump): the in-app schedule copies SQLite files.
  const backups: BackupSchedule | null =
    env.BACKUP_DIR && sqliteOf(db)
      ? startBackupSchedule({ db, dir: env.BACKUP_DIR, intervalHours: env.BACKUP_INTERVAL_HOURS, keep: env.BACKUP_KEEP, logger })
      : null;
  const server: Server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    logger.info({ port, database: describeDatabase(env) }, `Hamkori is running on http://localhost:${port}`);
  });

  // Requests in flight, so a stop can wait for them and tell each client not to reuse its connection.
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (stopping) res.setHeader('Connection', 'close');
    res.on('close', () => {
      inFlight.delete(res);
      // A keep-alive connection whose last request just ended is idle: close it now.
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });

  // On SIGTERM/SIGINT: refuse new connections, let requests in flight finish, then close the database.
  const shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: inFlight.size }, 'stopping: finishing requests in flight');
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    server.close(() => {
      void (async () => {
        await backups?.stop();
        await closeDatabase(db);
        logger.info('stopped');
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
    setTimeout(() => {
      logger.error({ inFlight: inFlight.size }, `requests still running after ${shutdownTimeoutMs} ms; stopping anyway`);
      server.closeAllConnections();
      process.exit(1);
    }, shutdownTimeoutMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * Several instances on one PostgreSQL database must seal secrets with one key, so there it
 * comes from HAMKORI_SECRET_KEY or SECRET_KEY_PATH; SQLite keeps a key file beside the database.
 */
function secretKeyPath(env: Env): string {
  if (env.SECRET_KEY_PATH) return env.SECRET_KEY_PATH;
  if (env.DATABASE_URL && !env.DATABASE_URL.startsWith('pglite:') && !env.HAMKORI_SECRET_KEY) {
    throw new Error('On PostgreSQL every instance needs the same secret key: set HAMKORI_SECRET_KEY (openssl rand -base64 32) or SECRET_KEY_PATH');
  }
  return join(dirname(resolve(env.DATABASE_PATH)), 'secret.key');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
