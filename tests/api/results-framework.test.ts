import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeOutcome, makeOutput, makeProject } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { expectRejected } from './expect';
import { type Tree, shape } from './results-support';

let app: TestApp;

let manager: ApiClient;

let partner: ApiClient;

let donor: ApiClient;

let outsider: ApiClient;

let ids: Record<'admin' | 'manager' | 'partner' | 'donor' | 'outsider', number>;

beforeAll(async () => {
  app = await startTestApp();
  const crew = await app.signInEach({ admin: 'admin', manager: 'manager', partner: 'partner', donor: 'donor', outsider: 'manager' });
  ({ manager, partner, donor, outsider } = crew.clients);
  ids = crew.ids;
});

afterAll(() => app.close());

/** A project the manager, partner and donor belong to (the outsider manager does not). */
const memberProject = async (overrides: Parameters<typeof makeProject>[1] = {}) =>
  await makeProject(app.db, { memberIds: [ids.manager, ids.partner, ids.donor], ...overrides });

async function tree(projectId: number): Promise<Tree> {
  const res = await manager.get(`/projects/${projectId}/results`);
  expect(res.status, res.text).toBe(200);
  return res.body.outcomes;
}

describe('GET /projects/:id/results', () => {
  it('returns the goal and the outcomes with their outputs, coded 1, 2 and 1.1, 1.2 by position, not by id', async () => {
    const project = await memberProject({ goal: 'Diaspora engaged in development' });
    const second = await makeOutcome(app.db, project.id, { position: 20, title: 'Second outcome' });
    const first = await makeOutcome(app.db, project.id, { position: 10, title: 'First outcome', description: 'About it' });
    const outB = await makeOutput(app.db, first, { position: 7, title: 'Output B' });
    const outA = await makeOutput(app.db, first, { position: 3, title: 'Output A' });
    const outC = await makeOutput(app.db, second, { position: 1, title: 'Output C' });

    const res = await manager.get(`/projects/${project.id}/results`);
    expect(res.status, res.text).toBe(200);
    // toMatchObject: the framework may grow (indicators, RAG); ids, codes, order and counts must match exactly.
    expect(res.body).toMatchObject({
      projectId: project.id,
      goal: 'Diaspora engaged in development',
      outcomes: [
        {
          id: first.id,
          projectId: project.id,
          code: '1',
          title: 'First outcome',
          description: 'About it',
          position: 10,
          version: 1,
          outputs: [
            { id: outA.id, projectId: project.id, outcomeId: first.id, code: '1.1', title: 'Output A', description: '', position: 3, version: 1 },
            { id: outB.id, projectId: project.id, outcomeId: first.id, code: '1.2', title: 'Output B', description: '', position: 7, version: 1 },
          ],
        },
        {
          id: second.id,
          projectId: project.id,
          code: '2',
          title: 'Second outcome',
          description: '',
          position: 20,
          version: 1,
          outputs: [
            { id: outC.id, projectId: project.id, outcomeId: second.id, code: '2.1', title: 'Output C', description: '', position: 1, version: 1 },
          ],
        },
      ],
    });
  });

  it('is readable by partner and donor members; a non-member manager gets 404 with no data', async () => {
    const project = await memberProject();
    await makeOutcome(app.db, project.id, { title: 'Hidden outcome title' });
    expect((await partner.get(`/projects/${project.id}/results`)).status).toBe(200);
    expect((await donor.get(`/projects/${project.id}/results`)).status).toBe(200);
    const res = await outsider.get(`/projects/${project.id}/results`);
    expect(res).toBeRejectedWith(404, 'NOT_FOUND');
    expect(res.text).not.toContain('Hidden outcome title');
  });
});

