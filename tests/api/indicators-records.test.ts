import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { IndicatorListSchema } from '@shared/schemas/indicator';
import { IndicatorDetailSchema } from '@shared/schemas/indicator-summary';
import { auditRows, makeIndicator, makeOutcome, makeOutput, makePeriod, makeProject, makeValue } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';

let app: TestApp;

let as: Record<Role | 'outsider', ApiClient>;

let ids: Record<Role | 'outsider', number>;

beforeAll(async () => {
  app = await startTestApp();
  ({ clients: as, ids } = await app.signInEach({ ...EVERY_ROLE, outsider: 'manager' }));
});

afterAll(() => app.close());

/** A 2025–2026 project all four roles belong to, with two outcomes and an output under the first. */
async function framework(overrides: Parameters<typeof makeProject>[1] = {}) {
  const project = await makeProject(app.db, {
    memberIds: [ids.admin, ids.manager, ids.partner, ids.donor],
    startYear: 2025,
    endYear: 2026,
    ...overrides,
  });
  const outcome1 = await makeOutcome(app.db, project.id, { position: 1 });
  const outcome2 = await makeOutcome(app.db, project.id, { position: 2 });
  const output11 = await makeOutput(app.db, outcome1, { position: 1 });
  return { project, outcome1, outcome2, output11 };
}

const minimal = { title: 'Diaspora members taking part in engagement events', measure: 'number' };

