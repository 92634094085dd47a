import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo';
import { createTestDatabase } from './postgres-support';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO_EMAILS = ['admin@example.org', 'manager@example.org', 'partner@example.org', 'donor@example.org'];
/** Sign-ins run scrypt (~0.3 s of CPU each), so this many keep the server busy for seconds. */
const LOGINS = 20;

type LogLine = { msg?: string; port?: number; inFlight?: number; level?: number; url?: string; err?: unknown };
type Outcome = { status?: number; error?: string; at: number };

const dir = mkdtempSync(join(tmpdir(), 'hamkori-shutdown-'));
let server: ChildProcess | undefined;
/** On a PostgreSQL server (TEST_DATABASE_URL) the process gets a database of its own, not the server's shared one. */
let databaseUrl: string | undefined = process.env.DATABASE_URL;
let dropDatabase = async (): Promise<unknown> => undefined;
beforeAll(async () => {
  if (!/^postgres(ql)?:/.test(databaseUrl ?? '')) return;
  const made = await createTestDatabase();
  databaseUrl = made.url;
  dropDatabase = made.drop;
});
afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase();
});

/** Starts the real server (index.ts) on a port of the OS's choosing; resolves once it listens. */
function startServer() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'app.db'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SECRET_KEY_PATH: join(dir, 'secret.key'),
    HAMKORI_DEMO: '1',
    // debug adds a line when each request arrives, so the test knows they are all in.
    LOG_LEVEL: 'debug',
    SHUTDOWN_TIMEOUT_SECONDS: '45',
  };
  delete env.BACKUP_DIR;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/index.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  const lines: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  const exited = new Promise<{ code: number | null; at: number }>((res) => child.once('exit', (code) => res({ code, at: Date.now() })));
  const listening = new Promise<number>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start: ${stderr}`)), 40_000);
    void exited.then(({ code }) => rej(new Error(`server exited (${code}) before listening: ${stderr}`)));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts) {
        const line = JSON.parse(part) as LogLine;
        lines.push(line);
        if (line.port) {
          clearTimeout(timer);
          res(line.port);
        }
      }
    });
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  });
  return { child, lines, exited, listening, stderr: () => stderr };
}

/** One sign-in on a keep-alive connection; records how it ended and when. */
function login(port: number, agent: http.Agent, email: string): Promise<Outcome> {
  return new Promise((res) => {
    const body = JSON.stringify({ email, password: DEMO_PASSWORD });
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/auth/login',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.once('end', () => res({ status: response.statusCode, at: Date.now() }));
        response.once('error', (err) => res({ error: `${(err as NodeJS.ErrnoException).code ?? err.message}`, at: Date.now() }));
      },
    );
    req.once('error', (err) => res({ error: `${(err as NodeJS.ErrnoException).code ?? err.message}`, at: Date.now() }));
    req.end(body);
  });
}

/** A request on a brand-new connection; resolves with the error code, or the status. */
function freshConnection(port: number): Promise<string> {
  return new Promise((res) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (r) => {
      r.resume();
      res(String(r.statusCode));
    });
    req.once('error', (err) => res((err as NodeJS.ErrnoException).code ?? err.message));
  });
}

describe('the server on SIGTERM', () => {
  it('refuses new connections, finishes every sign-in in flight, then exits 0', { timeout: 90_000 }, async () => {
    const { child, lines, exited, listening, stderr } = startServer();
    const port = await listening;
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

    // An idle keep-alive connection must not hold the stop up.
    expect(await freshConnection(port)).toBe('200');

    const pending = Array.from({ length: LOGINS }, (_, i) => login(port, agent, DEMO_EMAILS[i % 4] ?? ''));
    // SIGTERM only once the server has read every sign-in, so none can be waiting in the accept queue.
    const received = () => lines.filter((l) => l.msg === 'request received' && l.url === '/api/auth/login').length;
    await expect.poll(received, { timeout: 30_000, interval: 5 }).toBe(LOGINS);

    const termAt = Date.now();
    child.kill('SIGTERM');
    await expect.poll(() => lines.some((l) => l.msg?.startsWith('stopping')), { timeout: 30_000, interval: 10 }).toBe(true);
    const refused = await freshConnection(port);
    const refusedWhileRunning = child.exitCode === null;

    const outcomes = await Promise.all(pending);
    const { code } = await exited;
    agent.destroy();

    expect(
      outcomes.filter((o) => o.error),
      stderr(),
    ).toEqual([]);
    expect(
      outcomes.map((o) => o.status),
      JSON.stringify(lines.filter((l) => (l.level ?? 0) >= 50)),
    ).toEqual(Array.from({ length: LOGINS }, () => 200));
    const stopping = lines.find((l) => l.msg?.startsWith('stopping'));
    expect(stopping?.inFlight, 'requests were in flight when SIGTERM came').toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.at > termAt).length).toBeGreaterThan(0);
    expect(refused).toBe('ECONNREFUSED');
    expect(refusedWhileRunning, 'the new connection was refused by the stopping server, not a dead one').toBe(true);
    expect(lines.at(-1)?.msg).toBe('stopped');
    expect(code, stderr()).toBe(0);
  });
});
