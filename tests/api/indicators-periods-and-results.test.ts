import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { PeriodListSchema } from '@shared/schemas/indicator-period';
import { RagThresholdsSchema } from '@shared/schemas/indicator-summary';
import { ResultsSchema } from '@shared/schemas/results';
import { auditRows, makeIndicator, makeOutcome, makeOutput, makePeriod, makeProject, makeValue } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { queriesSent } from './statements-support';

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

describe('POST /indicators/:id/periods', () => {
  it('adds a custom period with a target', async () => {
    const { project } = await framework();
    const indicator = await makeIndicator(app.db, project.id);
    const res = await as.manager.post(`/indicators/${indicator.id}/periods`, { start: '2025-04-01', end: '2025-09-30', target: 40 });
    expect(res.status, res.text).toBe(201);
    expect(PeriodListSchema.parse(res.body).items).toMatchObject([{ start: '2025-04-01', end: '2025-09-30', target: 40, value: null }]);
  });

  it('refuses a period overlapping another with 400 and writes nothing', async () => {
    const { project } = await framework();
    const indicator = await makeIndicator(app.db, project.id);
    await makePeriod(app.db, indicator, { start: '2025-01-01', end: '2025-03-31' });
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/indicators/${indicator.id}/periods`, { start: '2025-03-01', end: '2025-05-31' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toEqual({
      path: 'start',
      code: 'period.overlaps',
      params: { start: '2025-01-01', end: '2025-03-31' },
      message: 'Overlaps the period 2025-01-01 – 2025-03-31',
    });
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses a target breakdown larger than the target with 400 and writes nothing', async () => {
    const { project } = await framework();
    const indicator = await makeIndicator(app.db, project.id, { disaggregations: ['sex'] });
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/indicators/${indicator.id}/periods`, {
      start: '2025-04-01',
      end: '2025-06-30',
      target: 10,
      targetDisaggregation: { sex: { women: 6, men: 6 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('targetDisaggregation.sex');
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('generate: true fills in the missing periods and answers with the ones it created', async () => {
    const { project } = await framework({ plannedStart: '2025-01-01', plannedEnd: '2025-12-31', endYear: 2025 });
    const indicator = await makeIndicator(app.db, project.id, { frequency: 'semi_annual' });
    await makePeriod(app.db, indicator, { start: '2025-01-01', end: '2025-06-30' });
    const res = await as.manager.post(`/indicators/${indicator.id}/periods`, { generate: true });
    expect(res.status, res.text).toBe(201);
    expect(res.body.items.map((p: { start: string }) => p.start)).toEqual(['2025-07-01']);
  });
});

describe('PATCH /periods/:id and DELETE /periods/:id', () => {
  it('sets a disaggregated target', async () => {
    const { project } = await framework();
    const indicator = await makeIndicator(app.db, project.id, { disaggregations: ['sex'] });
    const period = await makePeriod(app.db, indicator);
    const res = await as.manager.patch(`/periods/${period.id}`, {
      version: 1,
      target: 60,
      targetDisaggregation: { sex: { women: 30, men: 30 } },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ target: 60, targetDisaggregation: { sex: { women: 30, men: 30, other: null } }, version: 2 });
  });

  it('refuses to delete a period with a value (409) and deletes nothing', async () => {
    const { project } = await framework();
    const period = await makePeriod(app.db, await makeIndicator(app.db, project.id));
    await makeValue(app.db, period);
    const before = await databaseDigest(app.db);
    const res = await as.manager.delete(`/periods/${period.id}?version=1`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('HAS_DEPENDENTS');
    expect(await databaseDigest(app.db)).toBe(before);
  });
});

describe('GET /projects/:id/results with indicators', () => {
  it('returns progress of a cumulative and a per-period indicator from approved values only, with RAG and outcome roll-up', async () => {
    const { project, outcome1, output11 } = await framework();
    // Cumulative: baseline 20, target 220; the latest approved level is 120 → (120 − 20) / 200 = 50 %.
    const cumulative = await makeIndicator(app.db, project.id, { outcomeId: outcome1.id, baselineValue: 20, targetValue: 220 });
    const c1 = await makePeriod(app.db, cumulative, { start: '2025-01-01', end: '2025-06-30', target: 80 });
    const c2 = await makePeriod(app.db, cumulative, { start: '2025-07-01', end: '2025-12-31', target: 150 });
    const c3 = await makePeriod(app.db, cumulative, { start: '2026-01-01', end: '2026-06-30', target: 220 });
    await makeValue(app.db, c1, { status: 'approved', value: 60 });
    await makeValue(app.db, c2, { status: 'approved', value: 120 });
    await makeValue(app.db, c3, { status: 'submitted', value: 999, submittedBy: ids.manager });
    // Per period: target 40 in all; approved 10 + 15 = 25 of 40 → 62.5 %; a draft does not count.
    const perPeriod = await makeIndicator(app.db, project.id, {
      outputId: output11.id,
      aggregation: 'per_period',
      targetValue: 40,
      baselineValue: 5,
    });
    const p1 = await makePeriod(app.db, perPeriod, { start: '2025-01-01', end: '2025-06-30', target: 20 });
    const p2 = await makePeriod(app.db, perPeriod, { start: '2025-07-01', end: '2025-12-31', target: 20 });
    const p3 = await makePeriod(app.db, perPeriod, { start: '2026-01-01', end: '2026-06-30', target: 0 });
    await makeValue(app.db, p1, { status: 'approved', value: 10 });
    await makeValue(app.db, p2, { status: 'approved', value: 15 });
    await makeValue(app.db, p3, { status: 'draft', value: 100 });

    const res = await as.donor.get(`/projects/${project.id}/results`);
    expect(res.status, res.text).toBe(200);
    const results = ResultsSchema.parse(res.body);
    const outcome = results.outcomes.find((o) => o.id === outcome1.id)!;
    const [c] = outcome.indicators;
    expect(c).toMatchObject({
      code: '1.a',
      progress: { percent: 50 },
      latestActual: { periodId: c2.id, value: 120 },
    });
    expect(c!.periods.map((p) => [p.actual, p.status, p.locked, p.progress])).toEqual([
      [60, 'approved', true, { percent: 66.7 }],
      [120, 'approved', true, { percent: 76.9 }],
      [null, null, false, { percent: null, reason: 'no_actual' }],
    ]);
    const [p] = outcome.outputs[0]!.indicators;
    expect(p).toMatchObject({ code: '1.1.a', progress: { percent: 62.5 }, latestActual: { value: 15 } });
    expect(p!.periods.map((x) => x.progress)).toEqual([{ percent: 50 }, { percent: 75 }, { percent: null, reason: 'zero_target_span' }]);
    expect(outcome.rag).not.toBe('not_computable');
    expect(Object.values(outcome.ragCounts).reduce((a, b) => a + b, 0)).toBe(2);

    const asManager = ResultsSchema.parse((await as.manager.get(`/projects/${project.id}/results`)).body);
    const managerView = asManager.outcomes.find((o) => o.id === outcome1.id)!;
    expect(managerView.indicators[0]!.periods[2]).toMatchObject({ status: 'submitted', actual: null });
    expect(managerView.indicators[0]!.progress).toEqual({ percent: 50 });
  });

  it('loads the framework in a fixed number of queries whatever the number of indicators', async () => {
    const { project, outcome1 } = await framework();
    const count = async () => {
      const sent = await queriesSent(app.db, async () => {
        expect((await as.donor.get(`/projects/${project.id}/results`)).status).toBe(200);
      });
      return sent.length;
    };
    const indicator = await makeIndicator(app.db, project.id, { outcomeId: outcome1.id });
    await makeValue(app.db, await makePeriod(app.db, indicator), { status: 'approved' });
    const few = await count();
    expect(few).toBeGreaterThan(5);
    for (let i = 0; i < 5; i++) {
      const more = await makeIndicator(app.db, project.id, { outcomeId: outcome1.id });
      await makeValue(app.db, await makePeriod(app.db, more), { status: 'approved' });
    }
    expect(await count()).toBe(few);
  });
});

describe('/projects/:id/rag-thresholds', () => {
  it('starts at the defaults, is changed by a manager with the version and is audited', async () => {
    const { project } = await framework();
    const initial = RagThresholdsSchema.parse((await as.partner.get(`/projects/${project.id}/rag-thresholds`)).body);
    expect(initial).toEqual({ projectId: project.id, onTrack: 0.9, atRisk: 0.6, version: 1 });
    const res = await as.manager.patch(`/projects/${project.id}/rag-thresholds`, { version: 1, onTrack: 1, atRisk: 0.5 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ projectId: project.id, onTrack: 1, atRisk: 0.5, version: 2 });
    expect(await auditRows(app.db, 'project_settings', project.id)).toHaveLength(1);
  });

  it('refuses a stale version (409) and an at-risk threshold above on-track (400), writing nothing', async () => {
    const { project } = await framework();
    expect((await as.manager.patch(`/projects/${project.id}/rag-thresholds`, { version: 1, onTrack: 1, atRisk: 0.5 })).status).toBe(200);
    const before = await databaseDigest(app.db);
    expect((await as.manager.patch(`/projects/${project.id}/rag-thresholds`, { version: 1, onTrack: 1, atRisk: 0.5 })).status).toBe(409);
    const inverted = await as.manager.patch(`/projects/${project.id}/rag-thresholds`, { version: 2, onTrack: 0.5, atRisk: 0.8 });
    expect(inverted.status).toBe(400);
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('changes the RAG an indicator gets in /results', async () => {
    const { project } = await framework({ plannedStart: '2020-01-01', plannedEnd: '2020-12-31', startYear: 2020, endYear: 2020 });
    // All periods are over, so 100 % was due; 85 % achieved is on track at 0.8 but at risk at 0.9.
    const indicator = await makeIndicator(app.db, project.id, { targetValue: 100 });
    await makeValue(app.db, await makePeriod(app.db, indicator, { start: '2020-01-01', end: '2020-12-31', target: 100 }), {
      status: 'approved',
      value: 85,
    });
    const rag = async () => (await as.donor.get(`/projects/${project.id}/results`)).body.goalIndicators[0].rag;
    expect(await rag()).toBe('at_risk');
    await as.manager.patch(`/projects/${project.id}/rag-thresholds`, { version: 1, onTrack: 0.8, atRisk: 0.5 });
    expect(await rag()).toBe('on_track');
  });
});
