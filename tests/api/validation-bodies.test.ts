import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity, makeOutcome, makeOutput, makeProject, makeUser, projectInput } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { expectRejected, expectValidationFailed, issuesOf, type ExpectedIssue } from './expect';

let app: TestApp;

let admin: ApiClient;

let manager: ApiClient;

let managerId: number;

beforeAll(async () => {
  app = await startTestApp();
  const a = await makeUser(app.db, { role: 'admin' });
  const m = await makeUser(app.db, { role: 'manager' });
  managerId = m.id;
  admin = await app.login(a.email);
  manager = await app.login(m.email);
});

afterAll(() => app.close());

/** A project the manager belongs to, with an outcome, an output and an activity. */
async function world(overrides: Parameters<typeof makeProject>[1] = {}) {
  const project = await makeProject(app.db, { memberIds: [managerId], ...overrides });
  const outcome = await makeOutcome(app.db, project.id);
  const output = await makeOutput(app.db, outcome);
  const activity = await makeActivity(app.db, outcome, { outputId: output.id });
  return { project, outcome, output, activity };
}

describe('POST /projects body validation', () => {
  const cases: [string, Record<string, unknown>, ExpectedIssue][] = [
    ['a number for title', { title: 123 }, { path: 'title' }],
    ['a blank title', { title: '   ' }, { path: 'title' }],
    ['a string for startYear', { startYear: '2026' }, { path: 'startYear' }],
    ['a string for memberStates', { memberStates: 'MD' }, { path: 'memberStates' }],
    ['an unknown member state', { memberStates: ['XX'] }, { path: 'memberStates.0' }],
    ['an unknown status', { status: 'dormant' }, { path: 'status' }],
    ['an unknown field', { colour: 'red' }, { unknown: 'colour' }],
    ['a read-only field (version)', { version: 1 }, { unknown: 'version' }],
    ['a day that does not exist (2026-02-30)', { plannedStart: '2026-02-30' }, { path: 'plannedStart' }],
    ['a date with slashes (2026/01/01)', { plannedStart: '2026/01/01' }, { path: 'plannedStart' }],
    ['end year before start year', { startYear: 2027, endYear: 2026 }, { path: 'endYear' }],
    ['end date before start date', { startYear: 2026, endYear: 2026, plannedStart: '2026-06-01', plannedEnd: '2026-05-31' }, { path: 'plannedEnd' }],
    ['currency XXX', { budget: { amount: '10.00', currency: 'XXX' } }, { path: 'budget.currency' }],
    ['currency in lower case (usd)', { budget: { amount: '10.00', currency: 'usd' } }, { path: 'budget.currency' }],
    ['three decimals for USD (1.001)', { budget: { amount: '1.001', currency: 'USD' } }, { path: 'budget.amount' }],
    ['decimals for JPY (100.5)', { budget: { amount: '100.5', currency: 'JPY' } }, { path: 'budget.amount' }],
    ['a negative budget', { budget: { amount: '-5.00', currency: 'USD' } }, { path: 'budget.amount' }],
    ['a number for the amount', { budget: { amount: 1000, currency: 'USD' } }, { path: 'budget.amount' }],
    ['an amount in exponent notation', { budget: { amount: '1e5', currency: 'USD' } }, { path: 'budget.amount' }],
    ['an unknown field inside budget', { budget: { amount: '1.00', currency: 'USD', rate: 1 } }, { unknown: 'rate' }],
    ['a code with a space', { code: 'AB 12' }, { path: 'code' }],
    // Issue 13: values no real project has.
    ['a NUL in the title', { title: 'Project\u0000' }, { path: 'title' }],
    ['an escape sequence in the funder', { funder: 'Funder\u001b[2J' }, { path: 'funder' }],
    ['a NUL in the multi-line description', { description: 'Line 1\nLine\u00002' }, { path: 'description' }],
    ['a planned end in year 9999', { plannedEnd: '9999-12-31' }, { path: 'plannedEnd' }],
    ['a planned start before 1990', { startYear: 1990, plannedStart: '1989-12-31' }, { path: 'plannedStart' }],
    ['a start year before 1990', { startYear: 1989 }, { path: 'startYear' }],
    ['a budget beyond one trillion (90071992547409.91)', { budget: { amount: '90071992547409.91', currency: 'USD' } }, { path: 'budget.amount' }],
  ];

  it.each(cases)('with %s returns 400 VALIDATION_FAILED naming the field and writes nothing', async (_label, overrides, expected) => {
    await expectValidationFailed(app.db, () => manager.post('/projects', projectInput(overrides)), expected);
  });

  it.each([
    ['a NUL in the title', { title: 'Project\u0000' }, 'title', 'text.control_characters'],
    ['a planned end in year 9999', { plannedEnd: '9999-12-31' }, 'plannedEnd', 'date.out_of_range'],
    ['a budget of 90071992547409.91', { budget: { amount: '90071992547409.91', currency: 'USD' } }, 'budget.amount', 'money.too_large'],
  ])('with %s the issue carries its rule code', async (_label, overrides, path, code) => {
    const res = await expectRejected(app.db, () => manager.post('/projects', projectInput(overrides)), 400, 'VALIDATION_FAILED');
    expect(issuesOf(res)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('without a required field (title) returns 400 VALIDATION_FAILED on title', async () => {
    const { title: _title, ...body } = projectInput();
    await expectValidationFailed(app.db, () => manager.post('/projects', body), { path: 'title' });
  });

  it('the same body without the fault is accepted (the refusals above are about the fault)', async () => {
    const res = await manager.post('/projects', projectInput({ plannedStart: '2026-02-28', budget: { amount: '1.10', currency: 'USD' } }));
    expect(res.status, res.text).toBe(201);
  });
});

describe('PATCH /projects/:id body validation', () => {
  const cases: [string, Record<string, unknown>, ExpectedIssue][] = [
    ['no version', {}, { path: 'version' }],
    ['a string version', { version: '1' }, { path: 'version' }],
    ['a number for title', { title: 5 }, { path: 'title' }],
    ['an unknown field', { colour: 'red' }, { unknown: 'colour' }],
    ['a read-only field (illustrative)', { illustrative: true }, { unknown: 'illustrative' }],
    ['a read-only field (id)', { id: 99 }, { unknown: 'id' }],
    ['a day that does not exist (2026-02-30)', { plannedStart: '2026-02-30' }, { path: 'plannedStart' }],
    ['a date with slashes (2026/01/01)', { plannedEnd: '2026/01/01' }, { path: 'plannedEnd' }],
    ['currency XXX', { budget: { amount: '10.00', currency: 'XXX' } }, { path: 'budget.currency' }],
    ['currency usd', { budget: { amount: '10.00', currency: 'usd' } }, { path: 'budget.currency' }],
    ['1.001 USD', { budget: { amount: '1.001', currency: 'USD' } }, { path: 'budget.amount' }],
    ['a negative budget', { budget: { amount: '-0.01', currency: 'USD' } }, { path: 'budget.amount' }],
    ['no member states', { memberStates: [] }, { path: 'memberStates' }],
  ];

  it.each(cases)('with %s returns 400 VALIDATION_FAILED and changes nothing', async (_label, body, expected) => {
    const { project } = await world();
    const patch = 'version' in body || Object.keys(body).length === 0 ? body : { version: project.version, ...body };
    await expectValidationFailed(app.db, () => manager.patch(`/projects/${project.id}`, patch), expected);
  });

  it('changing only endYear to before the stored startYear returns 400 on endYear (the merged record is checked)', async () => {
    const { project } = await world({ startYear: 2025, endYear: 2027 });
    await expectValidationFailed(app.db, () => manager.patch(`/projects/${project.id}`, { version: project.version, endYear: 2024 }), {
      path: 'endYear',
    });
  });

  it('changing only startYear to after the stored endYear returns 400 on endYear', async () => {
    const { project } = await world({ startYear: 2025, endYear: 2027 });
    await expectValidationFailed(app.db, () => manager.patch(`/projects/${project.id}`, { version: project.version, startYear: 2028 }), {
      path: 'endYear',
    });
  });

  it('changing only plannedEnd to before the stored plannedStart returns 400 on plannedEnd', async () => {
    const { project } = await world({ startYear: 2025, endYear: 2025, plannedStart: '2025-06-01', plannedEnd: '2025-12-31' });
    const res = await expectValidationFailed(
      app.db,
      () => manager.patch(`/projects/${project.id}`, { version: project.version, plannedEnd: '2025-05-31' }),
      { path: 'plannedEnd' },
    );
    expect(issuesOf(res).find((i) => i.path === 'plannedEnd')?.message).toMatch(/before/i);
  });

  it('changing only plannedStart to after the stored plannedEnd returns 400 on plannedEnd', async () => {
    const { project } = await world({ startYear: 2025, endYear: 2025, plannedStart: '2025-06-01', plannedEnd: '2025-07-31' });
    await expectValidationFailed(app.db, () => manager.patch(`/projects/${project.id}`, { version: project.version, plannedStart: '2025-08-01' }), {
      path: 'plannedEnd',
    });
  });

  it('a valid one-field change of the same project is accepted (the refusals above are about the fault)', async () => {
    const { project } = await world({ startYear: 2025, endYear: 2027 });
    const res = await manager.patch(`/projects/${project.id}`, { version: project.version, endYear: 2025 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.endYear).toBe(2025);
  });
});

describe('POST /projects/:id/activities body validation', () => {
  const cases: [string, Record<string, unknown>, ExpectedIssue][] = [
    ['percentComplete 101', { percentComplete: 101 }, { path: 'percentComplete' }],
    ['percentComplete -1', { percentComplete: -1 }, { path: 'percentComplete' }],
    ['a fractional percentComplete', { percentComplete: 50.5 }, { path: 'percentComplete' }],
    ['a string outcomeId', { outcomeId: '1' }, { path: 'outcomeId' }],
    ['an unknown kind', { kind: 'party' }, { path: 'kind' }],
    ['an unknown status', { status: 'done' }, { path: 'status' }],
    ['a number for title', { title: 42 }, { path: 'title' }],
    ['an unknown field', { budget: 10 }, { unknown: 'budget' }],
    ['a read-only field (projectId)', { projectId: 1 }, { unknown: 'projectId' }],
    ['a day that does not exist (2026-02-30)', { plannedStart: '2026-02-30' }, { path: 'plannedStart' }],
    ['a date with slashes (2026/01/01)', { plannedEnd: '2026/01/01' }, { path: 'plannedEnd' }],
    ['planned end before planned start', { plannedStart: '2026-03-01', plannedEnd: '2026-02-28' }, { path: 'plannedEnd' }],
    ['actual end before actual start', { actualStart: '2026-03-01', actualEnd: '2026-02-01' }, { path: 'actualEnd' }],
    ['an actual end without an actual start', { actualEnd: '2026-02-01' }, { path: 'actualStart' }],
    [
      'a negative participant count',
      { participants: { women: -1, men: null, government: null, diaspora: null, civilSociety: null, international: null } },
      { path: 'participants.women' },
    ],
    [
      'an unknown participant group',
      {
        participants: { women: 1, men: 1, government: null, diaspora: null, civilSociety: null, international: null, children: 3 },
      },
      { unknown: 'children' },
    ],
  ];

  it.each(cases)('with %s returns 400 VALIDATION_FAILED naming the field and writes nothing', async (_label, overrides, expected) => {
    const { project, outcome } = await world();
    await expectValidationFailed(
      app.db,
      () => manager.post(`/projects/${project.id}/activities`, { outcomeId: outcome.id, kind: 'study_tour', title: 'Tour', ...overrides }),
      expected,
    );
  });

  it('with an outcome of another project returns 400 on outcomeId and writes nothing', async () => {
    const { project } = await world();
    const other = await world();
    await expectValidationFailed(
      app.db,
      () => manager.post(`/projects/${project.id}/activities`, { outcomeId: other.outcome.id, kind: 'other', title: 'Elsewhere' }),
      { path: 'outcomeId' },
    );
  });

  it('the same body without the fault is accepted', async () => {
    const { project, outcome } = await world();
    const res = await manager.post(`/projects/${project.id}/activities`, {
      outcomeId: outcome.id,
      kind: 'study_tour',
      title: 'Tour',
      percentComplete: 100,
      plannedStart: '2026-02-28',
      plannedEnd: '2026-02-28',
    });
    expect(res.status, res.text).toBe(201);
  });
});

describe('PATCH /activities/:id body validation', () => {
  const cases: [string, Record<string, unknown>, ExpectedIssue][] = [
    ['percentComplete 101', { percentComplete: 101 }, { path: 'percentComplete' }],
    ['an unknown status', { status: 'done' }, { path: 'status' }],
    ['an unknown field', { colour: 'red' }, { unknown: 'colour' }],
    ['a read-only field (projectId)', { projectId: 1 }, { unknown: 'projectId' }],
    ['a day that does not exist (2026-02-30)', { actualStart: '2026-02-30' }, { path: 'actualStart' }],
    ['a date with slashes (2026/01/01)', { plannedStart: '2026/01/01' }, { path: 'plannedStart' }],
    ['position 0', { position: 0 }, { path: 'position' }],
    ['a blank title', { title: '' }, { path: 'title' }],
    // The activity factory plans 2026-01-01 … 2026-03-31: one end moved past the other.
    ['only plannedEnd, before the stored plannedStart', { plannedEnd: '2025-12-31' }, { path: 'plannedEnd' }],
    ['only plannedStart, after the stored plannedEnd', { plannedStart: '2026-04-01' }, { path: 'plannedEnd' }],
    ['only actualEnd, with no actual start stored', { actualEnd: '2026-02-01' }, { path: 'actualStart' }],
  ];

  it.each(cases)('with %s returns 400 VALIDATION_FAILED and changes nothing', async (_label, body, expected) => {
    const { activity } = await world();
    await expectValidationFailed(app.db, () => manager.patch(`/activities/${activity.id}`, { version: activity.version, ...body }), expected);
  });

  it('without a version returns 400 on version and changes nothing', async () => {
    const { activity } = await world();
    await expectValidationFailed(app.db, () => manager.patch(`/activities/${activity.id}`, { title: 'No version' }), { path: 'version' });
  });

  it('only actualEnd before the stored actualStart returns 400 on actualEnd', async () => {
    const project = await makeProject(app.db, { memberIds: [managerId] });
    const outcome = await makeOutcome(app.db, project.id);
    const activity = await makeActivity(app.db, outcome, { actualStart: '2026-02-01', status: 'in_progress' });
    await expectValidationFailed(app.db, () => manager.patch(`/activities/${activity.id}`, { version: activity.version, actualEnd: '2026-01-31' }), {
      path: 'actualEnd',
    });
  });

  it('a valid one-field change is accepted (the refusals above are about the fault)', async () => {
    const { activity } = await world();
    const res = await manager.patch(`/activities/${activity.id}`, { version: activity.version, plannedEnd: '2026-01-01' });
    expect(res.status, res.text).toBe(200);
  });
});

describe('POST /activities/:id/comments body validation', () => {
  const cases: [string, Record<string, unknown>, ExpectedIssue][] = [
    ['an empty body', { body: '' }, { path: 'body' }],
    ['a blank body', { body: '  \n ' }, { path: 'body' }],
    ['a body of 5001 characters', { body: 'x'.repeat(5001) }, { path: 'body' }],
    ['a number for body', { body: 5 }, { path: 'body' }],
    ['no body field', {}, { path: 'body' }],
    ['an unknown field', { body: 'Fine', author: 1 }, { unknown: 'author' }],
  ];

  it.each(cases)('with %s returns 400 VALIDATION_FAILED and writes nothing', async (_label, body, expected) => {
    const { activity } = await world();
    await expectValidationFailed(app.db, () => manager.post(`/activities/${activity.id}/comments`, body), expected);
  });
});

describe('POST /users body validation', () => {
  const valid = () => ({
    email: `v-${Math.random().toString(36).slice(2, 10)}@example.test`,
    name: 'New Person',
    role: 'partner',
    password: 'a long enough passphrase',
  });
  const cases: [string, Record<string, unknown>, ExpectedIssue][] = [
    ['a malformed e-mail', { email: 'not-an-email' }, { path: 'email' }],
    ['a number for name', { name: 7 }, { path: 'name' }],
    ['an unknown role', { role: 'superuser' }, { path: 'role' }],
    ['a password under 12 characters', { password: 'short pass' }, { path: 'password' }],
    ['a common password', { password: 'qwerty123456' }, { path: 'password' }],
    ['a project id 0', { projectIds: [0] }, { path: 'projectIds.0' }],
    ['a string for projectIds', { projectIds: '1' }, { path: 'projectIds' }],
    ['an unknown field', { passwordHash: 'x' }, { unknown: 'passwordHash' }],
    ['a disabled flag (not settable on create)', { disabled: true }, { unknown: 'disabled' }],
  ];

  it.each(cases)('with %s returns 400 VALIDATION_FAILED and writes nothing', async (_label, overrides, expected) => {
    await expectValidationFailed(app.db, () => admin.post('/users', { ...valid(), ...overrides }), expected);
  });

  it('the same body without the fault is accepted', async () => {
    const res = await admin.post('/users', valid());
    expect(res.status, res.text).toBe(201);
  });
});
