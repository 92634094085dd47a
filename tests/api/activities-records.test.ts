import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeActivity, makeOutcome, makeOutput, makeProject } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { expectRejected } from './expect';

let app: TestApp;

let manager: ApiClient;

let partner: ApiClient;

let donor: ApiClient;

let outsider: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  const login = async (key: keyof typeof ids, role: 'manager' | 'partner' | 'donor') => {
    const { user, client } = await app.signInAs(role, { name: names[key] });
    ids[key] = user.id;
    return client;
  };
  manager = await login('manager', 'manager');
  partner = await login('partner', 'partner');
  donor = await login('donor', 'donor');
  outsider = await login('outsider', 'partner');
});

afterAll(() => app.close());

const ids = { manager: 0, partner: 0, donor: 0, outsider: 0 };

const names = { manager: 'Farrukh Manager', partner: 'Dilnoza Partner', donor: 'Jonas Donor', outsider: 'Outside Partner' };

const EMPTY_PARTICIPANTS = { women: null, men: null, government: null, diaspora: null, civilSociety: null, international: null };

/** A project the manager, partner and donor belong to, with two outcomes made through the API. */
async function world() {
  const project = await makeProject(app.db, { memberIds: [ids.manager, ids.partner, ids.donor] });
  const o1 = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'Outcome one' })).body as {
    id: number;
    projectId: number;
    version: number;
  };
  const o2 = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'Outcome two' })).body as {
    id: number;
    projectId: number;
    version: number;
  };
  const create = async (outcomeId: number, extra: Record<string, unknown> = {}) => {
    const res = await manager.post(`/projects/${project.id}/activities`, { outcomeId, kind: 'national_forum', title: 'Forum', ...extra });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: number; version: number; position: number; outcomeId: number; outputId: number | null };
  };
  return { project, o1, o2, create };
}

const listIds = async (path: string) => {
  const res = await manager.get(path);
  expect(res.status, res.text).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items.map((a: { id: number }) => a.id);
};

