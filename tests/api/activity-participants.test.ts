import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { ActivityListSchema, ActivitySchema } from '@shared/schemas/activity';
import { DashboardSchema, ReportDetailSchema } from '@shared/schemas/report';
import { SubEventListSchema, TimelineSchema } from '@shared/schemas/timeline';
import { makeActivity, makeAttendance, makeOutcome, makePerson, makeProject, makeReport, makeSubEvent } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { queriesSent } from './statements-support';

let app: TestApp;
let as: Record<Role, ApiClient>;
let ids: Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  ({ clients: as, ids } = await app.signInEach(EVERY_ROLE));
});
afterAll(() => app.close());

const ENTERED = {
  participantsWomen: 40,
  participantsMen: 60,
  participantsGovernment: 30,
  participantsDiaspora: 50,
  participantsCivilSociety: 15,
  participantsInternational: 5,
};
const enteredCounts = { women: 40, men: 60, government: 30, diaspora: 50, civilSociety: 15, international: 5 };

/**
 * A forum with entered counts and a series with two events (entered counts too), five
 * registry people: two women (diaspora, government), two men (diaspora, civil society)
 * and one of unstated sex and group.
 */
async function world() {
  const project = await makeProject(app.db, { memberIds: Object.values(ids) });
  const outcome = await makeOutcome(app.db, project.id);
  const forum = await makeActivity(app.db, outcome, { title: 'Forum', ...ENTERED });
  const series = await makeActivity(app.db, outcome, { title: 'Series', kind: 'trust_building_series', ...ENTERED });
  const first = await makeSubEvent(app.db, series, { date: '2026-02-10', participantsWomen: 7, participantsMen: 8 });
  const second = await makeSubEvent(app.db, series, { date: '2026-03-10', participantsWomen: 1, participantsMen: 2 });
  const p = {
    aziza: await makePerson(app.db, project.id, { sex: 'female', group: 'diaspora' }),
    gulnora: await makePerson(app.db, project.id, { sex: 'female', group: 'government' }),
    rustam: await makePerson(app.db, project.id, { sex: 'male', group: 'diaspora' }),
    anvar: await makePerson(app.db, project.id, { sex: 'male', group: 'civil_society' }),
    sino: await makePerson(app.db, project.id, { sex: 'not_stated', group: null }),
  };
  return { project, outcome, forum, series, first, second, p };
}