describe('outcomes and outputs: create and rename', () => {
  it('POST /projects/:id/outcomes appends an outcome with the next code and writes one audit row', async () => {
    const project = await memberProject();
    await makeOutcome(app.db, project.id, { position: 4 });
    const res = await manager.post(`/projects/${project.id}/outcomes`, { title: '  Policies adopted  ' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      projectId: project.id,
      code: '2',
      title: 'Policies adopted',
      description: '',
      position: 5,
      version: 1,
    });
    const audit = await auditRows(app.db, 'outcome', res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', user_id: ids.manager, project_id: project.id, before: null, after: res.body });
  });

  it('POST /outcomes/:id/outputs appends an output coded under its outcome and writes one audit row', async () => {
    const project = await memberProject();
    await makeOutcome(app.db, project.id, { position: 1 });
    const outcome = await makeOutcome(app.db, project.id, { position: 2 });
    await makeOutput(app.db, outcome, { position: 1 });
    const res = await manager.post(`/outcomes/${outcome.id}/outputs`, { title: 'Mapping done', description: 'Survey' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      projectId: project.id,
      outcomeId: outcome.id,
      code: '2.2',
      title: 'Mapping done',
      description: 'Survey',
      position: 2,
      version: 1,
    });
    expect(await auditRows(app.db, 'output', res.body.id)).toHaveLength(1);
  });

  it('PATCH /outcomes/:id and /outputs/:id rename, bump the version and write one audit row each', async () => {
    const project = await memberProject();
    const outcome = await makeOutcome(app.db, project.id, { title: 'Old outcome' });
    const output = await makeOutput(app.db, outcome, { title: 'Old output' });
    const o = await manager.patch(`/outcomes/${outcome.id}`, { version: outcome.version, title: 'New outcome' });
    expect(o.status, o.text).toBe(200);
    expect(o.body).toMatchObject({ id: outcome.id, code: '1', title: 'New outcome', version: outcome.version + 1 });
    const x = await manager.patch(`/outputs/${output.id}`, { version: output.version, title: 'New output', description: 'Text' });
    expect(x.status, x.text).toBe(200);
    expect(x.body).toMatchObject({ id: output.id, code: '1.1', title: 'New output', description: 'Text', version: output.version + 1 });
    expect((await auditRows(app.db, 'outcome', outcome.id)).map((r) => r.action)).toEqual(['update']);
    expect((await auditRows(app.db, 'output', output.id)).map((r) => r.action)).toEqual(['update']);
    expect((await auditRows(app.db, 'output', output.id))[0]?.before).toMatchObject({ title: 'Old output' });
  });

  it('PATCH with a stale version returns 409 VERSION_CONFLICT with the current record and changes nothing', async () => {
    const project = await memberProject();
    const outcome = await makeOutcome(app.db, project.id);
    const output = await makeOutput(app.db, outcome);
    const o = await expectRejected(
      app.db,
      () => manager.patch(`/outcomes/${outcome.id}`, { version: outcome.version + 1, title: 'X' }),
      409,
      'VERSION_CONFLICT',
    );
    expect(o.body.error.details).toEqual({
      current: { id: outcome.id, projectId: project.id, code: '1', title: outcome.title, description: '', position: outcome.position, version: 1 },
    });
    const x = await expectRejected(
      app.db,
      () => manager.patch(`/outputs/${output.id}`, { version: output.version + 1, title: 'X' }),
      409,
      'VERSION_CONFLICT',
    );
    expect(x.body.error.details.current).toMatchObject({ id: output.id, version: 1, code: '1.1' });
  });
});

describe('reordering', () => {
  it('PATCH /outcomes/:id with a position moves the outcome; codes and positions of all follow', async () => {
    const project = await memberProject();
    const made = [];
    for (const title of ['A', 'B', 'C']) made.push((await manager.post(`/projects/${project.id}/outcomes`, { title })).body);
    const [a, b, c] = made;
    const cOut = (await manager.post(`/outcomes/${c.id}/outputs`, { title: 'C1' })).body;
    expect(cOut.code).toBe('3.1');

    const res = await manager.patch(`/outcomes/${c.id}`, { version: c.version, position: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ code: '1', position: 1, version: c.version + 1 });
    expect(shape(await tree(project.id))).toEqual([
      [c.id, '1', 1, [[cOut.id, '1.1', cOut.position]]],
      [a.id, '2', 2, []],
      [b.id, '3', 3, []],
    ]);
    // Moving one does not count as an edit of its siblings.
    expect((await tree(project.id)).find((o) => o.id === a.id)?.version).toBe(a.version);
  });

  it('PATCH /outputs/:id with a position moves the output among its siblings', async () => {
    const project = await memberProject();
    const outcome = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'O' })).body;
    const outs = [];
    for (const title of ['X', 'Y', 'Z']) outs.push((await manager.post(`/outcomes/${outcome.id}/outputs`, { title })).body);
    const [x, y, z] = outs;
    const res = await manager.patch(`/outputs/${x.id}`, { version: x.version, position: 3 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ code: '1.3', position: 3 });
    expect(shape(await tree(project.id))).toEqual([
      [
        outcome.id,
        '1',
        1,
        [
          [y.id, '1.1', 1],
          [z.id, '1.2', 2],
          [x.id, '1.3', 3],
        ],
      ],
    ]);
  });
});