describe('POST /projects/:id/activities', () => {
  it('creates an activity with the defaults, appended to its outcome, and writes one audit row', async () => {
    const { project, o1, create } = await world();
    const first = await create(o1.id);
    const res = await manager.post(`/projects/${project.id}/activities`, { outcomeId: o1.id, kind: 'study_tour', title: '  Study tour  ' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      projectId: project.id,
      outcomeId: o1.id,
      outputId: null,
      kind: 'study_tour',
      title: 'Study tour',
      description: '',
      status: 'planned',
      plannedStart: null,
      plannedEnd: null,
      actualStart: null,
      actualEnd: null,
      percentComplete: 0,
      location: '',
      responsible: '',
      participants: EMPTY_PARTICIPANTS,
      participantsSource: 'entered',
      attendeeCount: 0,
      notes: '',
      position: first.position + 1,
      illustrative: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(first.position).toBe(1);
    expect((await manager.get(`/activities/${res.body.id}`)).body).toEqual(res.body);
    const audit = await auditRows(app.db, 'activity', res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', user_id: ids.manager, project_id: project.id, before: null, after: res.body });
  });

  it('with an output of another outcome returns 400 on outputId and writes nothing', async () => {
    const { project, o1, o2 } = await world();
    const outputOfO2 = (await manager.post(`/outcomes/${o2.id}/outputs`, { title: 'Under two' })).body;
    const res = await expectRejected(
      app.db,
      () => manager.post(`/projects/${project.id}/activities`, { outcomeId: o1.id, outputId: outputOfO2.id, kind: 'other', title: 'X' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['outputId']);
  });

  it('by a partner or donor member returns 403, by a non-member 404, and writes nothing', async () => {
    const { project, o1 } = await world();
    const body = { outcomeId: o1.id, kind: 'other', title: 'X' };
    await expectRejected(app.db, () => partner.post(`/projects/${project.id}/activities`, body), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => donor.post(`/projects/${project.id}/activities`, body), 403, 'FORBIDDEN');
    const other = await makeProject(app.db);
    const otherOutcome = await makeOutcome(app.db, other.id);
    await expectRejected(app.db, () => manager.post(`/projects/${other.id}/activities`, { ...body, outcomeId: otherOutcome.id }), 404, 'NOT_FOUND');
  });
});

describe('GET /projects/:id/activities', () => {
  it('lists by outcome position, then activity position; reordering outcomes reorders the list', async () => {
    const { project, o1, o2, create } = await world();
    const b1 = await create(o2.id);
    const a1 = await create(o1.id);
    const b2 = await create(o2.id);
    const a2 = await create(o1.id);
    expect(await listIds(`/projects/${project.id}/activities`)).toEqual([a1.id, a2.id, b1.id, b2.id]);
    expect((await manager.patch(`/outcomes/${o2.id}`, { version: o2.version, position: 1 })).status).toBe(200);
    expect(await listIds(`/projects/${project.id}/activities`)).toEqual([b1.id, b2.id, a1.id, a2.id]);
  });

  it('filters by outcomeId, status and kind, and lists nothing of other projects', async () => {
    const { project, o1, o2, create } = await world();
    const forum = await create(o1.id, { status: 'in_progress' });
    const tour = await create(o1.id, { kind: 'study_tour' });
    const mapping = await create(o2.id, { kind: 'diaspora_mapping', status: 'completed', actualStart: '2026-01-01', actualEnd: '2026-01-02' });
    const elsewhere = await makeProject(app.db, { memberIds: [ids.manager] });
    await makeActivity(app.db, await makeOutcome(app.db, elsewhere.id));
    const base = `/projects/${project.id}/activities`;
    expect(await listIds(base)).toEqual([forum.id, tour.id, mapping.id]);
    expect(await listIds(`${base}?outcomeId=${o2.id}`)).toEqual([mapping.id]);
    expect(await listIds(`${base}?status=in_progress`)).toEqual([forum.id]);
    expect(await listIds(`${base}?kind=study_tour`)).toEqual([tour.id]);
    expect(await listIds(`${base}?kind=national_forum&status=planned`)).toEqual([]);
    expect(await listIds(`${base}?outcomeId=${o1.id}&status=planned`)).toEqual([tour.id]);
  });

  it('for a non-member returns 404 NOT_FOUND with no data', async () => {
    const { project, o1, create } = await world();
    await create(o1.id, { title: 'Hidden activity title' });
    const res = await outsider.get(`/projects/${project.id}/activities`);
    expect(res).toBeRejectedWith(404, 'NOT_FOUND');
    expect(res.text).not.toContain('Hidden activity title');
  });
});

describe('PATCH /activities/:id and its history', () => {
  it('a status change with a note shows in GET /activities/:id/history, newest first, with who, what and why', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    const res = await manager.patch(`/activities/${activity.id}`, { version: activity.version, status: 'in_progress', note: 'Venue booked' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_progress', version: activity.version + 1 });

    const history = await partner.get(`/activities/${activity.id}/history`);
    expect(history.status, history.text).toBe(200);
    expect(history.body).toEqual({
      items: [
        {
          id: expect.any(Number),
          at: expect.any(String),
          user: { id: ids.manager, name: names.manager },
          action: 'update',
          changes: [{ field: 'status', from: 'planned', to: 'in_progress' }],
          note: 'Venue booked',
        },
        {
          id: expect.any(Number),
          at: expect.any(String),
          user: { id: ids.manager, name: names.manager },
          action: 'create',
          changes: [],
          note: null,
        },
      ],
      total: 2,
    });
    expect(history.body.items[0].id).toBeGreaterThan(history.body.items[1].id);
  });

  it('a participant count change appears in the history as participants.women', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    const res = await manager.patch(`/activities/${activity.id}`, {
      version: activity.version,
      participants: { ...EMPTY_PARTICIPANTS, women: 12, men: 9 },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.participants).toEqual({ ...EMPTY_PARTICIPANTS, women: 12, men: 9 });
    const [latest] = (await manager.get(`/activities/${activity.id}/history`)).body.items;
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        { field: 'participants.women', from: null, to: 12 },
        { field: 'participants.men', from: null, to: 9 },
      ]),
    );
    expect(latest.changes).toHaveLength(2);
    expect(latest.note).toBeNull();
  });

  it('moving an activity to another outcome clears its output, appends it there and closes the gap it left', async () => {
    const { project, o1, o2, create } = await world();
    const output = (await manager.post(`/outcomes/${o1.id}/outputs`, { title: 'Output' })).body;
    const first = await create(o1.id, { outputId: output.id });
    const second = await create(o1.id);
    const third = await create(o1.id);
    const there = await create(o2.id);

    const res = await manager.patch(`/activities/${first.id}`, { version: first.version, outcomeId: o2.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ outcomeId: o2.id, outputId: null, position: 2 });
    const positions = async (outcomeId: number) =>
      (await manager.get(`/projects/${project.id}/activities?outcomeId=${outcomeId}`)).body.items.map((a: { id: number; position: number }) => [
        a.id,
        a.position,
      ]);
    expect(await positions(o2.id)).toEqual([
      [there.id, 1],
      [first.id, 2],
    ]);
    expect(await positions(o1.id)).toEqual([
      [second.id, 1],
      [third.id, 2],
    ]);
    const [latest] = (await manager.get(`/activities/${first.id}/history`)).body.items;
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        { field: 'outcomeId', from: o1.id, to: o2.id },
        { field: 'outputId', from: output.id, to: null },
      ]),
    );
  });

  it('an outputId of another outcome (with the outcome given) returns 400 on outputId and changes nothing', async () => {
    const { o1, o2, create } = await world();
    const outputOfO2 = (await manager.post(`/outcomes/${o2.id}/outputs`, { title: 'Under two' })).body;
    const activity = await create(o1.id);
    const res = await expectRejected(
      app.db,
      () => manager.patch(`/activities/${activity.id}`, { version: activity.version, outcomeId: o1.id, outputId: outputOfO2.id }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['outputId']);
  });

  it('an outcome or output of another project returns 400 and changes nothing', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    const foreignOutcome = await makeOutcome(app.db, (await makeProject(app.db, { memberIds: [ids.manager] })).id);
    const foreignOutput = await makeOutput(app.db, foreignOutcome);
    await expectRejected(
      app.db,
      () => manager.patch(`/activities/${activity.id}`, { version: activity.version, outcomeId: foreignOutcome.id }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      app.db,
      () => manager.patch(`/activities/${activity.id}`, { version: activity.version, outputId: foreignOutput.id }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      app.db,
      () => manager.patch(`/activities/${activity.id}`, { version: activity.version, outputId: 999_999_999 }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a position moves the activity among its outcome’s activities, renumbering 1..n', async () => {
    const { project, o1, create } = await world();
    const a = await create(o1.id);
    const b = await create(o1.id);
    const c = await create(o1.id);
    const res = await manager.patch(`/activities/${c.id}`, { version: c.version, position: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.position).toBe(1);
    const items = (await manager.get(`/projects/${project.id}/activities?outcomeId=${o1.id}`)).body.items;
    expect(items.map((x: { id: number; position: number }) => [x.id, x.position])).toEqual([
      [c.id, 1],
      [a.id, 2],
      [b.id, 3],
    ]);
    // Only the moved activity was edited.
    expect(items.find((x: { id: number }) => x.id === a.id).version).toBe(a.version);
  });

  it('with a stale version returns 409 VERSION_CONFLICT with the current record and changes nothing', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    expect((await manager.patch(`/activities/${activity.id}`, { version: activity.version, title: 'First' })).status).toBe(200);
    const res = await expectRejected(
      app.db,
      () => manager.patch(`/activities/${activity.id}`, { version: activity.version, title: 'Second' }),
      409,
      'VERSION_CONFLICT',
    );
    const current = (await manager.get(`/activities/${activity.id}`)).body;
    expect(res.body.error.details).toEqual({ current });
    expect(current).toMatchObject({ title: 'First', version: activity.version + 1 });
  });

  it('by a partner or donor member returns 403 and by a non-member 404, changing nothing', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    const body = { version: activity.version, status: 'cancelled' };
    await expectRejected(app.db, () => partner.patch(`/activities/${activity.id}`, body), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => donor.patch(`/activities/${activity.id}`, body), 403, 'FORBIDDEN');
    const res = await expectRejected(app.db, () => outsider.get(`/activities/${activity.id}`), 404, 'NOT_FOUND');
    expect(res.body.error.details).toBeUndefined();
    await expectRejected(app.db, () => outsider.get(`/activities/${activity.id}/history`), 404, 'NOT_FOUND');
  });
});