describe('participant counts of an activity', () => {
  it('are the entered counts, marked so, while the activity has no attendance', async () => {
    const { forum } = await world();
    const res = await as.donor.get(`/activities/${forum.id}`);
    expect(res.status, res.text).toBe(200);
    expect(ActivitySchema.parse(res.body)).toMatchObject({ participants: enteredCounts, participantsSource: 'entered', attendeeCount: 0 });
  });

  it('come from attendance once there is any: unique people over the activity and its events, by sex and group, for every role', async () => {
    const { series, first, second, p } = await world();
    await makeAttendance(app.db, series, p.aziza.id);
    await makeAttendance(app.db, series, p.aziza.id, { subEventId: first.id });
    await makeAttendance(app.db, series, p.rustam.id, { subEventId: first.id });
    await makeAttendance(app.db, series, p.rustam.id, { subEventId: second.id });
    await makeAttendance(app.db, series, p.sino.id, { subEventId: second.id });
    const expected = {
      participants: { women: 1, men: 1, government: 0, diaspora: 2, civilSociety: 0, international: 0 },
      participantsSource: 'attendance',
      attendeeCount: 3,
    };
    for (const role of ['admin', 'manager', 'partner', 'donor'] as const) {
      const res = await as[role].get(`/activities/${series.id}`);
      expect(res.status, `${role}: ${res.text}`).toBe(200);
      expect(res.body, role).toMatchObject(expected);
    }
    // The same figures the attendance panel computes.
    const panel = (await as.donor.get(`/activities/${series.id}/attendance`)).body.counts;
    expect(panel.participants).toEqual(expected.participants);
    expect(panel.uniquePeople).toBe(expected.attendeeCount);
  });

  it('keep counting an erased person (sex and group are kept), and return to the entered counts when the last attendance goes', async () => {
    const { forum, p } = await world();
    const row = await makeAttendance(app.db, forum, p.gulnora.id);
    expect((await as.manager.post(`/registry/people/${p.gulnora.id}/erase`, { version: 1, confirm: true })).status).toBe(200);
    expect((await as.donor.get(`/activities/${forum.id}`)).body).toMatchObject({
      participants: { women: 1, men: 0, government: 1 },
      participantsSource: 'attendance',
      attendeeCount: 1,
    });
    expect((await as.manager.delete(`/attendance/${row.id}`)).status).toBe(204);
    expect((await as.donor.get(`/activities/${forum.id}`)).body).toMatchObject({
      participants: enteredCounts,
      participantsSource: 'entered',
      attendeeCount: 0,
    });
  });

  it('GET /projects/:id/activities marks each activity with its own source', async () => {
    const { project, forum, series, first, p } = await world();
    await makeAttendance(app.db, series, p.anvar.id, { subEventId: first.id });
    await makeAttendance(app.db, series, p.gulnora.id, { subEventId: first.id });
    const res = await as.partner.get(`/projects/${project.id}/activities`);
    expect(res.status, res.text).toBe(200);
    const byId = new Map(ActivityListSchema.parse(res.body).items.map((a) => [a.id, a]));
    expect(byId.get(forum.id)).toMatchObject({ participants: enteredCounts, participantsSource: 'entered', attendeeCount: 0 });
    expect(byId.get(series.id)).toMatchObject({
      participants: { women: 1, men: 1, government: 1, diaspora: 0, civilSociety: 1, international: 0 },
      participantsSource: 'attendance',
      attendeeCount: 2,
    });
  });

  it('GET /projects/:id/activities counts attendance with one query for the whole list, however many activities', async () => {
    const statementsFor = async (activityCount: number) => {
      const project = await makeProject(app.db, { memberIds: [ids.manager] });
      const outcome = await makeOutcome(app.db, project.id);
      for (let i = 0; i < activityCount; i++) {
        const activity = await makeActivity(app.db, outcome);
        await makeAttendance(app.db, activity, (await makePerson(app.db, project.id)).id);
      }
      const seen = await queriesSent(app.db, async () => {
        const res = await as.manager.get(`/projects/${project.id}/activities`);
        expect(res.body.items.every((a: { participantsSource: string }) => a.participantsSource === 'attendance')).toBe(true);
      });
      return seen.filter((sql) => /\battendance\b/.test(sql)).length;
    };
    const few = await statementsFor(2);
    expect(few).toBe(1);
    expect(await statementsFor(12)).toBe(few);
  });
});

describe('entered counts while attendance exists', () => {
  it('PATCH /activities/:id refuses participants (409) and changes nothing; other fields still save', async () => {
    const { forum, p } = await world();
    await makeAttendance(app.db, forum, p.aziza.id);
    const before = await databaseDigest(app.db);
    const refused = await as.manager.patch(`/activities/${forum.id}`, { version: 1, participants: { ...enteredCounts, women: 41 } });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { issues: [{ path: 'participants' }] } });
    expect(await databaseDigest(app.db)).toBe(before);
    const saved = await as.manager.patch(`/activities/${forum.id}`, { version: 1, status: 'in_progress' });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ status: 'in_progress', participantsSource: 'attendance', attendeeCount: 1 });
  });

  it('PATCH /activities/:id takes participants while there is no attendance', async () => {
    const { forum } = await world();
    const res = await as.manager.patch(`/activities/${forum.id}`, { version: 1, participants: { ...enteredCounts, women: 41 } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ participants: { women: 41 }, participantsSource: 'entered' });
  });

  it('PATCH /sub-events/:id refuses participants for an event with attendance, takes them for one without', async () => {
    const { series, first, second, p } = await world();
    await makeAttendance(app.db, series, p.aziza.id, { subEventId: first.id });
    const before = await databaseDigest(app.db);
    const refused = await as.manager.patch(`/sub-events/${first.id}`, { version: 1, participants: { ...enteredCounts, women: 2 } });
    expect(refused.status, refused.text).toBe(409);
    expect(await databaseDigest(app.db)).toBe(before);
    const saved = await as.manager.patch(`/sub-events/${second.id}`, { version: 1, participants: { ...enteredCounts, women: 2 } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ participants: { women: 2 }, participantsSource: 'entered' });
  });
});

