import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { MeOverviewSchema } from '@shared/schemas/indicator-summary';
import { makeIndicator, makeOutcome, makePeriod, makeProject, makeValue } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
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
