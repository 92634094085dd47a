/**
 * The child of tests/api/crash.test.ts: opens the database with the app's own
 * openDatabase/migrateDatabase, serves createApp on loopback, signs in and writes through
 * real HTTP requests until it is killed. After each write's response has come back (so
 * its transaction has committed) it prints `activity <id>` or `comment <id>` on stdout.
 *
 * Env: CRASH_DB, CRASH_EMAIL, CRASH_PASSWORD, CRASH_PROJECT_ID, CRASH_OUTCOME_ID, and
 * CRASH_SESSION ("<cookie> <csrf token>") to reuse the session an earlier child printed as
 * `session <cookie> <csrf token>`, which spares each restart a scrypt sign-in.
 * Exits by itself when its stdin closes (the parent died) or after 30 s.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app';
import { assertDurablePragmas, migrateDatabase, openDatabase } from '../../server/src/db/client';

const WORKERS = 3;
const LIFETIME_MS = 30_000;

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function login(base: string): Promise<[string, string]> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: need('CRASH_EMAIL'), password: need('CRASH_PASSWORD') }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  // Login clears any old session cookie before it sets the new one: take the one with a value.
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .at(-1);
  if (!cookie) throw new Error('login set no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  process.stdout.write(`session ${cookie} ${csrfToken}\n`);
  return [cookie, csrfToken];
}

async function main() {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  setTimeout(() => process.exit(0), LIFETIME_MS).unref();

  const db = openDatabase(need('CRASH_DB'));
  assertDurablePragmas(db);
  await migrateDatabase(db);
  const app = createApp({
    db,
    clientDir: null,
    signInLimits: { pairFree: 1e6, addressFree: 1e6, accountFree: 1e6, codeAccountFree: 1e6, resetAddressFree: 1e6 },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

  const [cookie, csrfToken] = process.env.CRASH_SESSION ? process.env.CRASH_SESSION.split(' ') : await login(base);
  const headers = { 'content-type': 'application/json', cookie: cookie ?? '', 'x-csrf-token': csrfToken ?? '' };

  async function post(path: string, body: unknown): Promise<number> {
    const res = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: number }).id;
  }

  const projectId = Number(need('CRASH_PROJECT_ID'));
  const outcomeId = Number(need('CRASH_OUTCOME_ID'));
  process.stdout.write('ready\n');

  const worker = async (w: number) => {
    for (let i = 0; ; i++) {
      const activityId = await post(`/projects/${projectId}/activities`, {
        outcomeId,
        kind: 'study_tour',
        title: `Crash run ${process.pid} worker ${w} #${i}`,
      });
      process.stdout.write(`activity ${activityId}\n`);
      const commentId = await post(`/activities/${activityId}/comments`, { body: `Written by ${process.pid}/${w}/${i}` });
      process.stdout.write(`comment ${commentId}\n`);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, async (_, w) => await worker(w)));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
