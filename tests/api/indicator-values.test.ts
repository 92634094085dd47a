import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { PeriodSchema } from '@shared/schemas/indicator-period';
import { MeOverviewSchema } from '@shared/schemas/indicator-summary';
import { IndicatorValueSchema } from '@shared/schemas/indicator-value';
import { auditRows, makeIndicator, makeOutcome, makePeriod, makeProject, makeValue } from '../factories';
import { databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawGet } from './raw-sql';

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

describe('visibility of unapproved values', () => {
  /** One indicator with four periods: approved, submitted, returned and draft values. */
  async function mixed() {
    const { project, indicator, period } = await setup();
    const made = [];
    for (const [start, end] of [
      ['2025-04-01', '2025-06-30'],
      ['2025-07-01', '2025-09-30'],
      ['2025-10-01', '2025-12-31'],
    ]) {
      made.push(await makePeriod(app.db, indicator, { start, end }));
    }
    const [q2, q3, q4] = made;
    await makeValue(app.db, period, { status: 'approved', value: 30, submittedBy: ids.manager, reviewedBy: ids.admin });
    const submitted = await makeValue(app.db, q2!, { status: 'submitted', value: 4141, submittedBy: ids.manager });
    const returned = await makeValue(app.db, q3!, { status: 'returned', value: 4242, reviewNote: 'Check the hidden source' });
    const drafted = await makeValue(app.db, q4!, { status: 'draft', value: 4343 });
    return { project, indicator, hidden: [submitted, returned, drafted] };
  }

  it.each(['partner', 'donor'] as const)('a %s sees only the approved value in /indicators/:id, its periods and /results', async (role) => {
    const { project, indicator, hidden } = await mixed();
    const detail = await as[role].get(`/indicators/${indicator.id}`);
    expect(detail.status).toBe(200);
    const shown = (detail.body.periods as { value: { id: number; status: string } | null }[]).map((p) => p.value?.status ?? null);
    expect(shown).toEqual(['approved', null, null, null]);

    const periods = await as[role].get(`/indicators/${indicator.id}/periods`);
    expect((periods.body.items as { value: unknown }[]).filter((p) => p.value !== null)).toHaveLength(1);

    const results = await as[role].get(`/projects/${project.id}/results`);
    const summary = results.body.outcomes[0].indicators[0];
    expect(summary.periods.map((p: { status: string | null; actual: number | null }) => [p.status, p.actual])).toEqual([
      ['approved', 30],
      [null, null],
      [null, null],
      [null, null],
    ]);
    // Not even their existence leaks: no ids, numbers or notes of the hidden values anywhere.
    const everything = detail.text + periods.text + results.text;
    for (const v of hidden) expect(everything).not.toContain(`"id":${v.id},"periodId"`);
    expect(everything).not.toMatch(/"status":"(submitted|returned|draft)"|4141|4242|4343|hidden source/);
  });

  it.each(['partner', 'donor'] as const)('a %s gets 404 for an unapproved value, even when allowed the route', async (role) => {
    const { hidden } = await mixed();
    // Evidence download is the one value-level read a partner or donor may call.
    const row = await rawGet<{ id: number }>(
      app.db,
      "INSERT INTO evidence_files (project_id, value_id, stored_name, file_name, media_type, size, sha256, uploaded_at) SELECT project_id, id, ?, 'x.pdf', 'application/pdf', 1, '', '2025-01-01' FROM indicator_values WHERE id = ? RETURNING id",
      randomBytes(16).toString('hex'),
      hidden[0]!.id,
    );
    const res = await as[role].get(`/evidence/${row!.id}`);
    expect(res.status).toBe(404);
  });

  it('the manager sees every value with its status', async () => {
    const { indicator } = await mixed();
    const detail = await as.manager.get(`/indicators/${indicator.id}`);
    expect((detail.body.periods as { value: { status: string } }[]).map((p) => p.value.status)).toEqual([
      'approved',
      'submitted',
      'returned',
      'draft',
    ]);
  });
});

describe('GET /projects/:id/me-overview', () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  it('lists per period which values are due, late, submitted, returned or approved', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    const a = await makeIndicator(app.db, project.id, { title: 'A', position: 1 });
    const b = await makeIndicator(app.db, project.id, { title: 'B', position: 2 });
    const old = { start: day(-120), end: day(-61) };
    const recent = { start: day(-60), end: day(-2) };
    const current = { start: day(-1), end: day(60) };
    await makeValue(app.db, await makePeriod(app.db, a, old), { status: 'approved', submittedBy: ids.manager });
    await makePeriod(app.db, b, old); // nothing recorded, ended 61 days ago: late
    await makeValue(app.db, await makePeriod(app.db, a, recent), { status: 'submitted', submittedBy: ids.manager });
    await makeValue(app.db, await makePeriod(app.db, b, recent), { status: 'returned' });
    await makePeriod(app.db, a, current);
    await makePeriod(app.db, b, { start: day(10), end: day(90) }); // not started: left out

    const res = await as.manager.get(`/projects/${project.id}/me-overview`);
    expect(res.status, res.text).toBe(200);
    const overview = MeOverviewSchema.parse(res.body);
    expect(overview.counts).toEqual({ due: 3, late: 1, draft: 0, submitted: 1, returned: 1, approved: 1 });
    expect(
      overview.periods.map((p) => [
        p.start,
        p.items.map((i) => `${i.indicatorCode}:${i.valueStatus ?? '-'}:${i.due ? 'due' : ''}${i.late ? '+late' : ''}`),
      ]),
    ).toEqual([
      [current.start, ['G.a:-:']],
      [recent.start, ['G.a:submitted:due', 'G.b:returned:due']],
      [old.start, ['G.a:approved:', 'G.b:-:due+late']],
    ]);
    expect(overview.periods[2]!.dueBy).toBe(day(-31));
  });

  it.each(['partner', 'donor'] as const)('is refused to a %s with 403', async (role) => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    expect((await as[role].get(`/projects/${project.id}/me-overview`)).status).toBe(403);
  });
});
