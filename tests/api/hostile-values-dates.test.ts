import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DATE, MIN_DATE } from '@shared/bounds';
import { BudgetAnalysisSchema } from '@shared/schemas/budget';
import { TimelineSchema } from '@shared/schemas/timeline';
import {
  makeActivity,
  makeBudgetLine,
  makeExpenditure,
  makeMilestone,
  makeOutcome,
  makePerson,
  makeProject,
  makeUser,
  projectInput,
} from '../factories';
import { databaseDigest, startTestApp, type ApiClient, type ApiResponse, type TestApp } from './harness';
import { csv, upload } from './registry-support';
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

const OUT_OF_RANGE = { code: 'date.out_of_range', params: { min: MIN_DATE, max: MAX_DATE } };

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

describe(`dates outside ${MIN_DATE} – ${MAX_DATE} are refused (date.out_of_range)`, () => {
  it('POST /projects/:id/milestones due 9999-12-31 returns 400 and writes nothing', async () => {
    const { project } = await world();
    await expectRefused(
      () => manager.post(`/projects/${project.id}/milestones`, { title: 'Far away', dueDate: '9999-12-31' }),
      'dueDate',
      OUT_OF_RANGE,
    );
  });

  it('PATCH /milestones/:id to done on 0001-01-01 returns 400 and writes nothing', async () => {
    const { project } = await world();
    const m = await makeMilestone(app.db, project.id);
    await expectRefused(() => manager.patch(`/milestones/${m.id}`, { version: m.version, doneDate: '0001-01-01' }), 'doneDate', OUT_OF_RANGE);
  });

  it('POST /projects/:id/activities planned to end 9999-12-31 returns 400 and writes nothing', async () => {
    const { project, outcome } = await world();
    await expectRefused(
      () =>
        manager.post(`/projects/${project.id}/activities`, {
          outcomeId: outcome.id,
          kind: 'study_tour',
          title: 'Tour',
          plannedStart: '2026-01-01',
          plannedEnd: '9999-12-31',
        }),
      'plannedEnd',
      OUT_OF_RANGE,
    );
  });

  it('PATCH /activities/:id with an actual start of 1989-12-31 returns 400 and writes nothing', async () => {
    const { activity } = await world();
    await expectRefused(
      () => manager.patch(`/activities/${activity.id}`, { version: activity.version, actualStart: '1989-12-31' }),
      'actualStart',
      OUT_OF_RANGE,
    );
  });

  it('POST /projects ending 9999-12-31 returns 400, and so does a start year before 1990', async () => {
    await expectRefused(() => manager.post('/projects', projectInput({ endYear: 2027, plannedEnd: '9999-12-31' })), 'plannedEnd', OUT_OF_RANGE);
    const before = await databaseDigest(app.db);
    const res = await manager.post('/projects', projectInput({ startYear: 1989 }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: Coded) => i.path)).toContain('startYear');
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('POST /projects/:id/expenditures dated 0000-01-01 returns 400 and writes nothing', async () => {
    const { project } = await world();
    await expectRefused(
      () => manager.post(`/projects/${project.id}/expenditures`, { date: '0000-01-01', amount: usd('5.00') }),
      'date',
      OUT_OF_RANGE,
    );
  });

  it('the first and the last day of the range are accepted', async () => {
    const { project } = await world();
    for (const dueDate of [MIN_DATE, MAX_DATE]) {
      const res = await manager.post(`/projects/${project.id}/milestones`, { title: `Due ${dueDate}`, dueDate });
      expect(res.status, res.text).toBe(201);
    }
  });

  it('a ledger CSV row dated 9999-12-31 fails the import with its row and the code', async () => {
    const { project } = await world();
    const before = await databaseDigest(app.db);
    const res = await manager.request('POST', `/projects/${project.id}/expenditures/import`, {
      raw: 'date,amount,currency\r\n9999-12-31,10.00,USD\r\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ row: 2, field: 'date', ...OUT_OF_RANGE })]);
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('an attendance sheet row dated 9999-12-31 is left out with its reason, the other rows are added', async () => {
    const { project, activity } = await world();
    const a = await makePerson(app.db, project.id, { name: 'Aziza Karimova', email: 'aziza.k@example.org' });
    const b = await makePerson(app.db, project.id, { name: 'Rustam Saidov', email: 'rustam.s@example.org' });
    const sheet = csv(
      ['Email', 'Date'],
      [
        [a.email, '9999-12-31'],
        [b.email, '2026-03-02'],
      ],
    );
    const res = await upload(manager, app.url, `/activities/${activity.id}/attendance/import`, { data: sheet });
    expect(res.status, res.text).toBe(201);
    expect(res.body.rows).toEqual([
      expect.objectContaining({ row: 2, status: 'invalid_date', personId: null, ...OUT_OF_RANGE }),
      expect.objectContaining({ row: 3, status: 'matched', personId: b.id }),
    ]);
    expect(res.body.added).toBe(1);
    const list = await manager.get(`/activities/${activity.id}/attendance`);
    expect(list.body.items.map((i: { personId: number; date: string }) => [i.personId, i.date])).toEqual([[b.id, '2026-03-02']]);
  });
});

describe('dates already stored outside the bounds never stretch a view', () => {
  it('GET /projects/:id/timeline answers 200 with its span within the bounds and the stored dates as they are', async () => {
    const { project, outcome } = await world();
    const far = await makeMilestone(app.db, project.id, { dueDate: '9999-12-31' });
    const early = await makeActivity(app.db, outcome, { plannedStart: '0001-01-01', plannedEnd: '2026-06-30' });
    const res = await donor.get(`/projects/${project.id}/timeline`);
    expect(res.status, res.text).toBe(200);
    const body = TimelineSchema.parse(res.body);
    // The project's own span (2025–2027 in the factory): neither year 1 nor year 9999 stretches it.
    expect(body.span).toEqual({ start: '2025-01-01', end: '2027-12-31' });
    expect(body.milestones.find((m) => m.id === far.id)?.dueDate).toBe('9999-12-31');
    expect(body.groups[0]?.activities.find((a) => a.id === early.id)?.plannedStart).toBe('0001-01-01');
  });

  it('GET /projects/:id/budget answers 200 with a monthly series that stays within the bounds', async () => {
    const { project, outcome } = await world();
    const activity = await makeActivity(app.db, outcome, { plannedStart: '2026-01-01', plannedEnd: '9999-12-31' });
    await makeBudgetLine(app.db, project, { activityId: activity.id });
    await makeExpenditure(app.db, project, { date: '9999-12-31' });
    await makeExpenditure(app.db, project, { date: '2026-02-15' });
    const res = await donor.get(`/projects/${project.id}/budget`);
    expect(res.status, res.text).toBe(200);
    const body = BudgetAnalysisSchema.parse(res.body);
    // 2025-01 to 2100-12 at most: 76 years of months, not eight thousand.
    expect(body.series.length).toBeLessThanOrEqual((2100 - 2025 + 1) * 12);
    expect(body.series.at(-1)?.period).toBe('2100-12');
    // Every entry still counts in the totals.
    expect(body.totals.spent).toEqual(usd('200.00'));
  });
});
