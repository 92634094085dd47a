import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity, makeOutcome, makeProject, makeUser, projectInput } from '../factories';
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
let managerId: number;
let donorId: number;

beforeAll(async () => {
  app = await startTestApp();
  const m = await makeUser(app.db, { role: 'manager' });
  const d = await makeUser(app.db, { role: 'donor' });
  managerId = m.id;
  donorId = d.id;
  manager = await app.login(m.email);
});

afterAll(() => app.close());

const CONTROL = { code: 'text.control_characters', params: {} };

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

describe('control characters in text are refused (text.control_characters)', () => {
  it('POST /projects/:id/activities with a NUL in the title returns 400 and writes nothing', async () => {
    const { project, outcome } = await world();
    await expectRefused(
      () => manager.post(`/projects/${project.id}/activities`, { outcomeId: outcome.id, kind: 'study_tour', title: 'Study\u0000tour' }),
      'title',
      CONTROL,
    );
  });

  it.each([
    ['a bell', '\u0007'],
    ['an escape', '\u001b[31m'],
    ['a DEL', '\u007f'],
    ['a C1 control (NEL)', '\u0085'],
  ])('POST /projects with %s in the title returns 400 and writes nothing', async (_name, bad) => {
    await expectRefused(() => manager.post('/projects', projectInput({ title: `Project ${bad}` })), 'title', CONTROL);
  });

  it('a multi-line description keeps its line breaks and tabs but refuses a NUL', async () => {
    const { project, outcome } = await world();
    const ok = await manager.post(`/projects/${project.id}/activities`, {
      outcomeId: outcome.id,
      kind: 'study_tour',
      title: 'Tour',
      description: 'Day 1\r\n\tVisit\nDay 2',
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.description).toBe('Day 1\r\n\tVisit\nDay 2');
    await expectRefused(
      () =>
        manager.post(`/projects/${project.id}/activities`, { outcomeId: outcome.id, kind: 'study_tour', title: 'Tour', description: 'Day\u00001' }),
      'description',
      CONTROL,
    );
  });

  it('a single-line title turns a tab or a line break into one space', async () => {
    const { project, outcome } = await world();
    const res = await manager.post(`/projects/${project.id}/activities`, {
      outcomeId: outcome.id,
      kind: 'study_tour',
      title: ' Study\t\ttour\r\nto Moscow ',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.title).toBe('Study tour to Moscow');
  });

  it('a comment, a payee and a ledger CSV description refuse a NUL as well', async () => {
    const { project, activity } = await world();
    await expectRefused(() => manager.post(`/activities/${activity.id}/comments`, { body: 'Fine\u0000' }), 'body', CONTROL);
    await expectRefused(
      () => manager.post(`/projects/${project.id}/expenditures`, { date: '2026-02-01', amount: usd('5.00'), payee: 'Hotel\u0000' }),
      'payee',
      CONTROL,
    );
    const res = await manager.request('POST', `/projects/${project.id}/expenditures/import`, {
      raw: 'date,amount,currency,description\r\n2026-02-01,10.00,USD,Taxi\u0000\r\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ row: 2, field: 'description', ...CONTROL })]);
  });
});
