import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween, todayIso } from '@shared/calc/dates';
import { DependencyCheckSchema, MilestoneSchema, SubEventListSchema, TimelineSchema } from '@shared/schemas/timeline';
import { auditRows, makeActivity, makeDependency, makeMilestone, makeOutcome, makeOutput, makeProject, makeSubEvent } from '../factories';
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

const people = (
  women: number | null,
  men: number | null,
  government: number | null,
  diaspora: number | null,
  civilSociety: number | null,
  international: number | null,
) => ({
  women,
  men,
  government,
  diaspora,
  civilSociety,
  international,
});

/** Outcome 1 with output 1.1 (a: Jan–Mar, b: Apr–May), outcome 2 with c directly under it (Jun). */
async function world() {
  const project = await makeProject(app.db, {
    memberIds: [ids.manager, ids.partner, ids.donor],
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    startYear: 2026,
    endYear: 2026,
  });
  const o1 = await makeOutcome(app.db, project.id, { position: 1 });
  const o2 = await makeOutcome(app.db, project.id, { position: 2 });
  const output = await makeOutput(app.db, o1, { position: 1 });
  const a = await makeActivity(app.db, o1, { outputId: output.id, plannedStart: '2026-01-01', plannedEnd: '2026-03-31', position: 1 });
  const b = await makeActivity(app.db, o1, { outputId: output.id, plannedStart: '2026-04-01', plannedEnd: '2026-05-31', position: 2 });
  const c = await makeActivity(app.db, o2, { plannedStart: '2026-06-01', plannedEnd: '2026-06-30', position: 1 });
  return { project, o1, o2, output, a, b, c };
}

describe('GET /projects/:id/timeline', () => {
  it('answers activities grouped by outcome and output with flags, milestones, sub-events and dependencies', async () => {
    const w = await world();
    const today = todayIso();
    await makeMilestone(app.db, w.project.id, { title: 'Final report', dueDate: '2027-02-28' });
    await makeMilestone(app.db, w.project.id, {
      activityId: w.a.id,
      title: 'Mapping report published',
      dueDate: '2026-03-31',
      doneDate: '2026-04-10',
    });
    await makeSubEvent(app.db, w.c, { date: '2026-06-05', participantsWomen: 3, participantsMen: 4 });
    await makeSubEvent(app.db, w.c, { date: '2026-06-20', participantsWomen: 5, participantsMen: null });
    await makeDependency(app.db, w.a, w.b);
    // Long past its planned end and never started: overdue, slipping day by day.
    const late = await makeActivity(app.db, w.o2, { plannedStart: '2020-01-01', plannedEnd: '2020-01-31', position: 2 });

    const res = await donor.get(`/projects/${w.project.id}/timeline`);
    expect(res.status, res.text).toBe(200);
    const body = TimelineSchema.parse(res.body);
    expect(body.today).toBe(today);
    expect(body.span).toEqual({ start: '2020-01-01', end: '2027-02-28' });
    expect(body.groups.map((g) => [g.outcome.code, g.outputs.map((o) => o.output.code), g.activities.map((x) => x.id)])).toEqual([
      ['1', ['1.1'], []],
      ['2', [], [w.c.id, late.id]],
    ]);
    const [a, b] = body.groups[0]?.outputs[0]?.activities ?? [];
    expect([a?.id, b?.id]).toEqual([w.a.id, w.b.id]);
    expect(a?.milestones).toEqual([expect.objectContaining({ title: 'Mapping report published', status: 'done_late' })]);
    const c = body.groups[1]?.activities[0];
    expect(c?.subEvents.map((s) => s.date)).toEqual(['2026-06-05', '2026-06-20']);
    expect(c).toMatchObject({ participantsFromSubEvents: true, participants: people(8, 4, null, null, null, null) });
    expect(body.milestones).toEqual([expect.objectContaining({ title: 'Final report', activityId: null })]);
    expect(body.dependencies).toEqual([
      { id: expect.any(Number), projectId: w.project.id, from: w.a.id, to: w.b.id, type: 'finish_to_start', broken: false },
    ]);
    expect(body.groups[1]?.activities[1]).toMatchObject({
      flag: 'overdue',
      startSlippageDays: daysBetween('2020-01-01', today),
      finishSlippageDays: daysBetween('2020-01-31', today),
    });
  });

  it('is readable by partners and donors and hidden from non-members (404)', async () => {
    const w = await world();
    expect((await partner.get(`/projects/${w.project.id}/timeline`)).status).toBe(200);
    expect((await outsider.get(`/projects/${w.project.id}/timeline`)).status).toBe(404);
  });
});

