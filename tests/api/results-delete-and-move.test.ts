import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeActivity, makeOutcome, makeOutput, makeProject } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { expectRejected } from './expect';
import { rawAll, rawGet } from './raw-sql';
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

const activityRow = (id: number) =>
  rawGet<{ outcome_id: number; output_id: number | null; position: number; version: number }>(
    app.db,
    'SELECT outcome_id, output_id, position, version FROM activities WHERE id = ?',
    id,
  );

describe('DELETE /outcomes/:id and /outputs/:id', () => {
  it('an outcome with activities returns 409 HAS_DEPENDENTS with the count and changes nothing', async () => {
    const project = await memberProject();
    const outcome = await makeOutcome(app.db, project.id);
    await makeActivity(app.db, outcome);
    await makeActivity(app.db, outcome);
    const res = await expectRejected(app.db, () => manager.delete(`/outcomes/${outcome.id}?version=${outcome.version}`), 409, 'HAS_DEPENDENTS');
    expect(res.body.error.details).toEqual({ activities: 2, rule: { code: 'framework.outcome_has_activities', params: { count: 2 } } });
  });

  it('an outcome without activities is removed with its outputs; the rest are renumbered; one audit row', async () => {
    const project = await memberProject();
    const made = [];
    for (const title of ['A', 'B', 'C']) made.push((await manager.post(`/projects/${project.id}/outcomes`, { title })).body);
    const [a, b, c] = made;
    const bOut1 = (await manager.post(`/outcomes/${b.id}/outputs`, { title: 'B1' })).body;
    const bOut2 = (await manager.post(`/outcomes/${b.id}/outputs`, { title: 'B2' })).body;
    const cOut = (await manager.post(`/outcomes/${c.id}/outputs`, { title: 'C1' })).body;

    const res = await manager.delete(`/outcomes/${b.id}?version=${b.version}`);
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe('');
    expect(shape(await tree(project.id))).toEqual([
      [a.id, '1', 1, []],
      [c.id, '2', 2, [[cOut.id, '2.1', 1]]],
    ]);
    const outputsLeft = await rawAll(app.db, 'SELECT id FROM outputs WHERE id IN (?, ?)', bOut1.id, bOut2.id);
    expect(outputsLeft).toEqual([]);
    const audit = await auditRows(app.db, 'outcome', b.id);
    expect(audit.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(audit[1]).toMatchObject({ user_id: ids.manager, project_id: project.id, after: null });
    expect(audit[1]?.before).toMatchObject({ id: b.id, title: 'B' });
  });

  it('an output with activities returns 409 HAS_DEPENDENTS and changes nothing', async () => {
    const project = await memberProject();
    const outcome = await makeOutcome(app.db, project.id);
    const output = await makeOutput(app.db, outcome);
    await makeActivity(app.db, outcome, { outputId: output.id });
    const res = await expectRejected(app.db, () => manager.delete(`/outputs/${output.id}?version=${output.version}`), 409, 'HAS_DEPENDENTS');
    expect(res.body.error.details).toEqual({ activities: 1, rule: { code: 'framework.output_has_activities', params: { count: 1 } } });
  });

  it('an output without activities is removed and its siblings renumbered', async () => {
    const project = await memberProject();
    const outcome = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'O' })).body;
    const outs = [];
    for (const title of ['X', 'Y', 'Z']) outs.push((await manager.post(`/outcomes/${outcome.id}/outputs`, { title })).body);
    const [x, y, z] = outs;
    expect((await manager.delete(`/outputs/${x.id}?version=${x.version}`)).status).toBe(204);
    expect(shape(await tree(project.id))).toEqual([
      [
        outcome.id,
        '1',
        1,
        [
          [y.id, '1.1', 1],
          [z.id, '1.2', 2],
        ],
      ],
    ]);
    expect((await auditRows(app.db, 'output', x.id)).map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('without ?version returns 400 VALIDATION_FAILED, with a stale one 409 VERSION_CONFLICT, and deletes nothing', async () => {
    const project = await memberProject();
    const outcome = await makeOutcome(app.db, project.id);
    const output = await makeOutput(app.db, outcome);
    for (const path of [`/outcomes/${outcome.id}`, `/outputs/${output.id}`]) {
      const missing = await expectRejected(app.db, () => manager.delete(path), 400, 'VALIDATION_FAILED');
      expect(missing.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('version');
      await expectRejected(app.db, () => manager.delete(`${path}?version=abc`), 400, 'VALIDATION_FAILED');
      const stale = await expectRejected(app.db, () => manager.delete(`${path}?version=2`), 409, 'VERSION_CONFLICT');
      expect(stale.body.error.details.current).toMatchObject({ version: 1 });
    }
    expect(shape(await tree(project.id))).toEqual([[outcome.id, '1', outcome.position, [[output.id, '1.1', output.position]]]]);
  });
});

describe('moving an output to another outcome', () => {
  it('PATCH /outputs/:id with outcomeId moves the output and its activities; the old outcome is renumbered', async () => {
    const project = await memberProject();
    const a = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'A' })).body;
    const b = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'B' })).body;
    const moving = (await manager.post(`/outcomes/${a.id}/outputs`, { title: 'Moving' })).body;
    const staying = (await manager.post(`/outcomes/${a.id}/outputs`, { title: 'Staying' })).body;
    const bOut = (await manager.post(`/outcomes/${b.id}/outputs`, { title: 'B1' })).body;
    const withOutput = await makeActivity(app.db, a, { outputId: moving.id });
    const withOutput2 = await makeActivity(app.db, a, { outputId: moving.id });
    const other = await makeActivity(app.db, a, { outputId: staying.id });
    const loose = await makeActivity(app.db, a);

    const res = await manager.patch(`/outputs/${moving.id}`, { version: moving.version, outcomeId: b.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: moving.id, outcomeId: b.id, code: '2.2', position: 2, version: moving.version + 1 });
    expect(shape(await tree(project.id))).toEqual([
      [a.id, '1', 1, [[staying.id, '1.1', 1]]],
      [
        b.id,
        '2',
        2,
        [
          [bOut.id, '2.1', 1],
          [moving.id, '2.2', 2],
        ],
      ],
    ]);
    expect(await activityRow(withOutput.id)).toMatchObject({ outcome_id: b.id, output_id: moving.id });
    expect(await activityRow(withOutput2.id)).toMatchObject({ outcome_id: b.id, output_id: moving.id });
    expect(await activityRow(other.id)).toMatchObject({ outcome_id: a.id, output_id: staying.id });
    expect(await activityRow(loose.id)).toMatchObject({ outcome_id: a.id, output_id: null });
    const listed = await manager.get(`/projects/${project.id}/activities?outcomeId=${b.id}`);
    expect(listed.body.items.map((x: { id: number }) => x.id).sort()).toEqual([withOutput.id, withOutput2.id].sort());
  });

  it('the moved activities are appended after the target outcome’s own, with positions 1..n in both outcomes', async () => {
    const project = await memberProject();
    const a = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'A' })).body;
    const b = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'B' })).body;
    const moving = (await manager.post(`/outcomes/${a.id}/outputs`, { title: 'Moving' })).body;
    const create = async (outcomeId: number, title: string, outputId: number | null = null) =>
      (await manager.post(`/projects/${project.id}/activities`, { outcomeId, outputId, kind: 'other', title })).body as { id: number };
    const a1 = await create(a.id, 'a1');
    const m1 = await create(a.id, 'm1', moving.id);
    const a2 = await create(a.id, 'a2');
    const b1 = await create(b.id, 'b1');
    const b2 = await create(b.id, 'b2');

    const res = await manager.patch(`/outputs/${moving.id}`, { version: moving.version, outcomeId: b.id });
    expect(res.status, res.text).toBe(200);
    const positions = async (outcomeId: number) =>
      (await manager.get(`/projects/${project.id}/activities?outcomeId=${outcomeId}`)).body.items.map((x: { id: number; position: number }) => [
        x.id,
        x.position,
      ]);
    expect(await positions(b.id)).toEqual([
      [b1.id, 1],
      [b2.id, 2],
      [m1.id, 3],
    ]);
    expect(await positions(a.id)).toEqual([
      [a1.id, 1],
      [a2.id, 2],
    ]);
  });

  it('to an outcome of another project returns 400 VALIDATION_FAILED on outcomeId and changes nothing', async () => {
    const project = await memberProject();
    const outcome = await makeOutcome(app.db, project.id);
    const output = await makeOutput(app.db, outcome);
    await makeActivity(app.db, outcome, { outputId: output.id });
    const foreign = await makeOutcome(app.db, (await memberProject()).id);
    for (const outcomeId of [foreign.id, 999_999_999]) {
      const res = await expectRejected(
        app.db,
        () => manager.patch(`/outputs/${output.id}`, { version: output.version, outcomeId }),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['outcomeId']);
    }
  });
});

