import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp, type AppOptions } from '../../server/src/app';
import { sql } from 'drizzle-orm';
import { closeDatabase, engineOf, migrateDatabase, openDatabase, queryRows, type Db } from '../../server/src/db/client';
import { databaseEngine } from '../../server/src/db/engine';
import { openTestPostgres } from './postgres-support';
import { createLogger } from '../../server/src/http/logging';
import type { Role } from '@shared/enums';
import { makeUser, TEST_PASSWORD } from '../factories';

/**
 * Thresholds no test file reaches by accident: every test signs in from 127.0.0.1, many
 * with wrong passwords on purpose. Tests of throttling pass their own (or the defaults).
 */
export const GENEROUS_SIGN_IN_LIMITS = { pairFree: 1000, addressFree: 1000, accountFree: 1000, codeAccountFree: 1000, resetAddressFree: 1000 };

export type TestApp = {
  url: string;
  /** The SQLite file, for a second app on the same database. */
  databasePath: string;
  /** The /api router, for tests that walk its routes. */
  apiRouter: Router;
  db: Db;
  close(): Promise<void>;
  /** A client without a session; `from` names its address (X-Forwarded-For, believed from loopback in tests). */
  anonymous(from?: string): ApiClient;
  /** Signs in and returns a client holding the session cookie and CSRF token. */
  login(email: string, password?: string): Promise<ApiClient>;
  /** Makes a user of the role (factory overrides allowed) and signs it in. */
  signInAs(role: Role, overrides?: UserOverrides): Promise<SignedIn>;
  /** Makes and signs in one user per actor, each of its role: `{ clients, ids }` keyed by actor. */
  signInEach<A extends string>(actors: Record<A, Role>): Promise<{ clients: Record<A, ApiClient>; ids: Record<A, number> }>;
};

type UserOverrides = Omit<NonNullable<Parameters<typeof makeUser>[1]>, 'role'>;
export type SignedIn = { user: Awaited<ReturnType<typeof makeUser>>; client: ApiClient };

/** One user of each role, keyed by its role: `app.signInEach(EVERY_ROLE)`. */
export const EVERY_ROLE = { admin: 'admin', manager: 'manager', partner: 'partner', donor: 'donor' } as const satisfies Record<Role, Role>;

export type ApiResponse<T = any> = { status: number; headers: Headers; body: T; text: string };

export class ApiClient {
  cookie = '';
  csrfToken = '';

  constructor(
    private readonly url: string,
    /** Headers sent with every request (the client's address, say). */
    private readonly defaults: Record<string, string> = {},
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.defaults, ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.csrf !== false && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.url + path, { method, headers, body: payload, redirect: 'manual' });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(';');
      if (!pair) continue;
      const value = pair.slice(pair.indexOf('=') + 1);
      this.cookie = value ? pair : '';
    }
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body: body as T, text };
  }

  get = <T = any>(path: string, options?: { headers?: Record<string, string> }) => this.request<T>('GET', path, options);
  post = <T = any>(path: string, body?: unknown, options?: { csrf?: boolean }) => this.request<T>('POST', path, { body, ...options });
  patch = <T = any>(path: string, body?: unknown, options?: { csrf?: boolean }) => this.request<T>('PATCH', path, { body, ...options });
  delete = <T = any>(path: string, options?: { csrf?: boolean }) => this.request<T>('DELETE', path, options);
}

/**
 * Starts the real app over HTTP on a fresh, migrated SQLite file of its own, or (`sharing`)
 * as a second instance on another app's file, the way several processes serve one database.
 */