describe('POST /projects/:id/indicators', () => {
  it('creates a goal indicator with its definition and generates its periods from the frequency and project span', async () => {
    const { project } = await framework();
    const res = await as.manager.post(`/projects/${project.id}/indicators`, {
      title: 'National mechanisms for diaspora engagement in place',
      definition: 'Whether the Government runs its own mechanisms.',
      unit: 'mechanisms',
      measure: 'number',
      direction: 'higher_is_better',
      aggregation: 'cumulative',
      baseline: { value: 0, year: 2024, comment: 'None before the project' },
      target: { value: 3, comment: 'By the end of 2026' },
      frequency: 'semi_annual',
      meansOfVerification: 'Government decrees',
      dataSource: 'Ministry of Labour',
      responsible: 'M&E officer',
    });
    expect(res.status, res.text).toBe(201);
    const indicator = IndicatorDetailSchema.parse(res.body);
    expect(indicator).toMatchObject({
      level: 'goal',
      code: 'G.a',
      outcomeId: null,
      outputId: null,
      baseline: { value: 0, year: 2024, comment: 'None before the project' },
      target: { value: 3, comment: 'By the end of 2026' },
      meansOfVerification: 'Government decrees',
      illustrative: false,
      version: 1,
      rag: 'not_computable',
      latestActual: null,
    });
    expect(indicator.periods.map((p) => `${p.start}/${p.end}`)).toEqual([
      '2025-01-01/2025-06-30',
      '2025-07-01/2025-12-31',
      '2026-01-01/2026-06-30',
      '2026-07-01/2026-12-31',
    ]);
    expect(indicator.periods.every((p) => p.value === null && !p.locked)).toBe(true);
    expect((await auditRows(app.db, 'indicator', indicator.id)).map((r) => r.action)).toEqual(['create']);
    expect((await auditRows(app.db, 'indicator_period')).filter((r) => r.project_id === project.id)).toHaveLength(4);
  });

  it('codes indicators from the framework: G.a, 1.a, 1.b, 1.1.a, 2.a', async () => {
    const { project, outcome1, outcome2, output11 } = await framework();
    const post = (body: object) => as.manager.post(`/projects/${project.id}/indicators`, { ...minimal, frequency: 'custom', ...body });
    expect((await post({ outcomeId: outcome2.id })).body.code).toBe('2.a');
    expect((await post({ outputId: output11.id })).body).toMatchObject({ code: '1.1.a', level: 'output', outcomeId: outcome1.id });
    expect((await post({ outcomeId: outcome1.id })).body.code).toBe('1.a');
    expect((await post({ outcomeId: outcome1.id })).body.code).toBe('1.b');
    expect((await post({})).body.code).toBe('G.a');

    const list = IndicatorListSchema.parse((await as.donor.get(`/projects/${project.id}/indicators`)).body);
    expect(list.items.map((i) => i.code)).toEqual(['G.a', '1.a', '1.b', '1.1.a', '2.a']);
  });

  it('refuses an outcome of another project with 400 and writes nothing', async () => {
    const { project } = await framework();
    const other = await framework();
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/projects/${project.id}/indicators`, { ...minimal, outcomeId: other.outcome1.id });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      { path: 'outcomeId', code: 'ref.not_project_outcome', params: {}, message: 'Not an outcome of this project' },
    ]);
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses a breakdown of a percentage indicator with 400 and writes nothing', async () => {
    const { project } = await framework();
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/projects/${project.id}/indicators`, { ...minimal, measure: 'percentage', disaggregations: ['sex'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('disaggregations');
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('answers 404 to a manager who is not a member of the project, and writes nothing', async () => {
    const { project } = await framework();
    const before = await databaseDigest(app.db);
    const res = await as.outsider.post(`/projects/${project.id}/indicators`, minimal);
    expect(res.status).toBe(404);
    expect(await databaseDigest(app.db)).toBe(before);
  });
});

describe('PATCH /indicators/:id', () => {
  it('reorders indicators among their siblings so their codes follow', async () => {
    const { project, outcome1 } = await framework();
    const made = [];
    for (const position of [1, 2, 3]) made.push(await makeIndicator(app.db, project.id, { outcomeId: outcome1.id, position, title: `I${position}` }));
    const [a, b, c] = made;
    const res = await as.manager.patch(`/indicators/${c!.id}`, { version: 1, position: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.code).toBe('1.a');
    const list = (await as.manager.get(`/projects/${project.id}/indicators`)).body.items as { id: number; code: string }[];
    expect(list.map((i) => [i.id, i.code])).toEqual([
      [c!.id, '1.a'],
      [a!.id, '1.b'],
      [b!.id, '1.c'],
    ]);
  });

  it('with a stale version returns 409 with the current indicator and changes nothing', async () => {
    const { project } = await framework();
    const indicator = await makeIndicator(app.db, project.id);
    expect((await as.manager.patch(`/indicators/${indicator.id}`, { version: 1, title: 'First edit' })).status).toBe(200);
    const before = await databaseDigest(app.db);
    const res = await as.manager.patch(`/indicators/${indicator.id}`, { version: 1, title: 'Second edit' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
    expect(res.body.error.details.current).toMatchObject({ title: 'First edit', version: 2 });
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses to change the measure once values are recorded (409) and writes nothing', async () => {
    const { project } = await framework();
    const indicator = await makeIndicator(app.db, project.id);
    await makeValue(app.db, await makePeriod(app.db, indicator));
    const before = await databaseDigest(app.db);
    const res = await as.manager.patch(`/indicators/${indicator.id}`, { version: 1, measure: 'percentage' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('switching a custom indicator to quarterly adds the quarters that do not overlap its periods', async () => {
    const { project } = await framework({ plannedStart: '2025-01-01', plannedEnd: '2025-12-31', endYear: 2025 });
    const indicator = await makeIndicator(app.db, project.id, { frequency: 'custom' });
    await makePeriod(app.db, indicator, { start: '2025-01-01', end: '2025-05-31' });
    const res = await as.manager.patch(`/indicators/${indicator.id}`, { version: 1, frequency: 'quarterly' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.periods.map((p: { start: string; end: string }) => `${p.start}/${p.end}`)).toEqual([
      '2025-01-01/2025-05-31',
      '2025-07-01/2025-09-30',
      '2025-10-01/2025-12-31',
    ]);
  });
});

describe('DELETE /indicators/:id', () => {
  it('deletes an indicator without values, its periods with it, and renumbers the rest', async () => {
    const { project } = await framework();
    const first = await makeIndicator(app.db, project.id, { position: 1 });
    const second = await makeIndicator(app.db, project.id, { position: 2 });
    await makePeriod(app.db, first);
    expect((await as.manager.delete(`/indicators/${first.id}?version=1`)).status).toBe(204);
    expect((await as.manager.get(`/indicators/${first.id}`)).status).toBe(404);
    expect((await as.manager.get(`/indicators/${second.id}`)).body.code).toBe('G.a');
    expect((await auditRows(app.db, 'indicator', first.id)).map((r) => r.action)).toEqual(['delete']);
  });

  it('refuses an indicator with recorded values with 409 HAS_DEPENDENTS and deletes nothing', async () => {
    const { project } = await framework();
    const indicator = await makeIndicator(app.db, project.id);
    await makeValue(app.db, await makePeriod(app.db, indicator));
    const before = await databaseDigest(app.db);
    const res = await as.manager.delete(`/indicators/${indicator.id}?version=1`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('HAS_DEPENDENTS');
    expect(await databaseDigest(app.db)).toBe(before);
  });
});

describe('outcomes and outputs with indicators', () => {
  it('DELETE /outcomes/:id refuses an outcome whose output has indicators (409) and deletes nothing', async () => {
    const { project, outcome2 } = await framework();
    const output = await makeOutput(app.db, outcome2);
    await makeIndicator(app.db, project.id, { outputId: output.id });
    const before = await databaseDigest(app.db);
    const res = await as.manager.delete(`/outcomes/${outcome2.id}?version=1`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'HAS_DEPENDENTS', details: { indicators: 1 } });
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('moving an output under another outcome recodes its indicators', async () => {
    const { project, outcome2, output11 } = await framework();
    const indicator = await makeIndicator(app.db, project.id, { outputId: output11.id });
    expect((await as.manager.patch(`/outputs/${output11.id}`, { version: 1, outcomeId: outcome2.id })).status).toBe(200);
    expect((await as.manager.get(`/indicators/${indicator.id}`)).body).toMatchObject({ code: '2.1.a', outcomeId: outcome2.id });
  });
});
