import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { PeriodSchema } from '@shared/schemas/indicator-period';
import { IndicatorValueSchema } from '@shared/schemas/indicator-value';
import { auditRows, makeIndicator, makeOutcome, makePeriod, makeProject, makeValue } from '../factories';
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

describe('approval workflow', () => {
  it('goes draft → submitted (manager) → returned with a note (second manager) → submitted → approved (admin)', async () => {
    const { period } = await setup();
    const value = await draft(period.id);
    const submitted = await as.manager.post(`/values/${value.id}/submit`, { version: 1 });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: { id: ids.manager }, version: 2 });

    const returned = await as.manager2.post(`/values/${value.id}/return`, { version: 2, note: 'The source document is missing' });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reviewNote: 'The source document is missing', reviewedBy: { id: ids.manager2 } });

    const edited = await as.manager.patch(`/values/${value.id}`, { version: 3, value: 14, comment: 'Corrected from the sheets' });
    expect(edited.status, edited.text).toBe(200);
    expect((await as.manager.post(`/values/${value.id}/submit`, { version: 4 })).body.status).toBe('submitted');

    const approved = await as.admin.post(`/values/${value.id}/approve`, { version: 5 });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', value: 14, reviewedBy: { id: ids.admin }, reviewNote: '' });

    const notes = (await auditRows(app.db, 'indicator_value', value.id)).map((r) => r.note);
    expect(notes).toEqual([null, 'Submitted', 'Returned: The source document is missing', null, 'Submitted', 'Approved']);
  });

  it('a second manager may approve what the first submitted', async () => {
    const { period } = await setup();
    const value = await draft(period.id);
    await as.manager.post(`/values/${value.id}/submit`, { version: 1 });
    const res = await as.manager2.post(`/values/${value.id}/approve`, { version: 2 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('approved');
  });

  it('refuses self-approval with 403 SELF_APPROVAL and changes nothing', async () => {
    const { period } = await setup();
    const value = await draft(period.id);
    await as.manager.post(`/values/${value.id}/submit`, { version: 1 });
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/values/${value.id}/approve`, { version: 2 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('SELF_APPROVAL');
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses self-approval by an admin who submitted, too', async () => {
    const { period } = await setup();
    const value = await draft(period.id, { value: 3 }, as.admin);
    await as.admin.post(`/values/${value.id}/submit`, { version: 1 });
    const res = await as.admin.post(`/values/${value.id}/approve`, { version: 2 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('SELF_APPROVAL');
  });

  it.each([
    { name: 'approving a draft', status: 'draft', action: 'approve', body: {} },
    { name: 'returning a draft', status: 'draft', action: 'return', body: { note: 'Why?' } },
    { name: 'submitting a submitted value', status: 'submitted', action: 'submit', body: {} },
    { name: 'submitting an approved value', status: 'approved', action: 'submit', body: {} },
    { name: 'returning an approved value', status: 'approved', action: 'return', body: { note: 'Too late' } },
    { name: 'approving a returned value', status: 'returned', action: 'approve', body: {} },
  ] as const)('refuses $name with 409 INVALID_TRANSITION and changes nothing', async ({ status, action, body }) => {
    const { period } = await setup();
    const value = await makeValue(app.db, period, { status, submittedBy: status === 'draft' ? null : ids.manager2 });
    const before = await databaseDigest(app.db);
    const res = await as.manager.post(`/values/${value.id}/${action}`, { version: value.version, ...body });
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it.each(['partner', 'donor'] as const)('refuses submit, approve and return by a %s with 403', async (role) => {
    const { period } = await setup();
    const value = await makeValue(app.db, period, { status: 'submitted', submittedBy: ids.manager });
    const before = await databaseDigest(app.db);
    for (const action of ['submit', 'approve', 'return']) {
      const res = await as[role].post(`/values/${value.id}/${action}`, { version: 1, note: 'x' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('approve with a stale version returns 409 VERSION_CONFLICT with the current value and changes nothing', async () => {
    const { period } = await setup();
    const value = await draft(period.id);
    await as.manager.post(`/values/${value.id}/submit`, { version: 1 });
    const before = await databaseDigest(app.db);
    const res = await as.admin.post(`/values/${value.id}/approve`, { version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
    expect(res.body.error.details.current).toMatchObject({ status: 'submitted', version: 2 });
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('PATCH /values/:id with a stale version returns 409 and changes nothing', async () => {
    const { period } = await setup();
    const value = await draft(period.id);
    await as.manager.patch(`/values/${value.id}`, { version: 1, value: 13 });
    const before = await databaseDigest(app.db);
    const res = await as.manager.patch(`/values/${value.id}`, { version: 1, value: 14 });
    expect(res.status).toBe(409);
    expect(res.body.error.details.current).toMatchObject({ value: 13, version: 2 });
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses to edit a submitted value with 409 INVALID_TRANSITION', async () => {
    const { period } = await setup();
    const value = await makeValue(app.db, period, { status: 'submitted', submittedBy: ids.manager });
    const res = await as.manager.patch(`/values/${value.id}`, { version: 1, value: 15 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('locked periods', () => {
  async function approvedSetup() {
    const { indicator, period } = await setup();
    const value = await draft(period.id);
    await as.manager.post(`/values/${value.id}/submit`, { version: 1 });
    await as.admin.post(`/values/${value.id}/approve`, { version: 2 });
    return { indicator, period, value };
  }

  it('approving a value locks its period', async () => {
    const { period } = await approvedSetup();
    const res = await as.manager.get(`/indicators/${period.indicatorId}/periods`);
    expect(PeriodSchema.parse(res.body.items[0])).toMatchObject({ locked: true, value: { status: 'approved' } });
  });

  it('refuses edits of a locked period and its value with 409 PERIOD_LOCKED and writes nothing', async () => {
    const { period, value } = await approvedSetup();
    const before = await databaseDigest(app.db);
    const attempts = [
      await as.manager.patch(`/values/${value.id}`, { version: 3, value: 99 }),
      await as.manager.delete(`/values/${value.id}?version=3`),
      await as.manager.patch(`/periods/${period.id}`, { version: 1, target: 70 }),
      await as.manager.delete(`/periods/${period.id}?version=1`),
      await as.manager.post(`/periods/${period.id}/values`, { value: 5 }),
      await as.admin.patch(`/values/${value.id}`, { version: 3, value: 99 }),
    ];
    for (const res of attempts) {
      expect(res.status, res.text).toBe(409);
      expect(res.body.error.code).toBe('PERIOD_LOCKED');
    }
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('an admin unlocks with a reason: the value goes back to returned with the reason, and the unlock is audited', async () => {
    const { period, value } = await approvedSetup();
    const res = await as.admin.post(`/periods/${period.id}/unlock`, { reason: 'The attendance sheets were recounted' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ locked: false, value: { status: 'returned', reviewNote: 'The attendance sheets were recounted' } });
    expect((await auditRows(app.db, 'indicator_period', period.id)).at(-1)).toMatchObject({
      action: 'update',
      user_id: ids.admin,
      note: 'Unlocked: The attendance sheets were recounted',
      before: { locked: true },
      after: { locked: false },
    });
    expect((await auditRows(app.db, 'indicator_value', value.id)).at(-1)?.note).toBe('Unlocked: The attendance sheets were recounted');
    expect((await as.manager.patch(`/values/${value.id}`, { version: 4, value: 11 })).status).toBe(200);
  });

  it('refuses unlock by a manager with 403, without a reason with 400, and of an unlocked period with 409; writes nothing', async () => {
    const { period } = await approvedSetup();
    const other = (await setup()).period;
    const before = await databaseDigest(app.db);
    expect((await as.manager.post(`/periods/${period.id}/unlock`, { reason: 'Please' })).status).toBe(403);
    expect((await as.admin.post(`/periods/${period.id}/unlock`, { reason: '  ' })).status).toBe(400);
    const notLocked = await as.admin.post(`/periods/${other.id}/unlock`, { reason: 'Why not' });
    expect(notLocked.status).toBe(409);
    expect(notLocked.body.error.code).toBe('INVALID_TRANSITION');
    expect(await databaseDigest(app.db)).toBe(before);
  });
});
