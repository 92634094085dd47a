import type { Server } from 'node:http';
import { createApp } from './app';
import { migrateDatabase, openDatabase, readPragmas } from './db/client';
import { isEmptyDatabase, seedDemo } from './db/seed/demo';
import { readEnv } from './env';

async function main() {
  const env = readEnv();
  const db = openDatabase(env.DATABASE_PATH);
  const pragmas = readPragmas(db);
  if (pragmas.journalMode !== 'wal' || pragmas.foreignKeys !== 1) {
    throw new Error(`SQLite did not accept the required settings: ${JSON.stringify(pragmas)}`);
  }
  migrateDatabase(db);

  if (isEmptyDatabase(db)) {
    if (env.HAMKORI_DEMO === '1') {
      await seedDemo(db);
      console.log('Seeded the demo: CE.0219, an illustrative follow-up project and four demo accounts.');
    } else {
      console.log('The database is empty. Create the first admin with: npm run create-admin -- --email you@example.org');
    }
  }

  const app = createApp({
    db,
    production: env.NODE_ENV === 'production',
    session: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_MAX_HOURS * 3_600_000 },
  });
  const server: Server = app.listen(env.PORT, env.HOST, () => {
    console.log(`Hamkori is running on http://localhost:${env.PORT} (database: ${env.DATABASE_PATH})`);
  });

  // On SIGTERM/SIGINT: stop accepting, let requests in flight finish, then close the database.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then stopping.`);
    server.close(() => {
      db.$client.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