export async function startTestApp(options: Partial<AppOptions> = {}, sharing?: { databaseOf: TestApp }): Promise<TestApp> {
  const databasePath = sharing?.databaseOf.databasePath ?? join(mkdtempSync(join(tmpdir(), 'hamkori-test-')), 'test.db');
  const dir = dirname(databasePath);
  let db: Db;
  let disposeDatabase: () => Promise<void>;
  if (databaseEngine() === 'postgres') {
    // A database of its own on PostgreSQL (PGlite, or a schema on TEST_DATABASE_URL's server); a second app shares the first's.
    const opened = await openTestPostgres(sharing?.databaseOf.db);
    db = opened.db;
    disposeDatabase = opened.dispose;
  } else {
    db = openDatabase(databasePath);
    if (!sharing) await migrateDatabase(db);
    disposeDatabase = () => closeDatabase(db);
  }
  const app = createApp({
    clientDir: null,
    signInLimits: GENEROUS_SIGN_IN_LIMITS,
    trustProxy: 'loopback',
    // On PostgreSQL files go to the database by default (decision 017); the suite runs that store there.
    uploadsDir: databaseEngine() === 'postgres' ? undefined : join(dir, 'uploads'),
    // Errors (a 500 above all) reach console.error, which fails the test that caused them.
    logger: createLogger({ level: 'error', destination: { write: (line: string) => console.error(line.trimEnd()) } }),
    ...options,
    db,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const testApp: TestApp = {
    url,
    databasePath,
    apiRouter: app.locals.apiRouter,
    db,
    anonymous: (from) => new ApiClient(url, from ? { 'x-forwarded-for': from } : {}),
    async login(email, password = TEST_PASSWORD) {
      const client = new ApiClient(url);
      const res = await client.post<{ csrfToken: string }>('/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${res.text}`);
      client.csrfToken = res.body.csrfToken;
      return client;
    },
    async signInAs(role, overrides = {}) {
      const user = await makeUser(db, { ...overrides, role });
      return { user, client: await testApp.login(user.email) };
    },
    async signInEach(actors) {
      const clients = {} as Record<keyof typeof actors, ApiClient>;
      const ids = {} as Record<keyof typeof actors, number>;
      // One after another: the ids follow the order the actors are listed in.
      for (const [actor, role] of Object.entries(actors) as [keyof typeof actors, Role][]) {
        const { user, client } = await testApp.signInAs(role);
        clients[actor] = client;
        ids[actor] = user.id;
      }
      return { clients, ids };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await disposeDatabase();
      // The first app owns the folder; a second one on its file leaves it be.
      if (!sharing) rmSync(dir, { recursive: true, force: true });
    },
  };
  return testApp;
}

/** Row counts of every table, to prove that a rejected request wrote nothing. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await tableNames(db)) {
    const [row] = await queryRows<{ n: number | string }>(db, sql.raw(`SELECT count(*) AS "n" FROM "${name}"`));
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

async function tableNames(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    engineOf(db) === 'sqlite'
      ? sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`
      : sql`SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '__drizzle%' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/**
 * A digest of every row of every table, so a test can prove that a rejected request changed
 * nothing at all, not merely no row count. Sign-in bookkeeping is left out (sessions, counters
 * of failed attempts, known addresses, two-factor challenges: signing in, or failing to, writes
 * them), and so are refused sign-ins in the audit log: recording them is the point.
 */
const SIGN_IN_BOOKKEEPING = ['sessions', 'sign_in_counters', 'sign_in_known_addresses', 'mfa_challenges'];

export async function databaseDigest(db: Db): Promise<string> {
  const hash = createHash('sha256');
  for (const name of await tableNames(db)) {
    if (SIGN_IN_BOOKKEEPING.includes(name)) continue;
    hash.update(name);
    const where = name === 'audit_log' ? ` WHERE NOT (entity = 'auth' AND action = 'login_failed')` : '';
    // Rows in an order of their own content, the same on either engine (PostgreSQL has no rowid).
    const rows = (await queryRows(db, sql.raw(`SELECT * FROM "${name}"${where}`))).map((row) => JSON.stringify(row)).sort();
    for (const row of rows) hash.update(row);
  }
  return hash.digest('hex');
}
