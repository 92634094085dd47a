import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { createApp } from '../../server/src/app';
import { sqliteOf } from '../../server/src/db/client';
import { databaseEngine } from '../../server/src/db/engine';
import { revisionClock } from '../../server/src/db/revision';
import { CACHEABLE_ROUTES, ROUTE_POLICY, type RouteKey } from '../../server/src/http/policy';
import { makeActivity, makeOutcome, makeProject, makeUser } from '../factories';
import { ApiClient, startTestApp, type TestApp } from './harness';
import { rawGet, rawRun } from './raw-sql';
import { SAMPLES, useSampleApp } from './samples';
import { queriesSent } from './statements-support';

/**
 * The response cache must never answer differently from the app without it. Every test
 * here compares the cached app with a second app on the same database that has the
 * cache turned off (the reference), after the kinds of change that could leave an
 * answer stale: every write route, a write by another connection, a new day, a session
 * that ends, another user.
 */

const ROLES: Role[] = ['admin', 'manager', 'partner', 'donor'];

let app: TestApp;
let reference: { url: string; server: Server };
const clients = {} as Record<Role, ApiClient>;
const userIds = {} as Record<Role, number>;
let adminEmail = '';

/** The same session on the reference app (sessions live in the shared database). */
function onReference(client: ApiClient): ApiClient {
  const twin = new ApiClient(reference.url);
  twin.cookie = client.cookie;
  twin.csrfToken = client.csrfToken;
  return twin;
}

const idsOf = (body: unknown): number[] => {
  const list = Array.isArray(body) ? body : ((body as { items?: unknown[] } | undefined)?.items ?? []);
  return list.map((x) => (x as { id: number }).id).filter((id) => typeof id === 'number');
};

/** Every cacheable view of a project, with the ids of its parts read through the reference app. */
async function viewsOf(client: ApiClient, projectId: number): Promise<string[]> {
  const ref = onReference(client);
  const p = `/projects/${projectId}`;
  const views = [
    '/projects?page=1',
    '/projects?status=ongoing&sort=code',
    p,
    `${p}/results`,
    `${p}/indicators`,
    `${p}/me-overview`,
    `${p}/rag-thresholds`,
    `${p}/activities`,
    `${p}/timeline`,
    `${p}/dependencies`,
    `${p}/milestones`,
    `${p}/budget`,
    `${p}/health`,
    `${p}/budget-lines`,
    `${p}/expenditures`,
    `/registry/summary?projectId=${projectId}`,
    `${p}/attendance/engagement`,
    `${p}/reports`,
    '/dashboard',
  ];
  for (const id of idsOf((await ref.get(`${p}/activities`)).body)) {
    views.push(
      `/activities/${id}`,
      `/activities/${id}/history`,
      `/activities/${id}/comments`,
      `/activities/${id}/sub-events`,
      `/activities/${id}/dependencies`,
    );
  }
  for (const id of idsOf((await ref.get(`${p}/indicators`)).body)) views.push(`/indicators/${id}`, `/indicators/${id}/periods`);
  for (const id of idsOf((await ref.get(`${p}/budget-lines`)).body)) views.push(`/budget-lines/${id}/revisions`);
  for (const id of idsOf((await ref.get(`${p}/reports`)).body)) views.push(`/reports/${id}`, `/reports/${id}/compare`);
  return views;
}

/**
 * A draft report is compiled when it is read and says when: the one field that may
 * rightly differ (the cached compilation is of the same data, made earlier).
 */
const withoutCompileTime = (text: string) => text.replace(/"compiledAt":"[^"]*"/g, '"compiledAt":"…"');

