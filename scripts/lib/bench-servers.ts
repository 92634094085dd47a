/**
 * The processes of a bench run (scripts/bench.ts): the hello-world and Hamkori servers it
 * measures, each a child of its own, the real server's cold start, and the PostgreSQL
 * copy of the portfolio. Each child server prints {"port":…} on its first line once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';

const ROOT = resolve(import.meta.dirname, '../..');

export async function serveHello() {
  const app = express();
  app.disable('x-powered-by');
  app.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  });
}

export async function serveHamkori(dbPath: string, responseCache: boolean) {
  // DATABASE_URL (set by startChild for --engine postgres) picks the engine before the app's modules load.
  const { createApp } = await import('../../server/src/app');
  const { closeDatabase, migrateDatabase, openDatabase } = await import('../../server/src/db/client');
  const { connectPostgres } = await import('../../server/src/db/postgres');
  const url = process.env.DATABASE_URL;
  const db = url ? await connectPostgres(url) : openDatabase(dbPath);
  await migrateDatabase(db);
  const app = createApp({
    db,
    clientDir: null,
    uploadsDir: join(tmpdir(), 'hamkori-bench-uploads'),
    ...(responseCache ? {} : { responseCacheBytes: 0 }),
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  });
  // A clean exit on SIGTERM lets `node --cpu-prof` write its profile when profiling this child.
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => {
      void closeDatabase(db).then(() => process.exit(0));
    });
  });
}

export type Child = { process: ChildProcess; port: number; url: string };

export function startChild(
  mode: '--serve-hello' | '--serve-hamkori',
  dbPath: string,
  extra: string[] = [],
  databaseUrl: string | null = null,
): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench.ts'), mode, '--db', dbPath, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: databaseUrl ? { ...process.env, DATABASE_URL: databaseUrl } : process.env,
  });
  return new Promise((resolvePort, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) {
        const port = (JSON.parse(line) as { port: number }).port;
        resolvePort({ process: child, port, url: `http://127.0.0.1:${port}` });
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} exited with ${code}`)));
  });
}

export const stopChild = (child: Child) =>
  new Promise<void>((done) => {
    if (child.process.exitCode !== null) return done();
    child.process.once('exit', () => done());
    child.process.kill('SIGTERM');
  });

/** Spawns the real server (server/src/index.ts) on the database and polls /api/health until it answers 200. */
export async function coldStart(dbPath: string, databaseUrl: string | null): Promise<number> {
  const probe = express().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const secretDir = mkdtempSync(join(tmpdir(), 'hamkori-bench-key-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/index.ts')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_PATH: dbPath,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, HAMKORI_SECRET_KEY: randomBytes(32).toString('base64') } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      HAMKORI_DEMO: '0',
      SECRET_KEY_PATH: join(secretDir, 'secret.key'),
      UPLOADS_PATH: join(secretDir, 'uploads'),
    },
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.status === 200) return Math.round(performance.now() - started);
      } catch {
        // Not listening yet.
      }
      if (performance.now() - started > 60_000) throw new Error('no answer from /api/health within 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stopChild({ process: child, port, url: '' });
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Copies the SQLite portfolio into the PostgreSQL database unless it already holds one. */
export async function fillPostgres(dbPath: string, url: string): Promise<void> {
  const { closeDatabase, openDatabase, queryRows } = await import('../../server/src/db/client');
  const { connectPostgres } = await import('../../server/src/db/postgres');
  const { copySqliteToPostgres } = await import('../../server/src/db/copy');
  const { sql } = await import('drizzle-orm');
  const target = await connectPostgres(url);
  try {
    const tables = await queryRows<{ n: number }>(target, sql`SELECT count(*) AS "n" FROM information_schema.tables WHERE table_name = 'projects'`);
    const projects = tables[0]?.n ? await queryRows<{ n: number }>(target, sql`SELECT count(*) AS "n" FROM projects`) : [];
    if (Number(projects[0]?.n ?? 0) > 0) return;
    console.log(`Copying ${dbPath} into PostgreSQL first (db:copy)`);
    const source = openDatabase(dbPath);
    const started = performance.now();
    try {
      await copySqliteToPostgres(source, target);
    } finally {
      await closeDatabase(source);
    }
    console.log(`Copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await closeDatabase(target);
  }
}
