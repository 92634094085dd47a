import type { Server, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { createApp } from './app';
import { loadSecretKey } from './core/secret-box';
import { startBackupSchedule, type BackupSchedule } from './db/backup';
import { assertDurablePragmas, migrateDatabase, openDatabase } from './db/client';
import { isEmptyDatabase, seedDemo } from './db/seed/demo';
import { readEnv } from './env';
import { createLogger } from './http/logging';

async function main() {
  const env = readEnv();
  const logger = createLogger({ level: env.LOG_LEVEL });
  const db = openDatabase(env.DATABASE_PATH);
  assertDurablePragmas(db);
  migrateDatabase(db);

  if (await isEmptyDatabase(db)) {
    if (env.HAMKORI_DEMO === '1') {
      await seedDemo(db);
      logger.info('Seeded the demo: CE.0219, an illustrative follow-up project and four demo accounts.');
    } else {
      logger.info('The database is empty. Create the first admin with: npm run create-admin -- --email you@example.org');
    }
  }

  const app = createApp({
    db,
    production: env.NODE_ENV === 'production',
    session: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_MAX_HOURS * 3_600_000 },
    logger,
    uploadsDir: env.UPLOADS_PATH,
    responseCacheBytes: env.RESPONSE_CACHE_MB * 1024 * 1024,
    ...(env.TRUST_PROXY !== undefined ? { trustProxy: env.TRUST_PROXY } : {}),
    secretKey: loadSecretKey(env.HAMKORI_SECRET_KEY, env.SECRET_KEY_PATH ?? join(dirname(resolve(env.DATABASE_PATH)), 'secret.key')),
  });
  const backups: BackupSchedule | null = env.BACKUP_DIR
    ? startBackupSchedule({ db, dir: env.BACKUP_DIR, intervalHours: env.BACKUP_INTERVAL_HOURS, keep: env.BACKUP_KEEP, logger })
    : null;
  const server: Server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    logger.info({ port, database: env.DATABASE_PATH }, `Hamkori is running on http://localhost:${port}`);
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
        db.$client.close();
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

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