/** Reads every view through both apps and returns the ones that differ (status or body). */
async function differences(client: ApiClient, views: string[]): Promise<string[]> {
  const ref = onReference(client);
  const out: string[] = [];
  for (const view of views) {
    const [cachedRes, freshRes] = [await client.get(view), await ref.get(view)];
    const cached = { status: cachedRes.status, text: withoutCompileTime(cachedRes.text) };
    const fresh = { status: freshRes.status, text: withoutCompileTime(freshRes.text) };
    if (cached.status !== fresh.status || cached.text !== fresh.text) {
      {
        let i = 0;
        while (i < cached.text.length && cached.text[i] === fresh.text[i]) i++;
        out.push(
          `${view}: cached ${cached.status} …${cached.text.slice(Math.max(0, i - 80), i + 120)} | fresh ${fresh.status} …${fresh.text.slice(Math.max(0, i - 80), i + 120)}`,
        );
      }
    }
  }
  return out;
}

const newestProjectId = async () => (await rawGet<{ id: number }>(app.db, 'SELECT max(id) AS id FROM projects'))!.id;

beforeAll(async () => {
  app = await startTestApp();
  // The uploads folder the harness gave the cached app (SQLite finds it beside its file; PostgreSQL must be told).
  const uploadsDir = join(dirname(app.databasePath), 'uploads');
  const server = createApp({ db: app.db, clientDir: null, uploadsDir, responseCacheBytes: 0 }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  reference = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` };
  for (const role of ROLES) {
    const user = await makeUser(app.db, { role });
    userIds[role] = user.id;
    clients[role] = await app.login(user.email);
    if (role === 'admin') adminEmail = user.email;
  }
  useSampleApp(app, userIds, clients);
});
afterAll(async () => {
  reference.server.closeAllConnections();
  await new Promise((resolve) => reference.server.close(resolve));
  await app.close();
});

describe('which routes are cached', () => {
  it('only GET routes that show no personal data, no files and nothing about accounts', () => {
    for (const key of CACHEABLE_ROUTES) {
      expect(key.startsWith('GET '), key).toBe(true);
      expect(ROUTE_POLICY[key], key).not.toBe('registry:read-personal');
      expect(key, key).not.toMatch(
        /\/(auth|users|sessions|settings|evidence|expenditure-evidence)\b|\/registry\/(people|organisations)|attendance$|export|\.xml|\.pdf|\.csv|\.xlsx/,
      );
    }
  });
});

describe('answers from the cache', () => {
  it('are served without computing the view again: a repeated GET sends no query about the project', async () => {
    const project = await makeProject(app.db, { memberIds: [userIds.manager] });
    const read = async () => {
      let body = '';
      const sent = await queriesSent(app.db, async () => {
        const res = await clients.manager.get(`/projects/${project.id}`);
        expect(res.status, res.text).toBe(200);
        body = res.text;
      });
      // Queries of the project's tables, as the data layer writes them ("projects", "project_members", …).
      return { body, projectQueries: sent.filter((q) => q.includes('"project')).length };
    };
    const first = await read();
    expect(first.projectQueries).toBeGreaterThan(0);
    const second = await read();
    expect(second.body).toBe(first.body);
    expect(second.projectQueries).toBe(0);
  });

  // SQLite only: its clock can leave a write out (a session's last-seen time). PostgreSQL's counts every write,
  // so nothing changes behind its back there; the test above shows its answers come from the cache.
  it.skipIf(databaseEngine() === 'postgres')(
    'are the answers themselves: a change the revision does not see stays invisible until a write',
    async () => {
      const project = await makeProject(app.db, { memberIds: [userIds.manager], title: 'Before' });
      const manager = clients.manager;
      expect((await manager.get(`/projects/${project.id}`)).body.title).toBe('Before');
      // Behind the clock's back (only tests can do this): the cached answer is still served, the reference sees the change.
      await revisionClock(app.db).excluding(() => rawRun(app.db, 'UPDATE projects SET title = ? WHERE id = ?', 'Behind the back', project.id));
      expect((await manager.get(`/projects/${project.id}`)).body.title).toBe('Before');
      expect((await onReference(manager).get(`/projects/${project.id}`)).body.title).toBe('Behind the back');
      // Any write the clock sees (here, an unrelated project) brings the cached app up to date.
      await makeProject(app.db);
      expect((await manager.get(`/projects/${project.id}`)).body.title).toBe('Behind the back');
    },
  );

  it('come gzipped when the client accepts it, and plain otherwise', async () => {
    const outcome = await makeOutcome(app.db, (await makeProject(app.db, { memberIds: [userIds.manager] })).id);
    for (let i = 0; i < 30; i++) await makeActivity(app.db, outcome, { title: `A long enough activity title number ${i}` });
    const path = `${app.url}/projects/${outcome.projectId}/activities`;
    const headers = { cookie: clients.manager.cookie };
    const first = await fetch(path, { headers: { ...headers, 'accept-encoding': 'gzip' } });
    const firstBody = await first.text();
    const second = await fetch(path, { headers: { ...headers, 'accept-encoding': 'gzip' } });
    expect(second.headers.get('content-encoding')).toBe('gzip');
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(await second.text()).toBe(firstBody);
    const plain = await fetch(path, { headers: { ...headers, 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(firstBody));
    expect(await plain.text()).toBe(firstBody);
  });

  it('are never shared between users: a partner gets 403 where a manager was just answered', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(userIds) });
    const path = `/projects/${project.id}/me-overview`;
    expect((await clients.manager.get(path)).status).toBe(200);
    expect((await clients.manager.get(path)).status).toBe(200);
    const partner = await clients.partner.get(path);
    expect(partner.status).toBe(403);
    expect(partner.body.error.code).toBe('FORBIDDEN');
  });

  it('are never given to a session that has ended, though nothing was written', async () => {
    const short = await startTestApp({ session: { idleMs: 1000 } });
    try {
      const user = await makeUser(short.db, { role: 'manager' });
      const project = await makeProject(short.db, { memberIds: [user.id] });
      const client = await short.login(user.email);
      expect((await client.get(`/projects/${project.id}/results`)).status).toBe(200);
      expect((await client.get(`/projects/${project.id}/results`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      const late = await client.get(`/projects/${project.id}/results`);
      expect(late.status).toBe(401);
      expect(late.body.error.code).toBe('UNAUTHENTICATED');
    } finally {
      await short.close();
    }
  });

  // SQLite only: on PostgreSQL another connection is another instance, which the multi-instance test covers.
  it.skipIf(databaseEngine() === 'postgres')('follow a write made by another connection to the database file', async () => {
    const project = await makeProject(app.db, { memberIds: [userIds.donor], title: 'Seen first' });
    expect((await clients.donor.get(`/projects/${project.id}`)).body.title).toBe('Seen first');
    expect((await clients.donor.get(`/projects/${project.id}`)).body.title).toBe('Seen first');
    const other = new Database(sqliteOf(app.db)!.name);
    try {
      other.prepare('UPDATE projects SET title = ? WHERE id = ?').run('Changed elsewhere', project.id);
    } finally {
      other.close();
    }
    expect((await clients.donor.get(`/projects/${project.id}`)).body.title).toBe('Changed elsewhere');
  });
});

const writeRoutes = (Object.keys(ROUTE_POLICY) as RouteKey[]).filter((k) => !k.startsWith('GET '));

describe('after every write route, the cached app answers as the app without a cache', () => {
  it.each(writeRoutes)('%s', async (key) => {
    const call = await SAMPLES[key]('admin');
    // A sample may end the admin's session (signing out everywhere, a new password): sign in again then.
    const me = await clients.admin.get('/auth/me');
    if (me.status !== 200 || me.body.user?.id !== userIds.admin) clients.admin = await app.login(adminEmail);
    const admin = clients.admin;
    const views = await viewsOf(admin, await newestProjectId());
    // Fill the cache with every view of the project the sample made, then write.
    for (const view of views) await admin.get(view);
    // Sign-in routes get a client of their own, so the admin's session stays the admin's.
    const caller = call.client ?? (ROUTE_POLICY[key] === 'public' ? app.anonymous() : admin);
    const res = await caller.request(call.method, call.path, { body: call.body, raw: call.raw, headers: call.headers });
    expect(res.status, res.text).toBeLessThan(300);
    expect(await differences(admin, views)).toEqual([]);
  });
});