describe('dependencies', () => {
  it('creates a finish-to-start dependency and lists it', async () => {
    const w = await world();
    const res = await manager.post(`/projects/${w.project.id}/dependencies`, { from: w.a.id, to: w.b.id });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number), projectId: w.project.id, from: w.a.id, to: w.b.id, type: 'finish_to_start', broken: false });
    expect((await donor.get(`/projects/${w.project.id}/dependencies`)).body).toEqual({ items: [res.body], total: 1, broken: 0 });
    expect((await auditRows(app.db, 'activity_dependency', res.body.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('refuses a dependency that closes a cycle, naming it, and writes nothing', async () => {
    const w = await world();
    await makeDependency(app.db, w.a, w.b);
    await makeDependency(app.db, w.b, w.c);
    const res = await expectRejected(
      app.db,
      () => manager.post(`/projects/${w.project.id}/dependencies`, { from: w.c.id, to: w.a.id }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.cycle).toEqual([w.c.id, w.a.id, w.b.id, w.c.id]);
    expect(res.body.error.details.rule).toEqual({ code: 'dependency.cycle', params: { cycle: [w.c.id, w.a.id, w.b.id, w.c.id].join(' → ') } });
    await expectRejected(
      app.db,
      () => manager.post(`/projects/${w.project.id}/dependencies`, { from: w.a.id, to: w.a.id }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses links across projects (400), duplicates (409), and edits by partners (403) or non-members (404)', async () => {
    const w = await world();
    const other = await world();
    const cross = await expectRejected(
      app.db,
      () => manager.post(`/projects/${w.project.id}/dependencies`, { from: w.a.id, to: other.b.id }),
      400,
      'VALIDATION_FAILED',
    );
    expect(cross.body.error.details.issues).toEqual([
      { path: 'to', code: 'ref.not_project_activity', params: {}, message: 'Not an activity of this project' },
    ]);
    await makeDependency(app.db, w.a, w.b);
    await expectRejected(app.db, () => manager.post(`/projects/${w.project.id}/dependencies`, { from: w.a.id, to: w.b.id }), 409, 'CONFLICT');
    await expectRejected(app.db, () => partner.post(`/projects/${w.project.id}/dependencies`, { from: w.b.id, to: w.c.id }), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => outsider.post(`/projects/${w.project.id}/dependencies`, { from: w.b.id, to: w.c.id }), 404, 'NOT_FOUND');
  });

  it('warns after a date change that breaks a dependency, which the PATCH itself still saves', async () => {
    const w = await world();
    const dep = await makeDependency(app.db, w.a, w.b);
    // Before saving: would moving b to start in March break anything?
    const preview = await donor.get(`/activities/${w.b.id}/dependencies?plannedStart=2026-03-15`);
    expect(preview.status, preview.text).toBe(200);
    expect(DependencyCheckSchema.parse(preview.body).broken.map((d) => d.id)).toEqual([dep.id]);
    expect((await donor.get(`/activities/${w.b.id}/dependencies?plannedStart=2026-03-31`)).body.broken).toEqual([]);

    // a runs late: its new end passes b's start. The PATCH succeeds as before.
    const patched = await manager.patch(`/activities/${w.a.id}`, { version: 1, plannedEnd: '2026-04-20' });
    expect(patched.status, patched.text).toBe(200);
    const check = await manager.get(`/activities/${w.a.id}/dependencies`);
    expect(check.body).toEqual({
      activityId: w.a.id,
      items: [expect.objectContaining({ id: dep.id, from: w.a.id, to: w.b.id, broken: true })],
      broken: [expect.objectContaining({ id: dep.id })],
    });
    const timeline = await manager.get(`/projects/${w.project.id}/timeline`);
    expect(timeline.body.dependencies).toEqual([expect.objectContaining({ id: dep.id, broken: true })]);
    expect((await manager.get(`/projects/${w.project.id}/dependencies`)).body.broken).toBe(1);
    // An actual start after the predecessor's end mends it.
    await manager.patch(`/activities/${w.b.id}`, { version: 1, actualStart: '2026-04-21', status: 'in_progress' });
    expect((await manager.get(`/activities/${w.a.id}/dependencies`)).body.broken).toEqual([]);
  });

  it('deletes a dependency, and removes it with its activity', async () => {
    const w = await world();
    const dep = await makeDependency(app.db, w.a, w.b);
    await expectRejected(app.db, () => donor.delete(`/dependencies/${dep.id}`), 403, 'FORBIDDEN');
    expect((await manager.delete(`/dependencies/${dep.id}`)).status).toBe(204);
    expect((await manager.delete(`/dependencies/${dep.id}`)).status).toBe(404);
    await makeDependency(app.db, w.b, w.c);
    expect((await manager.delete(`/activities/${w.c.id}?version=1`)).status).toBe(204);
    expect((await manager.get(`/projects/${w.project.id}/dependencies`)).body.total).toBe(0);
  });
});

describe('milestones', () => {
  it('creates, updates with its version and deletes a milestone of an activity', async () => {
    const w = await world();
    const created = await manager.post(`/projects/${w.project.id}/milestones`, {
      activityId: w.a.id,
      kind: 'deliverable',
      title: 'Action Plan adopted by the Government',
      dueDate: '2026-10-31',
    });
    expect(created.status, created.text).toBe(201);
    expect(MilestoneSchema.parse(created.body)).toEqual(created.body);
    expect(created.body).toMatchObject({ activityId: w.a.id, kind: 'deliverable', doneDate: null, evidenceNote: '', version: 1 });
    const done = await manager.patch(`/milestones/${created.body.id}`, { version: 1, doneDate: '2026-11-05', evidenceNote: 'Decree No. 12' });
    expect(done.body).toMatchObject({ doneDate: '2026-11-05', evidenceNote: 'Decree No. 12', status: 'done_late', version: 2 });
    const stale = await expectRejected(
      app.db,
      () => manager.patch(`/milestones/${created.body.id}`, { version: 1, title: 'X' }),
      409,
      'VERSION_CONFLICT',
    );
    expect(stale.body.error.details.current).toMatchObject({ version: 2 });
    const list = await donor.get(`/projects/${w.project.id}/milestones?activityId=${w.a.id}`);
    expect(list.body).toEqual({ items: [done.body], total: 1 });
    expect((await manager.delete(`/milestones/${created.body.id}?version=2`)).status).toBe(204);
    expect((await auditRows(app.db, 'milestone', created.body.id)).map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses impossible dates, activities of other projects, and writes by donors', async () => {
    const w = await world();
    const other = await world();
    await expectRejected(
      app.db,
      () => manager.post(`/projects/${w.project.id}/milestones`, { title: 'M', dueDate: '2026-02-29' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      app.db,
      () => manager.post(`/projects/${w.project.id}/milestones`, { title: 'M', dueDate: '2026-02-28', activityId: other.a.id }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(app.db, () => donor.post(`/projects/${w.project.id}/milestones`, { title: 'M', dueDate: '2026-02-28' }), 403, 'FORBIDDEN');
    await expectRejected(
      app.db,
      () => outsider.post(`/projects/${w.project.id}/milestones`, { title: 'M', dueDate: '2026-02-28' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('sub-events', () => {
  it('roll their participants up into the activity, field by field', async () => {
    const w = await world();
    await rawRun(app.db, 'UPDATE activities SET participants_women = 99, participants_men = 99 WHERE id = ?', w.c.id);
    const own = await partner.get(`/activities/${w.c.id}/sub-events`);
    expect(own.body).toMatchObject({ total: 0, participantsFromSubEvents: false, participants: people(99, 99, null, null, null, null) });

    const first = await manager.post(`/activities/${w.c.id}/sub-events`, {
      title: 'Seminar 1',
      date: '2026-06-05',
      place: 'Dushanbe',
      participants: people(10, 12, 15, 2, 4, 1),
    });
    expect(first.status, first.text).toBe(201);
    await manager.post(`/activities/${w.c.id}/sub-events`, { title: 'Seminar 2', date: '2026-06-19', participants: people(8, null, 5, null, 3, 0) });
    const rolled = await partner.get(`/activities/${w.c.id}/sub-events`);
    expect(SubEventListSchema.parse(rolled.body)).toEqual(rolled.body);
    expect(rolled.body).toMatchObject({ total: 2, participantsFromSubEvents: true, participants: people(18, 12, 20, 2, 7, 1) });

    const moved = await manager.patch(`/sub-events/${first.body.id}`, { version: 1, participants: people(11, 12, 16, 2, 4, 1) });
    expect(moved.status, moved.text).toBe(200);
    expect((await partner.get(`/activities/${w.c.id}/sub-events`)).body.participants).toEqual(people(19, 12, 21, 2, 7, 1));
  });

  it('refuses an end before the date (also on update), impossible dates and writes by partners', async () => {
    const w = await world();
    await expectRejected(
      app.db,
      () => manager.post(`/activities/${w.a.id}/sub-events`, { title: 'Leg 1', date: '2026-03-10', endDate: '2026-03-09' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      app.db,
      () => manager.post(`/activities/${w.a.id}/sub-events`, { title: 'Leg 1', date: '2026-13-01' }),
      400,
      'VALIDATION_FAILED',
    );
    const event = await makeSubEvent(app.db, w.a, { date: '2026-03-10' });
    await expectRejected(app.db, () => manager.patch(`/sub-events/${event.id}`, { version: 1, endDate: '2026-03-01' }), 400, 'VALIDATION_FAILED');
    await expectRejected(app.db, () => partner.post(`/activities/${w.a.id}/sub-events`, { title: 'Leg 1', date: '2026-03-10' }), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => partner.delete(`/sub-events/${event.id}?version=1`), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => outsider.get(`/activities/${w.a.id}/sub-events`), 404, 'NOT_FOUND');
    expect((await manager.delete(`/sub-events/${event.id}?version=1`)).status).toBe(204);
  });
});
