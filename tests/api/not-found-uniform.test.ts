import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { hasPermission } from '@shared/permissions';
import { ROUTE_POLICY, type RouteKey } from '../../server/src/http/policy';
import { makeUser } from '../factories';
import { ApiClient, startTestApp, type TestApp } from './harness';
import { SAMPLES, useSampleApp } from './samples';

const ROLES: Role[] = ['admin', 'manager', 'partner', 'donor'];
const MISSING_ID = '999999999';

let app: TestApp;
let outsider: ApiClient;
const clients = {} as Record<Role, ApiClient>;
const userIds = {} as Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ROLES) {
    const user = await makeUser(app.db, { role });
    userIds[role] = user.id;
    clients[role] = await app.login(user.email);
  }
  useSampleApp(app, userIds, clients);
  // A manager of the organisation who belongs to none of the projects the samples make.
  outsider = await app.login((await makeUser(app.db, { role: 'manager' })).email);
});
afterAll(() => app.close());

/**
 * Routes about one record of a project (or the project itself) that a manager may call:
 * every route with an `:id` but the accounts' own (users, sessions), which are not held by a project.
 */
const recordRoutes = (Object.keys(ROUTE_POLICY) as RouteKey[]).filter((key) => {
  const access = ROUTE_POLICY[key];
  const path = key.split(' ')[1] ?? '';
  return (
    path.includes('/:id') &&
    !/^\/(users|sessions)\//.test(path) &&
    access !== 'public' &&
    (access === 'authenticated' || hasPermission('manager', access))
  );
});

/** The sample's path with the segment that stands for `:id` replaced. */
function withId(key: RouteKey, path: string, id: string): string {
  const at = (key.split(' ')[1] ?? '').split('/').indexOf(':id');
  const [pathname = '', query] = path.split('?');
  const segments = pathname.split('/');
  segments[at] = id;
  return segments.join('/') + (query === undefined ? '' : `?${query}`);
}

describe('a record in a project the caller does not belong to', () => {
  it('covers the routes of every kind of project record', () => {
    const prefixes = new Set(recordRoutes.map((key) => (key.split(' ')[1] ?? '').split('/')[1]));
    for (const prefix of [
      'projects',
      'activities',
      'indicators',
      'periods',
      'values',
      'evidence',
      'milestones',
      'sub-events',
      'budget-lines',
      'expenditures',
      'expenditure-evidence',
      'reports',
      'registry',
      'attendance',
      'dependencies',
      'outcomes',
      'outputs',
    ]) {
      expect(prefixes).toContain(prefix);
    }
  });

  it.each(recordRoutes)('%s answers an outsider manager exactly as for an id that does not exist', async (key) => {
    const call = await SAMPLES[key]('manager');
    const send = (path: string) => outsider.request(call.method, path, { body: call.body, raw: call.raw, headers: call.headers });
    const hidden = await send(call.path);
    const missing = await send(withId(key, call.path, MISSING_ID));
    expect(hidden.status, hidden.text).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
  });
});
