import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './harness';
import { onServer } from './postgres-support';

/**
 * Two app processes on one PostgreSQL database, as a fund runs them behind a load balancer
 * (issue 12). Needs a real server: TEST_DATABASE_URL (`.ci/run` starts one); each run makes
 * a database of its own and drops it. Both processes start together on the empty database,
 * so the demo is migrated and seeded by whichever takes the start-up lock first.
 */

const ADMIN_URL = process.env.TEST_DATABASE_URL;
const ROOT = resolve(import.meta.dirname, '../..');
const DEMO_PASSWORD = 'hamkori-demo-2026';
const SECRET_KEY = randomBytes(32).toString('base64');

type Instance = { name: string; child: ChildProcess; url: string; log: string[] };

let database = '';
let databaseUrl = '';
let a: Instance;
let b: Instance;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function startInstance(name: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      HAMKORI_SECRET_KEY: SECRET_KEY,
      HAMKORI_DEMO: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RESPONSE_CACHE_MB: '32',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return { name, child, url: `http://127.0.0.1:${port}/api`, log };
}

async function waitHealthy(instance: Instance): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited: ${instance.log.join('')}`);
    try {
      const res = await fetch(`${instance.url}/health`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${instance.name} did not become healthy: ${instance.log.join('')}`);
}