describe('who may edit the framework', () => {
  async function writes() {
    const project = await memberProject();
    const outcome = await makeOutcome(app.db, project.id, { title: 'Hidden outcome title' });
    const spare = await makeOutcome(app.db, project.id);
    const output = await makeOutput(app.db, outcome, { title: 'Hidden output title' });
    const spareOutput = await makeOutput(app.db, outcome);
    return [
      ['POST', `/projects/${project.id}/outcomes`, { title: 'New' }],
      ['PATCH', `/outcomes/${outcome.id}`, { version: outcome.version, title: 'Renamed' }],
      ['DELETE', `/outcomes/${spare.id}?version=${spare.version}`, undefined],
      ['POST', `/outcomes/${outcome.id}/outputs`, { title: 'New' }],
      ['PATCH', `/outputs/${output.id}`, { version: output.version, title: 'Renamed' }],
      ['DELETE', `/outputs/${spareOutput.id}?version=${spareOutput.version}`, undefined],
    ] as const;
  }

  it.each([
    ['partner', () => partner],
    ['donor', () => donor],
  ])('a %s member gets 403 FORBIDDEN on every write and nothing changes', async (_role, client) => {
    for (const [method, path, body] of await writes()) {
      await expectRejected(app.db, () => client().request(method, path, { body }), 403, 'FORBIDDEN');
    }
  });

  it('a manager who is not a member gets 404 NOT_FOUND (no data) on every write and nothing changes', async () => {
    for (const [method, path, body] of await writes()) {
      const res = await expectRejected(app.db, () => outsider.request(method, path, { body }), 404, 'NOT_FOUND');
      expect(res.text).not.toMatch(/Hidden (outcome|output) title/);
    }
  });

  it('the member manager may do every one of those writes (the refusals above are about the role)', async () => {
    for (const [method, path, body] of await writes()) {
      const res = await manager.request(method, path, { body });
      expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    }
  });
});
