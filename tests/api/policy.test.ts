import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { hasPermission } from '@shared/permissions';
import { ROUTE_POLICY, type Access, type RouteKey } from '../../server/src/http/policy';
import { makeActivity, makeOutcome, makeOutput, makeProject, makeUser, TEST_PASSWORD } from '../factories';
import { ApiClient, startTestApp, type TestApp } from './harness';

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

type Call = { client?: ApiClient; method: string; path: string; body?: unknown };

/** Fresh data for a project all four roles belong to. */
async function world() {
  const project = makeProject(app.db, { memberIds: Object.values(userIds) });
  const outcome = makeOutcome(app.db, project.id);
  const spare = makeOutcome(app.db, project.id);
  const output = makeOutput(app.db, outcome);
  const activity = makeActivity(app.db, outcome);
  return { project, outcome, spare, output, activity };
}

/** A valid request for every route, given the caller's role; a new route without one fails the test. */
const SAMPLES: Record<RouteKey, (role: Role) => Promise<Call>> = {
  'GET /health': async () => ({ method: 'GET', path: '/health' }),
  'POST /auth/login': async () => {
    const user = await makeUser(app.db, { role: 'donor' });
    return { method: 'POST', path: '/auth/login', body: { email: user.email, password: TEST_PASSWORD } };
  },
  'GET /auth/me': async () => ({ method: 'GET', path: '/auth/me' }),
  'POST /auth/logout': async (role) => ({ client: await freshClient(role), method: 'POST', path: '/auth/logout' }),
  'PATCH /auth/preferences': async () => ({ method: 'PATCH', path: '/auth/preferences', body: { locale: 'ru' } }),
  'POST /auth/password': async (role) => ({
    client: await freshClient(role),
    method: 'POST',
    path: '/auth/password',
    body: { currentPassword: TEST_PASSWORD, newPassword: 'a much longer passphrase 2026' },
  }),
  'GET /projects': async () => ({ method: 'GET', path: '/projects' }),
  'POST /projects': async () => ({
    method: 'POST',
    path: '/projects',
    body: {
      code: `P.${Math.random().toString(36).slice(2, 8)}`,
      title: 'A new project',
      status: 'pipeline',
      type: 'research',
      region: 'europe',
      memberStates: ['MD'],
      coverage: 'national',
      startYear: 2026,
      endYear: 2027,
      budget: { amount: '1000.00', currency: 'EUR' },
    },
  }),
  'GET /projects/:id': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}` }),
  'PATCH /projects/:id': async () => {
    const { project } = await world();
    return { method: 'PATCH', path: `/projects/${project.id}`, body: { version: project.version, title: 'Renamed' } };
  },
  'GET /projects/:id/results': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/results` }),
  'POST /projects/:id/outcomes': async () => ({
    method: 'POST',
    path: `/projects/${(await world()).project.id}/outcomes`,
    body: { title: 'Another outcome' },
  }),
  'PATCH /outcomes/:id': async () => {
    const { outcome } = await world();
    return { method: 'PATCH', path: `/outcomes/${outcome.id}`, body: { version: outcome.version, title: 'Renamed' } };
  },
  'DELETE /outcomes/:id': async () => {
    const { spare } = await world();
    return { method: 'DELETE', path: `/outcomes/${spare.id}?version=${spare.version}` };
  },
  'POST /outcomes/:id/outputs': async () => ({
    method: 'POST',
    path: `/outcomes/${(await world()).outcome.id}/outputs`,
    body: { title: 'Another output' },
  }),
  'PATCH /outputs/:id': async () => {
    const { output } = await world();
    return { method: 'PATCH', path: `/outputs/${output.id}`, body: { version: output.version, title: 'Renamed' } };
  },
  'DELETE /outputs/:id': async () => {
    const { output } = await world();
    return { method: 'DELETE', path: `/outputs/${output.id}?version=${output.version}` };
  },
  'GET /projects/:id/activities': async () => ({
    method: 'GET',
    path: `/projects/${(await world()).project.id}/activities`,
  }),
  'POST /projects/:id/activities': async () => {
    const { project, outcome } = await world();
    return {
      method: 'POST',
      path: `/projects/${project.id}/activities`,
      body: { outcomeId: outcome.id, kind: 'study_tour', title: 'A study tour' },
    };
  },
  'GET /activities/:id': async () => ({ method: 'GET', path: `/activities/${(await world()).activity.id}` }),
  'PATCH /activities/:id': async () => {
    const { activity } = await world();
    return {
      method: 'PATCH',
      path: `/activities/${activity.id}`,
      body: { version: activity.version, status: 'in_progress', note: 'Started' },
    };
  },
  'DELETE /activities/:id': async () => {
    const { activity } = await world();
    return { method: 'DELETE', path: `/activities/${activity.id}?version=${activity.version}` };
  },
  'GET /activities/:id/history': async () => ({
    method: 'GET',
    path: `/activities/${(await world()).activity.id}/history`,
  }),
  'GET /activities/:id/comments': async () => ({
    method: 'GET',
    path: `/activities/${(await world()).activity.id}/comments`,
  }),
  'POST /activities/:id/comments': async () => ({
    method: 'POST',
    path: `/activities/${(await world()).activity.id}/comments`,
    body: { body: 'Хорошо, спасибо.' },
  }),
  'GET /users': async () => ({ method: 'GET', path: '/users' }),
  'POST /users': async () => ({
    method: 'POST',
    path: '/users',
    body: {
      email: `new-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: 'New Person',
      role: 'partner',
      password: 'a long enough passphrase',
    },
  }),
  'GET /users/:id': async () => ({ method: 'GET', path: `/users/${userIds.donor}` }),
  'PATCH /users/:id': async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    return { method: 'PATCH', path: `/users/${user.id}`, body: { version: user.version, organisation: 'Ministry' } };
  },
};

async function freshClient(role: Role): Promise<ApiClient> {
  const user = await makeUser(app.db, { role });
  return app.login(user.email);
}

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ROLES) {
    const user = await makeUser(app.db, { role });
    userIds[role] = user.id;
    clients[role] = await app.login(user.email);
  }
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
    const res = await app.anonymous().request(call.method, call.path, { body: call.body });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each(ROLES)('as %s answers as the policy table says', async (role) => {
    const access: Access = ROUTE_POLICY[key];
    const allowed = access === 'authenticated' || (access !== 'public' && hasPermission(role, access));
    const call = await SAMPLES[key](role);
    const res = await (call.client ?? clients[role]).request(call.method, call.path, { body: call.body });
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
  it.each((Object.keys(ROUTE_POLICY) as RouteKey[]).filter((k) => ROUTE_POLICY[k] === 'public'))(
    '%s answers 200 without a session',
    async (key) => {
      const call = await SAMPLES[key]('admin');
      const res = await app.anonymous().request(call.method, call.path, { body: call.body });
      expect(res.status, res.text).toBe(200);
    },
  );
});
