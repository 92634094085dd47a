import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { hasPermission } from '@shared/permissions';
import { ROUTE_POLICY, type Access, type RouteKey } from '../../server/src/http/policy';
import { makeUser } from '../factories';
import { ApiClient, startTestApp, type TestApp } from './harness';
import { SAMPLES, useSampleApp } from './samples';

type Layer = { route?: { path: string; methods: Record<string, boolean> } };

/** Every "METHOD /path" the router answers, read from the router itself. */
function listRoutes(router: Router): string[] {
  return (router.stack as unknown as Layer[]).flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${layer.route?.path}`)
      : [],
  );
}

const ROLES: Role[] = ['admin', 'manager', 'partner', 'donor'];

let app: TestApp;
const clients = {} as Record<Role, ApiClient>;
const userIds = {} as Record<Role, number>;

// The sample request for every route (SAMPLES) lives in ./samples/ (one module per area), shared with fuzz.test.ts: add new ones there.

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ROLES) {
    const user = await makeUser(app.db, { role });
    userIds[role] = user.id;
    clients[role] = await app.login(user.email);
  }
  useSampleApp(app, userIds, clients);
});
afterAll(() => app.close());

describe('route policy table', () => {
  it('lists every route the API router answers, and nothing else', () => {
    const routes = listRoutes(app.apiRouter).sort();
    expect(routes).toEqual(Object.keys(ROUTE_POLICY).sort());
  });

  it('has a sample request for every route in the table', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ROUTE_POLICY).sort());
  });
});

const protectedRoutes = (Object.keys(ROUTE_POLICY) as RouteKey[]).filter((k) => ROUTE_POLICY[k] !== 'public');

describe.each(protectedRoutes)('%s', (key) => {
  it('answers 401 without a session', async () => {
    const call = await SAMPLES[key]('admin');
    const res = await app.anonymous().request(call.method, call.path, { body: call.body, raw: call.raw, headers: call.headers });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each(ROLES)('as %s answers as the policy table says', async (role) => {
    const access: Access = ROUTE_POLICY[key];
    const allowed = access === 'authenticated' || (access !== 'public' && hasPermission(role, access));
    const call = await SAMPLES[key](role);
    const res = await (call.client ?? clients[role]).request(call.method, call.path, { body: call.body, raw: call.raw, headers: call.headers });
    if (allowed) {
      expect(res.status, res.text).toBeGreaterThanOrEqual(200);
      expect(res.status, res.text).toBeLessThan(300);
    } else {
      expect(res.status, res.text).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('public routes', () => {
  it.each((Object.keys(ROUTE_POLICY) as RouteKey[]).filter((k) => ROUTE_POLICY[k] === 'public'))('%s answers 200 without a session', async (key) => {
    const call = await SAMPLES[key]('admin');
    const res = await app.anonymous().request(call.method, call.path, { body: call.body, raw: call.raw, headers: call.headers });
    expect(res.status, res.text).toBe(200);
  });
});
