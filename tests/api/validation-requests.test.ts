import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity, makeOutcome, makeOutput, makeProject, makeUser, projectInput } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { expectIssue, expectRejected, expectValidationFailed } from './expect';

let app: TestApp;
let admin: ApiClient;
let manager: ApiClient;
let managerId: number;

beforeAll(async () => {
  app = await startTestApp();
  const a = await makeUser(app.db, { role: 'admin' });
  const m = await makeUser(app.db, { role: 'manager' });
  managerId = m.id;
  admin = await app.login(a.email);
  manager = await app.login(m.email);
});

afterAll(() => app.close());

/** A project the manager belongs to, with an outcome, an output and an activity. */
async function world(overrides: Parameters<typeof makeProject>[1] = {}) {
  const project = await makeProject(app.db, { memberIds: [managerId], ...overrides });
  const outcome = await makeOutcome(app.db, project.id);
  const output = await makeOutput(app.db, outcome);
  const activity = await makeActivity(app.db, outcome, { outputId: output.id });
  return { project, outcome, output, activity };
}

describe('request bodies that are not acceptable JSON', () => {
  it('a body over 100 kB returns 413 PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const { activity } = await world();
    await expectRejected(app.db, () => manager.post('/projects', projectInput({ description: 'x'.repeat(110_000) })), 413, 'PAYLOAD_TOO_LARGE');
    await expectRejected(
      app.db,
      () => manager.patch(`/activities/${activity.id}`, { version: activity.version, notes: 'x'.repeat(110_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('a 90 kB body is parsed and judged by the schema (400 on notes, not 413)', async () => {
    const { activity } = await world();
    const res = await manager.patch(`/activities/${activity.id}`, { version: activity.version, notes: 'x'.repeat(9_000) });
    expect(res.status, res.text).toBe(200);
    await expectValidationFailed(
      app.db,
      () => manager.patch(`/activities/${activity.id}`, { version: res.body.version, notes: 'x'.repeat(90_000) }),
      { path: 'notes' },
    );
  });

  it.each([
    ['text/plain', 'text/plain', JSON.stringify({ title: 'x' })],
    ['form-urlencoded', 'application/x-www-form-urlencoded', 'title=x&code=Y'],
    ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--'],
  ])('a %s body returns 415 UNSUPPORTED_MEDIA_TYPE and writes nothing', async (_label, type, raw) => {
    const { project } = await world();
    await expectRejected(
      app.db,
      () => manager.request('POST', '/projects', { raw, headers: { 'content-type': type } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectRejected(
      app.db,
      () => manager.request('PATCH', `/projects/${project.id}`, { raw, headers: { 'content-type': type } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('malformed JSON returns 400 INVALID_JSON and writes nothing', async () => {
    const { project, activity } = await world();
    const json = { 'content-type': 'application/json' };
    await expectRejected(app.db, () => manager.request('POST', '/projects', { raw: '{"title": ', headers: json }), 400, 'INVALID_JSON');
    await expectRejected(
      app.db,
      () => manager.request('PATCH', `/projects/${project.id}`, { raw: "{'version': 1}", headers: json }),
      400,
      'INVALID_JSON',
    );
    await expectRejected(
      app.db,
      () => manager.request('POST', `/activities/${activity.id}/comments`, { raw: '{"body": "a",}', headers: json }),
      400,
      'INVALID_JSON',
    );
  });

  it('a JSON scalar instead of an object returns 400 INVALID_JSON, an array 400 VALIDATION_FAILED', async () => {
    const { project } = await world();
    const json = { 'content-type': 'application/json' };
    await expectRejected(app.db, () => manager.request('POST', '/projects', { raw: '"a string"', headers: json }), 400, 'INVALID_JSON');
    await expectRejected(app.db, () => manager.request('POST', '/projects', { raw: 'null', headers: json }), 400, 'INVALID_JSON');
    await expectRejected(
      app.db,
      () => manager.request('PATCH', `/projects/${project.id}`, { raw: '[1, 2]', headers: json }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a JSON body with a __proto__ key is refused as an unknown field, not merged into the record', async () => {
    const { project } = await world();
    const raw = JSON.stringify({ version: project.version, title: 'Proto' }).replace(/}$/, ',"__proto__":{"illustrative":true}}');
    const res = await expectRejected(
      app.db,
      () => manager.request('PATCH', `/projects/${project.id}`, { raw, headers: { 'content-type': 'application/json' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectIssue(res, { unknown: '__proto__' });
  });
});

describe('ids in the path', () => {
  // 2147483648 is one past the largest record number a table holds (shared/bounds MAX_RECORD_NUMBER).
  const badIds = ['abc', '0', '-1', '1.5', '01', '1e3', '2147483648', '9999999999999999'];
  const routes: [string, (id: string) => [string, string, unknown?]][] = [
    ['GET /projects/:id', (id) => ['GET', `/projects/${id}`]],
    ['PATCH /projects/:id', (id) => ['PATCH', `/projects/${id}`, { version: 1, title: 'X' }]],
    ['POST /projects/:id/activities', (id) => ['POST', `/projects/${id}/activities`, { outcomeId: 1, kind: 'other', title: 'X' }]],
    ['GET /activities/:id', (id) => ['GET', `/activities/${id}`]],
    ['PATCH /activities/:id', (id) => ['PATCH', `/activities/${id}`, { version: 1, title: 'X' }]],
    ['DELETE /activities/:id', (id) => ['DELETE', `/activities/${id}?version=1`]],
    ['POST /activities/:id/comments', (id) => ['POST', `/activities/${id}/comments`, { body: 'X' }]],
    ['PATCH /users/:id', (id) => ['PATCH', `/users/${id}`, { version: 1, name: 'X' }]],
  ];

  describe.each(routes)('%s', (_route, build) => {
    it.each(badIds)("with id '%s' returns 400 VALIDATION_FAILED on id and writes nothing", async (id) => {
      await world();
      const [method, path, body] = build(id);
      const res = await expectRejected(app.db, () => admin.request(method, path, { body }), 400, 'VALIDATION_FAILED');
      expectIssue(res, { path: 'id' });
    });

    it('with a well-formed id that does not exist returns 404 NOT_FOUND', async () => {
      const [method, path, body] = build('999999999');
      await expectRejected(app.db, () => admin.request(method, path, { body }), 404, 'NOT_FOUND');
    });
  });
});

describe('record numbers in a body', () => {
  const BEYOND = 2_147_483_648;
  const cases: [string, (w: Awaited<ReturnType<typeof world>>) => [string, string, Record<string, unknown>], string][] = [
    ['a version', (w) => ['PATCH', `/projects/${w.project.id}`, { version: BEYOND, title: 'X' }], 'version'],
    ['an outcome id', (w) => ['POST', `/projects/${w.project.id}/activities`, { outcomeId: BEYOND, kind: 'other', title: 'X' }], 'outcomeId'],
    ['a project id', () => ['POST', '/registry/people/duplicates', { projectId: BEYOND, name: 'Person Testov' }], 'projectId'],
  ];
  it.each(cases)('%s beyond the largest record number returns 400 VALIDATION_FAILED on it and writes nothing', async (_what, build, path) => {
    const w = await world();
    const [method, url, body] = build(w);
    await expectValidationFailed(app.db, () => admin.request(method, url, { body }), { path });
  });
});

describe('query strings', () => {
  it('a query parameter given twice returns 400 VALIDATION_FAILED', async () => {
    const { project } = await world();
    await expectValidationFailed(app.db, () => manager.get('/projects?status=ongoing&status=completed'), { path: 'status' });
    await expectValidationFailed(app.db, () => manager.get('/projects?status=ongoing&status=ongoing'), { path: 'status' });
    await expectValidationFailed(app.db, () => manager.get(`/projects/${project.id}/activities?status=planned&status=completed`), {
      path: 'status',
    });
    await expectValidationFailed(app.db, () => admin.get('/users?role=admin&role=donor'), { path: 'role' });
  });

  it('a version given twice on DELETE returns 400 and deletes nothing', async () => {
    const { activity } = await world();
    await expectValidationFailed(app.db, () => manager.delete(`/activities/${activity.id}?version=${activity.version}&version=${activity.version}`), {
      path: 'version',
    });
    expect((await manager.get(`/activities/${activity.id}`)).status).toBe(200);
  });

  it('an unknown query parameter or a bad value returns 400 VALIDATION_FAILED', async () => {
    await expectValidationFailed(app.db, () => manager.get('/projects?colour=red'), { unknown: 'colour' });
    await expectValidationFailed(app.db, () => manager.get('/projects?status=dormant'), { path: 'status' });
    await expectValidationFailed(app.db, () => manager.get('/projects?year=26'), { path: 'year' });
    await expectValidationFailed(app.db, () => manager.get('/projects?pageSize=500'), { path: 'pageSize' });
    await expectValidationFailed(app.db, () => manager.get('/projects?page=0'), { path: 'page' });
  });
});

describe('unknown API routes', () => {
  it('GET of an unknown /api route returns a JSON 404 NOT_FOUND, signed in or not', async () => {
    expect(await app.anonymous().get('/no-such-thing')).toBeRejectedWith(404, 'NOT_FOUND');
    expect(await manager.get('/projects/1/no-such-thing')).toBeRejectedWith(404, 'NOT_FOUND');
  });

  it('a method a known path does not answer returns a JSON 404 NOT_FOUND and writes nothing', async () => {
    const { project } = await world();
    await expectRejected(app.db, () => admin.delete(`/projects/${project.id}`), 404, 'NOT_FOUND');
    await expectRejected(app.db, () => admin.request('PUT', `/projects/${project.id}`, { body: { title: 'X' } }), 404, 'NOT_FOUND');
    expect((await admin.get(`/projects/${project.id}`)).status).toBe(200);
  });
});
