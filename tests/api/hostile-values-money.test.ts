import { sql } from 'drizzle-orm';
import { runSql } from '../../server/src/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetAnalysisSchema, BudgetLineListSchema } from '@shared/schemas/budget';
import { ExpenditureListSchema } from '@shared/schemas/budget-ledger';
import { DashboardSchema } from '@shared/schemas/report';
import { makeActivity, makeBudgetLine, makeExpenditure, makeOutcome, makeProject, makeUser, projectInput } from '../factories';
import { databaseDigest, startTestApp, type ApiClient, type ApiResponse, type TestApp } from './harness';
import { usd } from './hostile-values-support';

/**
 * Issue 13, availability under hostile input: amounts, dates and text a real project
 * cannot have are refused with a rule code and write nothing, and what old data may
 * already hold (an amount at the edge of the safe integer range, a date in year 9999)
 * never makes a view, a dashboard or an export fail.
 */

let app: TestApp;

let manager: ApiClient;

let donor: ApiClient;

let managerId: number;

let donorId: number;

beforeAll(async () => {
  app = await startTestApp();
  const m = await makeUser(app.db, { role: 'manager' });
  const d = await makeUser(app.db, { role: 'donor' });
  managerId = m.id;
  donorId = d.id;
  manager = await app.login(m.email);
  donor = await app.login(d.email);
});

afterAll(() => app.close());

/** The amount of the report: MAX_SAFE_INTEGER minor units of a 2-decimal currency. */
const HUGE = '90071992547409.91';

const TOO_LARGE_USD = { code: 'money.too_large', params: { max: 1_000_000_000_000, currency: 'USD' } };

async function world() {
  const project = await makeProject(app.db, { memberIds: [managerId, donorId] });
  const outcome = await makeOutcome(app.db, project.id);
  const activity = await makeActivity(app.db, outcome);
  return { project, outcome, activity };
}

type Coded = { path: string; code: string; params: Record<string, unknown> };

/** A request refused with 400 VALIDATION_FAILED naming the field and the rule; the database is exactly as it was. */
async function expectRefused(call: () => Promise<ApiResponse>, path: string, rule: { code: string; params: Record<string, unknown> }) {
  const before = await databaseDigest(app.db);
  const res = await call();
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details.issues as Coded[]).toContainEqual(expect.objectContaining({ path, ...rule }));
  expect(await databaseDigest(app.db)).toBe(before);
  return res;
}