async function signIn(instance: Instance, email: string): Promise<ApiClient> {
  const client = new ApiClient(instance.url);
  const res = await client.post<{ csrfToken: string }>('/auth/login', { email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in on ${instance.name}: ${res.status} ${res.text}`);
  client.csrfToken = res.body.csrfToken;
  return client;
}

/** The same session (cookie and CSRF token) talking to another instance. */
function onInstance(client: ApiClient, instance: Instance): ApiClient {
  const moved = new ApiClient(instance.url);
  moved.cookie = client.cookie;
  moved.csrfToken = client.csrfToken;
  return moved;
}

function stop(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null || instance.child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    instance.child.once('close', () => done());
    instance.child.kill('SIGTERM');
  });
}

describe.skipIf(!ADMIN_URL)('two instances on one PostgreSQL database', { timeout: 180_000 }, () => {
  let projectId = 0;

  beforeAll(async () => {
    database = `hamkori_instances_${randomBytes(5).toString('hex')}`;
    await onServer(ADMIN_URL ?? '', (c) => c.query(`CREATE DATABASE ${database}`));
    const url = new URL(ADMIN_URL ?? '');
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    [a, b] = await Promise.all([startInstance('A'), startInstance('B')]);
    await Promise.all([waitHealthy(a), waitHealthy(b)]);
    const manager = await signIn(a, 'manager@example.org');
    const projects = await manager.get<{ items: { id: number; code: string }[] }>('/projects?q=CE.0219');
    projectId = projects.body.items.find((p) => p.code === 'CE.0219')?.id ?? 0;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    if (database) await onServer(ADMIN_URL ?? '', (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  it('migrated and seeded the demo exactly once although both started together', async () => {
    const counts = await onServer(databaseUrl, async (target) => {
      const projects = await target.query<{ n: string }>(`SELECT count(*) AS n FROM projects WHERE code = 'CE.0219'`);
      const users = await target.query<{ n: string }>(`SELECT count(*) AS n FROM users`);
      return { projects: Number(projects.rows[0]?.n), users: Number(users.rows[0]?.n) };
    });
    expect(counts).toEqual({ projects: 1, users: 4 });
    expect(projectId).toBeGreaterThan(0);
  });

  it('a session made on A works on B, and signing out on B ends it on A', async () => {
    const onA = await signIn(a, 'partner@example.org');
    const onB = onInstance(onA, b);
    const me = await onB.get<{ user: { email: string } }>('/auth/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body.user.email).toBe('partner@example.org');
    expect((await onB.post('/auth/logout')).status).toBeLessThan(300);
    expect((await onA.get('/auth/me')).status).toBe(401);
  });

  it('a view cached on B changes right after a write on A', async () => {
    const managerA = await signIn(a, 'manager@example.org');
    const managerB = onInstance(managerA, b);
    const first = await managerB.get<{ title: string; version: number }>(`/projects/${projectId}`);
    expect((await managerB.get(`/projects/${projectId}`)).text).toBe(first.text);
    const title = `${first.body.title} (renamed on A)`;
    const patched = await managerA.patch(`/projects/${projectId}`, { title, version: first.body.version });
    expect(patched.status, patched.text).toBe(200);
    const after = await managerB.get<{ title: string }>(`/projects/${projectId}`);
    expect(after.body.title).toBe(title);
  });

  it('two updates of the same version sent to A and B: one succeeds, the other gets 409', async () => {
    const managerA = await signIn(a, 'manager@example.org');
    const managerB = onInstance(managerA, b);
    const current = await managerA.get<{ description: string; version: number }>(`/projects/${projectId}`);
    const [onA, onB] = await Promise.all([
      managerA.patch(`/projects/${projectId}`, { description: 'Written through A', version: current.body.version }),
      managerB.patch(`/projects/${projectId}`, { description: 'Written through B', version: current.body.version }),
    ]);
    expect([onA.status, onB.status].sort()).toEqual([200, 409]);
    const winner = onA.status === 200 ? 'Written through A' : 'Written through B';
    expect((await managerB.get<{ description: string }>(`/projects/${projectId}`)).body.description).toBe(winner);
  });

  it('fifty expenditures posted in parallel, split over A and B, sum exactly', async () => {
    const managerA = await signIn(a, 'manager@example.org');
    const managerB = onInstance(managerA, b);
    const before = await managerA.get<{ sums: { spent: { amount: string } } }>(`/projects/${projectId}/expenditures?pageSize=1`);
    const cents = Array.from({ length: 50 }, (_, i) => (i + 1) * 1234 + 7);
    const results = await Promise.all(
      cents.map((c, i) =>
        (i % 2 === 0 ? managerA : managerB).post(`/projects/${projectId}/expenditures`, {
          date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
          amount: { amount: (c / 100).toFixed(2), currency: 'USD' },
          reference: `MI-${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const toMinor = (amount: string) => BigInt(amount.replace('.', ''));
    const expected = toMinor(before.body.sums.spent.amount) + cents.reduce((s, c) => s + BigInt(c), 0n);
    for (const client of [managerA, managerB]) {
      const after = await client.get<{ sums: { spent: { amount: string } } }>(`/projects/${projectId}/expenditures?pageSize=1`);
      expect(toMinor(after.body.sums.spent.amount)).toBe(expected);
    }
  });

  it('a receipt uploaded through A downloads from B byte for byte', async () => {
    const managerA = await signIn(a, 'manager@example.org');
    const managerB = onInstance(managerA, b);
    const entry = await managerA.post<{ id: number }>(`/projects/${projectId}/expenditures`, {
      date: '2026-02-01',
      amount: { amount: '10.00', currency: 'USD' },
      reference: 'MI-receipt',
    });
    expect(entry.status, entry.text).toBe(201);
    const pdf = `%PDF-1.4\n% ${randomBytes(24).toString('hex')}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`;
    const boundary = 'multi-instance-boundary';
    const uploaded = await managerA.request<{ id: number }>('POST', `/expenditures/${entry.body.id}/evidence`, {
      raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="receipt.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.status, uploaded.text).toBe(201);
    const download = await managerB.get(`/expenditure-evidence/${uploaded.body.id}`);
    expect(download.status).toBe(200);
    expect(download.text).toBe(pdf);
  });

  it('kill -9 of A in the middle of a burst loses no write A acknowledged', async () => {
    const managerA = await signIn(a, 'manager@example.org');
    const managerB = onInstance(managerA, b);
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (worker: number) => {
      for (let i = 0; i < 40 && a.child.exitCode === null && a.child.signalCode === null; i++) {
        const reference = `KILL-${worker}-${i}`;
        try {
          const res = await managerA.post(`/projects/${projectId}/expenditures`, {
            date: '2026-03-01',
            amount: { amount: '1.00', currency: 'USD' },
            reference,
          });
          if (res.status === 201) acknowledged.push(reference);
        } catch {
          // The connection died with the process: this write was never acknowledged.
        }
        if (!killed && acknowledged.length >= 12) {
          killed = true;
          a.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([writer(1), writer(2), writer(3), writer(4)]);
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);
    const stored = new Set<string>();
    for (let page = 1; page <= 10; page++) {
      const listed = await managerB.get<{ items: { reference: string }[] }>(`/projects/${projectId}/expenditures?pageSize=50&page=${page}&q=KILL-`);
      expect(listed.status, listed.text).toBe(200);
      for (const e of listed.body.items) stored.add(e.reference);
      if (listed.body.items.length < 50) break;
    }
    expect(acknowledged.filter((r) => !stored.has(r))).toEqual([]);
  });
});