describe('sub-events and the Gantt', () => {
  it('GET /activities/:id/sub-events: each event from its own attendance or as entered; the roll-up from the activity attendance', async () => {
    const { series, first, second, p } = await world();
    const entered = SubEventListSchema.parse((await as.donor.get(`/activities/${series.id}/sub-events`)).body);
    expect(entered).toMatchObject({ participants: { women: 8, men: 10 }, participantsSource: 'entered', participantsFromSubEvents: true });

    await makeAttendance(app.db, series, p.aziza.id, { subEventId: first.id });
    await makeAttendance(app.db, series, p.anvar.id, { subEventId: first.id });
    await makeAttendance(app.db, series, p.aziza.id);
    const list = SubEventListSchema.parse((await as.donor.get(`/activities/${series.id}/sub-events`)).body);
    expect(list).toMatchObject({
      participants: { women: 1, men: 1, diaspora: 1, civilSociety: 1 },
      participantsSource: 'attendance',
      attendeeCount: 2,
      participantsFromSubEvents: false,
    });
    const events = new Map(list.items.map((s) => [s.id, s]));
    expect(events.get(first.id)).toMatchObject({ participants: { women: 1, men: 1 }, participantsSource: 'attendance', attendeeCount: 2 });
    expect(events.get(second.id)).toMatchObject({ participants: { women: 1, men: 2 }, participantsSource: 'entered', attendeeCount: 0 });
  });

  it('GET /projects/:id/timeline carries the same counts and sources', async () => {
    const { project, forum, series, first, second, p } = await world();
    await makeAttendance(app.db, series, p.rustam.id, { subEventId: second.id });
    const timeline = TimelineSchema.parse((await as.partner.get(`/projects/${project.id}/timeline`)).body);
    const rows = timeline.groups.flatMap((g) => [...g.activities, ...g.outputs.flatMap((o) => o.activities)]);
    expect(rows.find((a) => a.id === forum.id)).toMatchObject({
      participants: enteredCounts,
      participantsSource: 'entered',
      participantsFromSubEvents: false,
    });
    const row = rows.find((a) => a.id === series.id);
    expect(row).toMatchObject({
      participants: { women: 0, men: 1, diaspora: 1 },
      participantsSource: 'attendance',
      attendeeCount: 1,
      participantsFromSubEvents: false,
    });
    expect(row?.subEvents.map((s) => [s.id, s.participantsSource])).toEqual([
      [first.id, 'entered'],
      [second.id, 'attendance'],
    ]);
  });
});

describe('reports and the donor dashboard', () => {
  it('a report shows the attendance counts, its downloads say where they come from, and submission freezes them', async () => {
    const { project, forum, series, p } = await world();
    for (const person of [p.aziza, p.rustam, p.sino]) await makeAttendance(app.db, series, person.id);
    const report = await makeReport(app.db, project.id);
    const detail = ReportDetailSchema.parse((await as.manager.get(`/reports/${report.id}`)).body);
    const activity = (id: number) => detail.data.activities.find((a) => a.id === id);
    expect(activity(series.id)).toMatchObject({
      participants: { women: 1, men: 1, diaspora: 2 },
      participantsSource: 'attendance',
      attendeeCount: 3,
    });
    expect(activity(forum.id)).toMatchObject({ participants: enteredCounts, participantsSource: 'entered' });

    const csv = await as.donor.get(`/projects/${project.id}/export.csv?table=activities`);
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/Participants,Counted from$/);
    expect(lines.find((l) => l.includes('Series'))).toMatch(/,3,Attendance$/);
    expect(lines.find((l) => l.includes('Forum'))).toMatch(/,100,Entered$/);

    const submitted = await as.manager.post(`/reports/${report.id}/submit`, { version: report.version });
    expect(submitted.status, submitted.text).toBe(200);
    await makeAttendance(app.db, series, p.anvar.id);
    const frozen = ReportDetailSchema.parse((await as.donor.get(`/reports/${report.id}`)).body);
    expect(frozen.data.activities.find((a) => a.id === series.id)?.attendeeCount).toBe(3);
    expect((await as.donor.get(`/activities/${series.id}`)).body.attendeeCount).toBe(4);
  });

  it('the dashboard sums participation over a project, from attendance where recorded', async () => {
    const { project, series, p } = await world();
    await makeAttendance(app.db, series, p.aziza.id);
    await makeAttendance(app.db, series, p.gulnora.id);
    const dashboard = DashboardSchema.parse((await as.donor.get('/dashboard')).body);
    expect(dashboard.projects.find((x) => x.id === project.id)?.participants).toEqual({ total: 102, counted: 2, fromAttendance: 1 });
  });
});
