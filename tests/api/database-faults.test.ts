import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { closeDatabase, type Db } from '../../server/src/db/client';
import { databaseEngine } from '../../server/src/db/engine';
import { connectPostgres } from '../../server/src/db/postgres';
import { makeProject, makeUser, TEST_PASSWORD } from '../factories';
import { ApiClient, GENEROUS_SIGN_IN_LIMITS } from './harness';
import { createTestDatabase } from './postgres-support';

/**
 * PostgreSQL lost while the app runs (issue 12): the app reaches the server through a TCP
 * relay the test can cut. While it is cut, requests answer 503 DATABASE_UNAVAILABLE within
 * seconds (no hang, no 500) and /health says the database is down; when it is back, the
 * app serves again by itself. Needs a real server (TEST_DATABASE_URL), so it runs in the
 * `api-pg` project when `.ci/run` provides one.
 */

const SERVER_URL = process.env.TEST_DATABASE_URL;

/** A relay from a local port to the PostgreSQL server that can be cut and restored. */
function relay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      if (server?.listening) return resolve();
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as AddressInfo).port;
        resolve();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    async cut() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      for (const s of sockets) s.destroy();
    },
  };
}

describe('PostgreSQL unreachable at start', () => {
  it('stops the server with exit code 1 and a message naming the server, without its password', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        DATABASE_URL: 'postgres://hamkori:s3cret-password@127.0.0.1:1/hamkori',
        HAMKORI_SECRET_KEY: randomBytes(32).toString('base64'),
        PORT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('close', (exitCode) => done(exitCode)));
    expect(code).toBe(1);
    expect(output).toContain('Cannot reach PostgreSQL at postgres://hamkori:***@127.0.0.1:1/hamkori');
    expect(output).toMatch(/ECONNREFUSED|connect/);
    expect(output).not.toContain('s3cret-password');
  }, 60_000);
});

describe.skipIf(!SERVER_URL || databaseEngine() !== 'postgres')('PostgreSQL lost while the app runs', { timeout: 120_000 }, () => {
  const target = new URL(SERVER_URL ?? 'postgres://localhost');
  let dropDatabase = async () => undefined as unknown;
  const link = relay({ host: target.hostname, port: Number(target.port || 5432) });
  let db: Db;
  let server: ReturnType<ReturnType<typeof createApp>['listen']>;
  let manager: ApiClient;
  let projectId = 0;

  beforeAll(async () => {
    await link.listen();
    const made = await createTestDatabase();
    dropDatabase = made.drop;
    const through = new URL(made.url);
    through.hostname = '127.0.0.1';
    through.port = String(link.port);
    db = await connectPostgres(through.toString(), { poolSize: 4, connectTimeoutMs: 2_000 });
    const user = await makeUser(db, { role: 'manager' });
    projectId = (await makeProject(db, { memberIds: [user.id] })).id;
    const app = createApp({ db, clientDir: null, signInLimits: GENEROUS_SIGN_IN_LIMITS, uploadsDir: join(tmpdir(), 'hamkori-faults-uploads') });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    manager = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api`);
    const login = await manager.post<{ csrfToken: string }>('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(login.status, login.text).toBe(200);
    manager.csrfToken = login.body.csrfToken;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await link.listen();
    await closeDatabase(db);
    await link.cut();
    await dropDatabase();
  });

  it('answers 503 DATABASE_UNAVAILABLE within seconds while the server is away, writes nothing, and serves again when it is back', async () => {
    const before = await manager.get<{ title: string; version: number }>(`/projects/${projectId}`);
    expect(before.status).toBe(200);
    expect((await manager.get('/health')).body).toEqual({ status: 'ok', database: 'up' });

    await link.cut();
    for (const send of [
      () => manager.get(`/projects/${projectId}`),
      () => manager.patch(`/projects/${projectId}`, { title: 'Written while the database was away', version: before.body.version }),
      () => manager.get('/health'),
    ]) {
      const started = performance.now();
      const res = await send();
      expect(performance.now() - started, 'answered within seconds').toBeLessThan(10_000);
      expect(res.status, res.text).toBe(503);
    }
    const health = await manager.get('/health');
    expect(health.body).toEqual({ status: 'unavailable', database: 'down' });
    const refused = await manager.get(`/projects/${projectId}`);
    expect(refused.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(refused.headers.get('retry-after')).toBe('5');

    await link.listen();
    let back = await manager.get<{ title: string }>(`/projects/${projectId}`);
    for (let tries = 0; back.status !== 200 && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      back = await manager.get<{ title: string }>(`/projects/${projectId}`);
    }
    expect(back.status, back.text).toBe(200);
    expect(back.body.title).toBe(before.body.title);
    expect((await manager.get('/health')).body).toEqual({ status: 'ok', database: 'up' });
  });
});
