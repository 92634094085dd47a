import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { IndicatorValueSchema } from '@shared/schemas/indicator-value';
import { auditRows, makeIndicator, makeOutcome, makePeriod, makeProject } from '../factories';
import { databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';

type Actor = Role | 'manager2';
let app: TestApp;
let as: Record<Actor, ApiClient>;
let ids: Record<Actor, number>;

beforeAll(async () => {
  app = await startTestApp();
  ({ clients: as, ids } = await app.signInEach({ admin: 'admin', manager: 'manager', manager2: 'manager', partner: 'partner', donor: 'donor' }));
});

afterAll(() => app.close());

/** A project everyone belongs to, with one indicator (options as for makeIndicator) and one period. */
async function setup(overrides: Parameters<typeof makeIndicator>[2] = {}) {
  const project = await makeProject(app.db, { memberIds: Object.values(ids) });
  const outcome = await makeOutcome(app.db, project.id);
  const indicator = await makeIndicator(app.db, project.id, { outcomeId: outcome.id, ...overrides });
  const period = await makePeriod(app.db, indicator);
  return { project, indicator, period };
}

/** Records a draft and returns it. */
async function draft(periodId: number, body: object = { value: 12 }, by: ApiClient = as.manager) {
  const res = await by.post(`/periods/${periodId}/values`, body);
  expect(res.status, res.text).toBe(201);
  return IndicatorValueSchema.parse(res.body);
}

describe('POST /periods/:id/values', () => {
  it('records a draft value with its comment, by the manager', async () => {
    const { period } = await setup();
    const value = await draft(period.id, { value: 12, comment: 'From the attendance sheets' });
    expect(value).toMatchObject({ status: 'draft', value: 12, comment: 'From the attendance sheets', version: 1, evidence: [] });
    expect((await auditRows(app.db, 'indicator_value', value.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('takes a percentage as numerator and denominator and stores their ratio as the value', async () => {
    const { period } = await setup({ measure: 'percentage' });
    expect(await draft(period.id, { numerator: 3, denominator: 8 })).toMatchObject({ value: 37.5, numerator: 3, denominator: 8 });
  });

  it('takes a qualitative narrative with a score', async () => {
    const { period } = await setup({ measure: 'qualitative' });
    expect(await draft(period.id, { narrative: 'Draft Action Plan reviewed by ministries', score: 3 })).toMatchObject({
      value: null,
      narrative: 'Draft Action Plan reviewed by ministries',
      score: 3,
    });
  });

  it('refuses a number for a qualitative indicator with 400 and writes nothing', async () => {
    const { period } = await setup({ measure: 'qualitative' });
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/periods/${period.id}/values`, { value: 3 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['value', 'narrative']);
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses a second value for the same period with 409 and writes nothing', async () => {
    const { period } = await setup();
    const first = await draft(period.id);
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/periods/${period.id}/values`, { value: 13 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { valueId: first.id } });
    expect(await databaseDigest(app.db)).toBe(before);
  });
});

describe('disaggregation rules', () => {
  it('accepts parts by sex and participant group below the total, not complete', async () => {
    const { period } = await setup({ disaggregations: ['sex', 'participantGroup'] });
    const value = await draft(period.id, {
      value: 100,
      disaggregation: { sex: { women: 40, men: 50 }, participantGroup: { diaspora: 60, government: 30 } },
    });
    expect(value).toMatchObject({
      complete: false,
      disaggregation: {
        sex: { women: 40, men: 50, other: null },
        participantGroup: { government: 30, diaspora: 60, civil_society: null, international: null },
      },
    });
  });

  it('refuses parts that add up to more than the total with 400 and writes nothing', async () => {
    const { period } = await setup({ disaggregations: ['sex'] });
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/periods/${period.id}/values`, { value: 100, disaggregation: { sex: { women: 60, men: 50 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      {
        path: 'disaggregation.sex',
        code: 'disaggregation.exceeds_total',
        params: { sum: 110, total: 100 },
        message: 'The parts add up to 110, more than the total 100',
      },
    ]);
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses "complete" when the parts do not add up, with 400, and writes nothing', async () => {
    const { period } = await setup({ disaggregations: ['sex'] });
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/periods/${period.id}/values`, {
      value: 100,
      disaggregation: { sex: { women: 40, men: 50, other: 0 } },
      complete: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('complete');
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('accepts "complete" once the parts add up', async () => {
    const { period } = await setup({ disaggregations: ['sex'] });
    const value = await draft(period.id, { value: 100, disaggregation: { sex: { women: 40, men: 50, other: 10 } }, complete: true });
    expect(value.complete).toBe(true);
  });

  it('refuses a breakdown the indicator is not configured for with 400', async () => {
    const { period } = await setup({ disaggregations: ['sex'] });
    const res = await as.manager.post(`/periods/${period.id}/values`, { value: 10, disaggregation: { participantGroup: { diaspora: 5 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('disaggregation.participantGroup');
  });

  it('PATCH /values/:id lowering the total below its parts returns 400 and changes nothing', async () => {
    const { period } = await setup({ disaggregations: ['sex'] });
    const value = await draft(period.id, { value: 100, disaggregation: { sex: { women: 40, men: 50 } } });
    const before = await databaseDigest(app.db);
    const res = await as.manager.patch(`/values/${value.id}`, { version: value.version, value: 80 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('disaggregation.sex');
    expect(await databaseDigest(app.db)).toBe(before);
  });
});