describe('amounts beyond what a project can have are refused (money.too_large)', () => {
  it(`POST /projects/:id/expenditures with ${HUGE} USD returns 400 and writes nothing`, async () => {
    const { project } = await world();
    await expectRefused(
      () => manager.post(`/projects/${project.id}/expenditures`, { date: '2026-02-01', amount: usd(HUGE) }),
      'amount.amount',
      TOO_LARGE_USD,
    );
  });

  it(`POST /projects/:id/expenditures with -${HUGE} USD on a correction returns 400: the bound holds in either direction`, async () => {
    const { project } = await world();
    await expectRefused(
      () => manager.post(`/projects/${project.id}/expenditures`, { date: '2026-02-01', amount: usd(`-${HUGE}`), correction: true }),
      'amount.amount',
      TOO_LARGE_USD,
    );
  });

  it(`POST /projects/:id/budget-lines with ${HUGE} USD returns 400 and writes nothing`, async () => {
    const { project } = await world();
    await expectRefused(
      () => manager.post(`/projects/${project.id}/budget-lines`, { category: 'travel', title: 'Flights', amount: usd(HUGE) }),
      'amount.amount',
      TOO_LARGE_USD,
    );
  });

  it(`PATCH /budget-lines/:id revising to ${HUGE} USD returns 400 and writes nothing`, async () => {
    const { project } = await world();
    const line = await makeBudgetLine(app.db, project);
    await expectRefused(
      () => manager.patch(`/budget-lines/${line.id}`, { version: line.version, amount: usd(HUGE), reason: 'More' }),
      'amount.amount',
      TOO_LARGE_USD,
    );
  });

  it(`POST /projects with a budget of ${HUGE} USD returns 400 and writes nothing`, async () => {
    await expectRefused(() => manager.post('/projects', projectInput({ budget: usd(HUGE) })), 'budget.amount', TOO_LARGE_USD);
  });

  it('an amount of more digits than any currency could hold is told as too large, not as badly written', async () => {
    const { project } = await world();
    await expectRefused(
      () => manager.post(`/projects/${project.id}/expenditures`, { date: '2026-02-01', amount: usd('123456789012345678901234.00') }),
      'amount.amount',
      TOO_LARGE_USD,
    );
  });

  it('the bound itself is accepted and one cent more is refused', async () => {
    const { project } = await world();
    const ok = await manager.post(`/projects/${project.id}/expenditures`, { date: '2026-02-01', amount: usd('1000000000000.00') });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.converted).toEqual(usd('1000000000000.00'));
    await expectRefused(
      () => manager.post(`/projects/${project.id}/expenditures`, { date: '2026-02-01', amount: usd('1000000000000.01') }),
      'amount.amount',
      TOO_LARGE_USD,
    );
  });

  it('an entry within the bound in its own currency but beyond it once converted is refused (ledger.converted_too_large)', async () => {
    const { project } = await world();
    await expectRefused(
      () =>
        manager.post(`/projects/${project.id}/expenditures`, {
          date: '2026-02-01',
          amount: { amount: '900000000000.00', currency: 'TJS' },
          fxRate: '2',
        }),
      'amount.amount',
      { code: 'ledger.converted_too_large', params: {} },
    );
  });

  it('a ledger CSV row with a huge amount fails the import with the row, the column and the code, and nothing is written', async () => {
    const { project } = await world();
    const before = await databaseDigest(app.db);
    const res = await manager.request('POST', `/projects/${project.id}/expenditures/import`, {
      raw: `date,amount,currency\r\n2026-02-01,10.00,USD\r\n2026-02-02,${HUGE},USD\r\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ row: 3, field: 'amount', ...TOO_LARGE_USD })]);
    expect(await databaseDigest(app.db)).toBe(before);
  });
});

describe('amounts already stored beyond the bound never break a view', () => {
  /**
   * A project whose lines and entries were written before amounts were bounded: each at
   * MAX_SAFE_INTEGER minor units (the amount of the report), one beyond it, and ordinary ones.
   */
  async function oldProject() {
    const { project, activity } = await world();
    const max = Number.MAX_SAFE_INTEGER;
    const line = await makeBudgetLine(app.db, project, { originalMinor: max, activityId: activity.id });
    await makeBudgetLine(app.db, project, { originalMinor: max, category: 'travel' });
    await makeExpenditure(app.db, project, { budgetLineId: line.id, amountMinor: max, convertedMinor: max, date: '2026-03-01' });
    await makeExpenditure(app.db, project, { budgetLineId: line.id, amountMinor: max, convertedMinor: max, date: '2026-04-01' });
    await makeExpenditure(app.db, project, { type: 'commitment', amountMinor: 150, convertedMinor: 150 });
    const beyond = await makeExpenditure(app.db, project, { date: '2026-05-01' });
    // An integer SQLite holds but a double cannot: written as SQL text, as an old file may hold it.
    await runSql(
      app.db,
      sql`UPDATE expenditures SET amount_minor = 1000000000000000000, converted_minor = 1000000000000000000 WHERE id = ${beyond.id}`,
    );
    await runSql(app.db, sql`UPDATE projects SET budget_minor = ${max} WHERE id = ${project.id}`);
    return project;
  }

  it('GET /projects/:id/budget answers 200 with exact totals (sums of bigints, not doubles)', async () => {
    const project = await oldProject();
    const res = await donor.get(`/projects/${project.id}/budget`);
    expect(res.status, res.text).toBe(200);
    const body = BudgetAnalysisSchema.parse(res.body);
    // 2 × 9007199254740991 = 18014398509481982 minor units.
    expect(body.totals.budget).toEqual(usd('180143985094819.82'));
    // 2 × 9007199254740991 + 10^18 = 1018014398509481982.
    expect(body.totals.spent).toEqual(usd('10180143985094819.82'));
    expect(body.totals.committed).toEqual(usd('1.50'));
    expect(body.totals.remaining).toEqual(usd('-10000000000000000.00'));
    expect(body.projectBudget).toEqual(usd('90071992547409.91'));
    expect(body.unbudgeted).toEqual(usd('-90071992547409.91'));
    expect(body.series.at(-1)?.cumulativeSpent).toEqual(usd('10180143985094819.82'));
    expect(body.burnRate.spentPercent).toBeGreaterThan(100);
  });

  it('GET /projects/:id/budget-lines, /expenditures and /health answer 200 with exact sums', async () => {
    const project = await oldProject();
    const lines = await donor.get(`/projects/${project.id}/budget-lines`);
    expect(lines.status, lines.text).toBe(200);
    expect(BudgetLineListSchema.parse(lines.body).sum).toEqual(usd('180143985094819.82'));
    const ledger = await donor.get(`/projects/${project.id}/expenditures`);
    expect(ledger.status, ledger.text).toBe(200);
    expect(ExpenditureListSchema.parse(ledger.body).sums).toEqual({ committed: usd('1.50'), spent: usd('10180143985094819.82') });
    expect((await donor.get(`/projects/${project.id}/health`)).status).toBe(200);
  });

  it('GET /dashboard and every export of the project answer 200', async () => {
    const project = await oldProject();
    const dashboard = await donor.get('/dashboard');
    expect(dashboard.status, dashboard.text).toBe(200);
    const mine = DashboardSchema.parse(dashboard.body).projects.find((p) => p.id === project.id);
    expect(mine?.budget?.spent).toEqual(usd('10180143985094819.82'));
    for (const path of ['export.pdf', 'export.xlsx', 'export.csv?table=budget_categories', 'export.csv?table=budget_outcomes']) {
      const res = await fetch(`${app.url}/projects/${project.id}/${path}`, { headers: { cookie: donor.cookie } });
      expect(res.status, path).toBe(200);
      expect((await res.arrayBuffer()).byteLength, path).toBeGreaterThan(0);
    }
  });

  it('an entry stored beyond the bound can only be saved again once its amount is within it', async () => {
    const { project } = await world();
    const entry = await makeExpenditure(app.db, project, { amountMinor: Number.MAX_SAFE_INTEGER, convertedMinor: Number.MAX_SAFE_INTEGER });
    await expectRefused(() => manager.patch(`/expenditures/${entry.id}`, { version: entry.version, payee: 'Hotel' }), 'amount.amount', TOO_LARGE_USD);
    const fixed = await manager.patch(`/expenditures/${entry.id}`, { version: entry.version, payee: 'Hotel', amount: usd('900.00') });
    expect(fixed.status, fixed.text).toBe(200);
  });
});
