import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetAnalysisSchema, BudgetLineRevisionListSchema, BudgetLineSchema, ProjectHealthSchema } from '@shared/schemas/budget';
import { todayIso } from '@shared/calc/dates';
import { auditRows, makeActivity, makeBudgetLine, makeExpenditure, makeOutcome, makeOutput, makeProject } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { expectRejected } from './expect';
import { rawRun } from './raw-sql';

let app: TestApp;
let manager: ApiClient;
let partner: ApiClient;
let donor: ApiClient;
let outsider: ApiClient;
let ids: Record<'manager' | 'partner' | 'donor', number>;

beforeAll(async () => {
  app = await startTestApp();
  const crew = await app.signInEach({ manager: 'manager', partner: 'partner', donor: 'donor', outsider: 'manager' });
  ({ manager, partner, donor, outsider } = crew.clients);
  ids = crew.ids;
});
afterAll(() => app.close());

const usd = (amount: string) => ({ amount, currency: 'USD' });

async function world(overrides: Parameters<typeof makeProject>[1] = {}) {
  return await makeProject(app.db, { memberIds: [ids.manager, ids.partner, ids.donor], ...overrides });
}

describe('POST /projects/:id/budget-lines', () => {
  it('creates a line in the project currency, allocated to an activity, and audits it', async () => {
    const project = await world();
    const activity = await makeActivity(app.db, await makeOutcome(app.db, project.id));
    const res = await manager.post(`/projects/${project.id}/budget-lines`, {
      code: 'TRV-1',
      title: ' Study tour travel ',
      category: 'travel',
      activityId: activity.id,
      amount: usd('18500.5'),
    });
    expect(res.status, res.text).toBe(201);
    expect(BudgetLineSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toMatchObject({
      projectId: project.id,
      code: 'TRV-1',
      title: 'Study tour travel',
      category: 'travel',
      activityId: activity.id,
      original: usd('18500.50'),
      revised: null,
      current: usd('18500.50'),
      illustrative: false,
      version: 1,
    });
    expect((await auditRows(app.db, 'budget_line', res.body.id)).map((r) => r.action)).toEqual(['create']);
  });

  it.each([
    ['more decimals than the currency has', { amount: usd('10.001') }, 'amount.amount'],
    ['an unknown currency', { amount: { amount: '10', currency: 'XYZ' } }, 'amount.currency'],
    ['a negative amount', { amount: usd('-5.00') }, 'amount.amount'],
    ['a number instead of a decimal string', { amount: { amount: 10, currency: 'USD' } }, 'amount.amount'],
    ['an unknown category', { category: 'catering' }, 'category'],
  ])('refuses %s with 400 and writes nothing', async (_name, override, path) => {
    const project = await world();
    const res = await expectRejected(
      app.db,
      () => manager.post(`/projects/${project.id}/budget-lines`, { title: 'Line', category: 'other', amount: usd('10.00'), ...override }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses an amount in another currency than the project currency', async () => {
    const project = await world({ currency: 'EUR' });
    const res = await expectRejected(
      app.db,
      () => manager.post(`/projects/${project.id}/budget-lines`, { title: 'Line', category: 'other', amount: usd('10.00') }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'amount.currency', message: expect.stringContaining('EUR') });
  });

  it('names the rule a refused line breaks, with the values its translation needs', async () => {
    const project = await world({ currency: 'EUR' });
    const res = await expectRejected(
      app.db,
      () => manager.post(`/projects/${project.id}/budget-lines`, { title: 'Line', category: 'other', amount: usd('10.00') }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues).toEqual([
      {
        path: 'amount.currency',
        code: 'budget_line.currency',
        params: { currency: 'EUR' },
        message: 'Budget lines are in the project currency (EUR)',
      },
    ]);
  });

  it('refuses an activity of another project and a code already used in the project', async () => {
    const project = await world();
    const other = await makeActivity(app.db, await makeOutcome(app.db, (await world()).id));
    await expectRejected(
      app.db,
      () => manager.post(`/projects/${project.id}/budget-lines`, { title: 'L', category: 'other', activityId: other.id, amount: usd('1.00') }),
      400,
      'VALIDATION_FAILED',
    );
    await makeBudgetLine(app.db, project, { code: 'X-1' });
    await expectRejected(
      app.db,
      () => manager.post(`/projects/${project.id}/budget-lines`, { code: 'X-1', title: 'L', category: 'other', amount: usd('1.00') }),
      409,
      'CONFLICT',
    );
  });

  it('is read-only for partners and donors (403) and hidden from non-members (404)', async () => {
    const project = await world();
    const body = { title: 'Line', category: 'other', amount: usd('10.00') };
    await expectRejected(app.db, () => partner.post(`/projects/${project.id}/budget-lines`, body), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => donor.post(`/projects/${project.id}/budget-lines`, body), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => outsider.post(`/projects/${project.id}/budget-lines`, body), 404, 'NOT_FOUND');
    expect((await donor.get(`/projects/${project.id}/budget-lines`)).status).toBe(200);
    expect((await outsider.get(`/projects/${project.id}/budget-lines`)).status).toBe(404);
    expect((await outsider.get(`/projects/${project.id}/budget`)).status).toBe(404);
  });
});

describe('PATCH /budget-lines/:id', () => {
  it('revises the amount with a reason, keeps the original, and lists the revisions newest first', async () => {
    const project = await world();
    const line = await makeBudgetLine(app.db, project, { originalMinor: 1_000_000 });
    const first = await manager.patch(`/budget-lines/${line.id}`, { version: 1, amount: usd('12000.00'), reason: 'Forum grew' });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ original: usd('10000.00'), revised: usd('12000.00'), current: usd('12000.00'), version: 2 });
    const second = await manager.patch(`/budget-lines/${line.id}`, { version: 2, amount: usd('11500.00'), reason: 'Savings on venue' });
    expect(second.body).toMatchObject({ original: usd('10000.00'), revised: usd('11500.00'), version: 3 });

    const revisions = await donor.get(`/budget-lines/${line.id}/revisions`);
    expect(revisions.status).toBe(200);
    expect(BudgetLineRevisionListSchema.parse(revisions.body)).toEqual(revisions.body);
    expect(revisions.body.original).toEqual(usd('10000.00'));
    expect(
      revisions.body.items.map((r: { from: unknown; to: unknown; reason: string; budgetType: string }) => [r.from, r.to, r.reason, r.budgetType]),
    ).toEqual([
      [usd('12000.00'), usd('11500.00'), 'Savings on venue', '2'],
      [usd('10000.00'), usd('12000.00'), 'Forum grew', '2'],
    ]);
    expect(revisions.body.items[0].user).toEqual({ id: ids.manager, name: expect.any(String) });
    expect((await auditRows(app.db, 'budget_line', line.id)).at(-1)?.note).toBe('Savings on venue');
  });

  it('refuses a new amount without a reason, and writes nothing', async () => {
    const line = await makeBudgetLine(app.db, await world());
    const res = await expectRejected(
      app.db,
      () => manager.patch(`/budget-lines/${line.id}`, { version: 1, amount: usd('5.00') }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues).toEqual([
      { path: 'reason', code: 'budget_line.reason_required', params: {}, message: 'Say why the amount is revised' },
    ]);
    await expectRejected(
      app.db,
      () => manager.patch(`/budget-lines/${line.id}`, { version: 1, amount: usd('5.00'), reason: '   ' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('changes other fields without a reason and without a revision', async () => {
    const line = await makeBudgetLine(app.db, await world());
    const res = await manager.patch(`/budget-lines/${line.id}`, { version: 1, title: 'Renamed', category: 'travel' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ title: 'Renamed', category: 'travel', revised: null });
    expect((await manager.get(`/budget-lines/${line.id}/revisions`)).body.total).toBe(0);
  });

  it('answers 409 with the current line to a stale version and changes nothing', async () => {
    const line = await makeBudgetLine(app.db, await world());
    await manager.patch(`/budget-lines/${line.id}`, { version: 1, title: 'First' });
    const res = await expectRejected(
      app.db,
      () => manager.patch(`/budget-lines/${line.id}`, { version: 1, amount: usd('1.00'), reason: 'Late' }),
      409,
      'VERSION_CONFLICT',
    );
    expect(res.body.error.details.current).toMatchObject({ title: 'First', version: 2 });
  });
});

describe('DELETE /budget-lines/:id', () => {
  it('deletes an unused line, and refuses a line with ledger entries (409) writing nothing', async () => {
    const project = await world();
    const unused = await makeBudgetLine(app.db, project);
    expect((await manager.delete(`/budget-lines/${unused.id}?version=1`)).status).toBe(204);
    const used = await makeBudgetLine(app.db, project);
    await makeExpenditure(app.db, project, { budgetLineId: used.id });
    const res = await expectRejected(app.db, () => manager.delete(`/budget-lines/${used.id}?version=1`), 409, 'HAS_DEPENDENTS');
    expect(res.body.error.details).toEqual({ entries: 1, rule: { code: 'budget_line.has_entries', params: { count: 1 } } });
  });
});

describe('GET /projects/:id/budget', () => {
  /**
   * Outcome A has outputs A1 (activity a1) and A2 (activity a2); activity b sits directly
   * under outcome B. Lines: staff (unallocated) 500, travel → a1 120 (revised from 100),
   * events → a2 50, consultancy → b 30. Entries in USD and in TJS at 0.0917.
   */
  async function framework() {
    const project = await world({ plannedStart: '2025-01-01', plannedEnd: '2027-12-31' });
    const outcomeA = await makeOutcome(app.db, project.id, { position: 1 });
    const outcomeB = await makeOutcome(app.db, project.id, { position: 2 });
    const a1Output = await makeOutput(app.db, outcomeA, { position: 1 });
    const a2Output = await makeOutput(app.db, outcomeA, { position: 2 });
    const a1 = await makeActivity(app.db, outcomeA, { outputId: a1Output.id, plannedStart: '2026-01-01', plannedEnd: '2026-01-31' });
    const a2 = await makeActivity(app.db, outcomeA, { outputId: a2Output.id });
    const b = await makeActivity(app.db, outcomeB);
    const post = async (path: string, body: unknown) => {
      const res = await manager.post(path, body);
      expect(res.status, res.text).toBe(201);
      return res.body as { id: number; version: number };
    };
    const staff = await post(`/projects/${project.id}/budget-lines`, { title: 'Staff', category: 'staff', amount: usd('500.00') });
    const travel = await post(`/projects/${project.id}/budget-lines`, {
      title: 'Travel',
      category: 'travel',
      activityId: a1.id,
      amount: usd('100.00'),
    });
    await manager.patch(`/budget-lines/${travel.id}`, { version: 1, amount: usd('120.00'), reason: 'Fares' });
    const events = await post(`/projects/${project.id}/budget-lines`, {
      title: 'Events',
      category: 'meetings_events',
      activityId: a2.id,
      amount: usd('50.00'),
    });
    await post(`/projects/${project.id}/budget-lines`, { title: 'Expert', category: 'consultancy', activityId: b.id, amount: usd('30.00') });
    const entry = async (body: Record<string, unknown>) => await post(`/projects/${project.id}/expenditures`, { date: '2026-01-15', ...body });
    await entry({ amount: usd('200.00'), budgetLineId: staff.id });
    await entry({ amount: { amount: '1500.00', currency: 'TJS' }, fxRate: '0.0917', budgetLineId: travel.id }); // 137.55
    await entry({ type: 'commitment', amount: usd('40.00'), budgetLineId: events.id });
    await entry({ amount: usd('10.00'), budgetLineId: events.id, activityId: b.id }); // counts for b, not a2
    await entry({ amount: usd('7.00') }); // on no line
    return { project, outcomeA, outcomeB, a1, a2, b, a1Output, a2Output, travel, events };
  }

  it('answers totals and every breakdown in money objects, rolled up through allocations', async () => {
    const f = await framework();
    const res = await donor.get(`/projects/${f.project.id}/budget`);
    expect(res.status, res.text).toBe(200);
    const body = BudgetAnalysisSchema.parse(res.body);
    expect(body.currency).toBe('USD');
    expect(body.totals).toEqual({ budget: usd('700.00'), committed: usd('40.00'), spent: usd('354.55'), remaining: usd('345.45') });
    expect(body.projectBudget).toEqual(usd('100000.00'));
    expect(body.unbudgeted).toEqual(usd('99300.00'));

    const outcome = (id: number) => body.byOutcome.rows.find((r) => r.outcomeId === id);
    expect(outcome(f.outcomeA.id)).toMatchObject({ code: '1', budget: usd('170.00'), committed: usd('40.00'), spent: usd('137.55') });
    expect(outcome(f.outcomeB.id)).toMatchObject({ code: '2', budget: usd('30.00'), spent: usd('10.00') });
    expect(body.byOutcome.unallocated).toMatchObject({ budget: usd('500.00'), spent: usd('207.00') });

    const output = (id: number) => body.byOutput.rows.find((r) => r.outputId === id);
    expect(output(f.a1Output.id)).toMatchObject({ code: '1.1', budget: usd('120.00'), spent: usd('137.55') });
    expect(output(f.a2Output.id)).toMatchObject({ code: '1.2', budget: usd('50.00'), committed: usd('40.00'), spent: usd('0.00') });
    expect(body.byOutput.unallocated).toMatchObject({ budget: usd('530.00'), spent: usd('217.00') });

    const activity = (id: number) => body.byActivity.rows.find((r) => r.activityId === id);
    expect(activity(f.b.id)).toMatchObject({ budget: usd('30.00'), spent: usd('10.00') });

    const travel = body.byLine.rows.find((r) => r.id === f.travel.id);
    expect(travel).toMatchObject({
      original: usd('100.00'),
      revised: usd('120.00'),
      budget: usd('120.00'),
      spent: usd('137.55'),
      overBy: usd('17.55'),
      warning: true,
    });
    expect(body.byLine.unallocated).toMatchObject({ spent: usd('7.00') });
    expect(body.byCategory.rows.find((r) => r.category === 'travel')).toMatchObject({ budget: usd('120.00'), spent: usd('137.55') });
    expect(body.series.find((p) => p.period === '2026-01')).toMatchObject({ spent: usd('354.55') });
    expect(body.series.at(-1)).toMatchObject({ cumulativeSpent: usd('354.55'), cumulativePlanned: usd('700.00') });
  });

  it('flags lines only past the tolerance, which the manager can change per project', async () => {
    const f = await framework();
    // Travel spends 137.55 of 120.00: 14.6 % over, past the default 10 %.
    expect((await manager.get(`/projects/${f.project.id}/budget`)).body.settings).toEqual({
      projectId: f.project.id,
      tolerancePercent: 10,
      version: 1,
    });
    const patched = await manager.patch(`/projects/${f.project.id}/budget-settings`, { version: 1, tolerancePercent: 15 });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toEqual({ projectId: f.project.id, tolerancePercent: 15, version: 2 });
    const body = (await manager.get(`/projects/${f.project.id}/budget`)).body;
    expect(body.byLine.rows.find((r: { id: number }) => r.id === f.travel.id)).toMatchObject({ overBy: usd('17.55'), warning: false });
    await expectRejected(
      app.db,
      () => manager.patch(`/projects/${f.project.id}/budget-settings`, { version: 1, tolerancePercent: 20 }),
      409,
      'VERSION_CONFLICT',
    );
    await expectRejected(
      app.db,
      () => manager.patch(`/projects/${f.project.id}/budget-settings`, { version: 2, tolerancePercent: 12.345 }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      app.db,
      () => donor.patch(`/projects/${f.project.id}/budget-settings`, { version: 2, tolerancePercent: 5 }),
      403,
      'FORBIDDEN',
    );
  });

  it('reports pace and health over the project span', async () => {
    const today = todayIso();
    const start = new Date(Date.parse(`${today}T00:00:00Z`) - 99 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.parse(`${today}T00:00:00Z`) + 100 * 86_400_000).toISOString().slice(0, 10);
    const project = await world({ plannedStart: start, plannedEnd: end, startYear: Number(start.slice(0, 4)), endYear: Number(end.slice(0, 4)) });
    const outcome = await makeOutcome(app.db, project.id);
    await makeActivity(app.db, outcome, { status: 'completed', percentComplete: 100, plannedStart: start, plannedEnd: start });
    await makeActivity(app.db, outcome, { status: 'in_progress', percentComplete: 0, plannedStart: start, plannedEnd: start });
    await makeBudgetLine(app.db, project, { originalMinor: 1_000_000 });
    await makeExpenditure(app.db, project, { date: today, amountMinor: 250_000, convertedMinor: 250_000 });
    const body = (await partner.get(`/projects/${project.id}/budget`)).body;
    // 100 of 200 days have passed; 2,500 of 10,000 spent.
    expect(body.burnRate).toEqual({
      start,
      end,
      today,
      elapsedPercent: 50,
      spentPercent: 25,
      gapPercent: -25,
      forecastAtCompletion: usd('5000.00'),
    });
    const health = await partner.get(`/projects/${project.id}/health`);
    expect(ProjectHealthSchema.parse(health.body)).toEqual(health.body);
    expect(health.body).toMatchObject({ timeElapsedPercent: 50, budgetSpentPercent: 25, activitiesCompletePercent: 50 });
    expect(body.health).toEqual(health.body);
  });
});

describe('GET /projects/:id/budget after a change of project currency', () => {
  it('answers 409 rather than adding amounts of two currencies', async () => {
    const project = await world();
    await makeBudgetLine(app.db, project);
    await rawRun(app.db, "UPDATE projects SET currency = 'EUR' WHERE id = ?", project.id);
    const res = await manager.get(`/projects/${project.id}/budget`);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { currency: 'EUR', records: 1 } });
  });
});
