import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { AddAttendanceResultSchema, AttendanceListSchema, ProjectEngagementSchema } from '@shared/schemas/attendance';
import {
  auditRows,
  makeActivity,
  makeAttendance,
  makeIndicator,
  makeOutcome,
  makePeriod,
  makePerson,
  makeProject,
  makeSubEvent,
  makeValue,
} from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawGet } from './raw-sql';
import { csv, upload } from './registry-support';

let app: TestApp;
let as: Record<Role, ApiClient>;
let ids: Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  ({ clients: as, ids } = await app.signInEach(EVERY_ROLE));
});
afterAll(() => app.close());

/**
 * A project with a forum (outcome 1, 2026-03-10), a series with two events (outcome 1)
 * and a seminar (outcome 2), and five people: two women, two men, one not stated.
 */
async function world() {
  const project = await makeProject(app.db, { memberIds: Object.values(ids) });
  const o1 = await makeOutcome(app.db, project.id);
  const o2 = await makeOutcome(app.db, project.id);
  const forum = await makeActivity(app.db, o1, { kind: 'national_forum', actualStart: '2026-03-10', actualEnd: '2026-03-11' });
  const series = await makeActivity(app.db, o1, { kind: 'trust_building_series' });
  const seminar = await makeActivity(app.db, o2, { kind: 'joint_seminar_series', plannedStart: '2026-06-01' });
  const event1 = await makeSubEvent(app.db, series, { date: '2026-04-05' });
  const event2 = await makeSubEvent(app.db, series, { date: '2026-05-20' });
  const p = {
    aziza: await makePerson(app.db, project.id, { name: 'Aziza Test', sex: 'female', group: 'diaspora', email: `aziza.${project.id}@example.org` }),
    gulnora: await makePerson(app.db, project.id, { name: 'Gulnora Test', sex: 'female', group: 'government', email: null }),
    rustam: await makePerson(app.db, project.id, { name: 'Rustam Test', sex: 'male', group: 'diaspora' }),
    anvar: await makePerson(app.db, project.id, { name: 'Anvar Test', sex: 'male', group: 'civil_society' }),
    sino: await makePerson(app.db, project.id, { name: 'Sino Test', sex: 'not_stated', group: null }),
  };
  return { project, o1, o2, forum, series, seminar, event1, event2, p };
}

describe('POST /activities/:id/attendance', () => {
  it('adds registry people by id once each, reports those already there, dates them from the activity, and returns computed counts', async () => {
    const { forum, p } = await world();
    const res = await as.manager.post(`/activities/${forum.id}/attendance`, { personIds: [p.aziza.id, p.rustam.id, p.aziza.id] });
    expect(res.status, res.text).toBe(201);
    const body = AddAttendanceResultSchema.parse(res.body);
    expect(body.added.map((a) => [a.personId, a.date])).toEqual([
      [p.aziza.id, '2026-03-10'],
      [p.rustam.id, '2026-03-10'],
    ]);
    expect(body.counts.participants).toMatchObject({ women: 1, men: 1, diaspora: 2 });
    const again = await as.manager.post(`/activities/${forum.id}/attendance`, { personIds: [p.rustam.id, p.anvar.id] });
    expect(again.body.alreadyPresent).toEqual([p.rustam.id]);
    expect(again.body.counts.uniquePeople).toBe(3);
    const audit = await auditRows(app.db, 'attendance');
    expect(JSON.stringify(audit)).not.toContain('Test');
  });

  it('adds to a sub-event of the activity, dated on the event; a sub-event of another activity is refused', async () => {
    const { series, forum, event2, p } = await world();
    const res = await as.manager.post(`/activities/${series.id}/attendance`, { subEventId: event2.id, personIds: [p.sino.id] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.added[0]).toMatchObject({ subEventId: event2.id, date: '2026-05-20' });
    const wrong = await as.manager.post(`/activities/${forum.id}/attendance`, { subEventId: event2.id, personIds: [p.sino.id] });
    expect(wrong.status).toBe(400);
  });

  it('adds a new person inline: created in the registry, with consent, and attending', async () => {
    const { project, forum } = await world();
    const res = await as.manager.post(`/activities/${forum.id}/attendance`, {
      person: {
        name: 'Inline Newcomer',
        sex: 'female',
        group: 'international',
        consent: { purpose: 'Forum', noticeVersion: 'v1', givenOn: '2026-03-10' },
      },
    });
    expect(res.status, res.text).toBe(201);
    const personId = res.body.added[0].personId as number;
    const person = await as.manager.get(`/registry/people/${personId}`);
    expect(person.body).toMatchObject({ projectId: project.id, name: 'Inline Newcomer', consent: { status: 'given' } });
  });

  it('refuses people of another project, erased people, and both or neither of personIds and person; changes nothing', async () => {
    const { forum, p } = await world();
    const stranger = await makePerson(app.db, (await makeProject(app.db)).id);
    await as.manager.post(`/registry/people/${p.sino.id}/erase`, { version: 1, confirm: true });
    const before = await databaseDigest(app.db);
    for (const body of [{ personIds: [stranger.id] }, { personIds: [p.sino.id] }, {}, { personIds: [p.aziza.id], person: { name: 'X' } }]) {
      const res = await as.manager.post(`/activities/${forum.id}/attendance`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await databaseDigest(app.db)).toBe(before);
  });
});

describe('GET /activities/:id/attendance and DELETE /attendance/:id', () => {
  it('lists people to a manager (consent flagged) and removes a row', async () => {
    const { forum, p } = await world();
    const row = await makeAttendance(app.db, forum, p.gulnora.id, { date: '2026-03-10' });
    await makeAttendance(app.db, forum, p.aziza.id, { date: '2026-03-10' });
    await as.manager.post(`/registry/people/${p.gulnora.id}/consent/withdraw`, {});
    const list = AttendanceListSchema.parse((await as.manager.get(`/activities/${forum.id}/attendance`)).body);
    expect(list.redacted).toBe(false);
    expect(list.items.map((i) => [i.person.name, i.person.consent])).toEqual([
      ['Aziza Test', 'given'],
      ['Gulnora Test', 'withdrawn'],
    ]);
    expect(list.counts.participants).toMatchObject({ women: 2, government: 1, diaspora: 1 });
    expect((await as.manager.delete(`/attendance/${row.id}`)).status).toBe(204);
    expect((await as.manager.get(`/activities/${forum.id}/attendance`)).body.total).toBe(1);
    expect((await as.manager.delete(`/attendance/${row.id}`)).status).toBe(404);
  });
});

describe('POST /activities/:id/attendance/import', () => {
  it('matches sheet rows by email, else by name; reports unmatched and ambiguous rows; a dry run writes nothing', async () => {
    const { project, forum, p } = await world();
    await makePerson(app.db, project.id, { name: 'Twin Name', email: null });
    await makePerson(app.db, project.id, { name: 'Twin Name', email: null });
    const sheet = csv(
      ['Name', 'Email'],
      [
        ['Someone', p.aziza.email],
        ['  rustam   TEST ', ''],
        ['Twin Name', ''],
        ['Nobody Known', 'nobody@example.org'],
        ['Aziza again', p.aziza.email],
      ],
    );
    const before = await databaseDigest(app.db);
    const dry = await upload(as.manager, app.url, `/activities/${forum.id}/attendance/import?dryRun=1`, { data: sheet });
    expect(dry.status, dry.text).toBe(200);
    expect(await databaseDigest(app.db)).toBe(before);
    expect(dry.body.rows.map((r: { status: string }) => r.status)).toEqual(['matched', 'matched', 'ambiguous', 'unmatched', 'already_present']);
    expect(dry.body.rows[0]).toMatchObject({ personId: p.aziza.id, matchedBy: 'email' });
    expect(dry.body.rows[1]).toMatchObject({ personId: p.rustam.id, matchedBy: 'name' });
    // Rows left out say why as a rule with its params; added rows have nothing to say.
    expect(dry.body.rows.map((r: { code: string | null; params: unknown }) => [r.code, r.params])).toEqual([
      [null, {}],
      [null, {}],
      ['sheet.ambiguous', { count: 2 }],
      ['sheet.no_match', {}],
      [null, {}],
    ]);

    const done = await upload(as.manager, app.url, `/activities/${forum.id}/attendance/import`, { data: sheet });
    expect(done.status, done.text).toBe(201);
    expect(done.body.added).toBe(2);
    expect((await as.manager.get(`/activities/${forum.id}/attendance`)).body.total).toBe(2);
  });

  it('matches a name written in the other script (Latin sheet, Cyrillic registry and back)', async () => {
    const { project, forum } = await world();
    const cyrillic = await makePerson(app.db, project.id, { name: 'Рустам Қодиров', email: null });
    const latin = await makePerson(app.db, project.id, { name: 'Zarina Rakhimova', email: null });
    const sheet = csv(['Name'], [['Rustam Qodirov'], ['Зарина Раҳимова'], ['Rustam Kadyrov']]);
    const dry = await upload(as.manager, app.url, `/activities/${forum.id}/attendance/import?dryRun=1`, { data: sheet });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.rows.map((r: { status: string; personId: number | null }) => [r.status, r.personId])).toEqual([
      ['matched', cyrillic.id],
      ['matched', latin.id],
      ['unmatched', null],
    ]);
  });

  it('needs a name or an email column', async () => {
    const { forum } = await world();
    const res = await upload(as.manager, app.url, `/activities/${forum.id}/attendance/import`, { data: 'Phone\r\n123\r\n' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: 'file', code: 'sheet.columns', params: {} })]);
  });
});

describe('GET /projects/:id/attendance/engagement', () => {
  it('counts unique people engaged, by sex and group, over a period, an outcome or an activity', async () => {
    const { project, o1, o2, forum, series, seminar, event1, event2, p } = await world();
    await makeAttendance(app.db, forum, p.aziza.id, { date: '2026-03-10' });
    await makeAttendance(app.db, forum, p.rustam.id, { date: '2026-03-10' });
    await makeAttendance(app.db, series, p.aziza.id, { subEventId: event1.id, date: '2026-04-05' });
    await makeAttendance(app.db, series, p.aziza.id, { subEventId: event2.id, date: '2026-05-20' });
    await makeAttendance(app.db, series, p.sino.id, { subEventId: event2.id, date: '2026-05-20' });
    await makeAttendance(app.db, seminar, p.gulnora.id, { date: '2026-06-01' });
    await makeAttendance(app.db, seminar, p.anvar.id, { date: '2026-06-01' });

    const get = async (query: string) => {
      const res = await as.donor.get(`/projects/${project.id}/attendance/engagement${query}`);
      expect(res.status, res.text).toBe(200);
      return ProjectEngagementSchema.parse(res.body).counts;
    };
    expect((await get('')).uniquePeople).toBe(5);
    expect((await get('')).attendances).toBe(7);
    expect(await get(`?outcomeId=${o1.id}`)).toMatchObject({ uniquePeople: 3, bySex: { female: 1, male: 1, not_stated: 1 } });
    expect(await get(`?outcomeId=${o2.id}`)).toMatchObject({ uniquePeople: 2, byGroup: { government: 1, civil_society: 1 } });
    expect((await get(`?activityId=${series.id}`)).uniquePeople).toBe(2);
    expect((await get('?from=2026-04-01&to=2026-05-31')).uniquePeople).toBe(2);
    expect((await get(`?subEventId=${event2.id}`)).uniquePeople).toBe(2);
    expect((await as.donor.get(`/projects/${project.id}/attendance/engagement?from=2026-13-01`)).status).toBe(400);
  });
});

describe('POST /indicators/:id/periods/:periodId/propose-from-attendance', () => {
  it('creates a DRAFT value of unique people engaged in the period, with the breakdowns the indicator declares, that still goes through approval', async () => {
    const { project, o1, forum, series, event1, p } = await world();
    await makeAttendance(app.db, forum, p.aziza.id, { date: '2026-03-10' });
    await makeAttendance(app.db, forum, p.rustam.id, { date: '2026-03-10' });
    await makeAttendance(app.db, forum, p.sino.id, { date: '2026-03-11' });
    await makeAttendance(app.db, series, p.aziza.id, { subEventId: event1.id, date: '2026-04-05' });
    const indicator = await makeIndicator(app.db, project.id, { outcomeId: o1.id, disaggregations: ['sex', 'participantGroup'] });
    const period = await makePeriod(app.db, indicator, { start: '2026-01-01', end: '2026-03-31' });

    const res = await as.manager.post(`/indicators/${indicator.id}/periods/${period.id}/propose-from-attendance`, {});
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      value: 3,
      disaggregation: {
        sex: { women: 1, men: 1, other: 1 },
        participantGroup: { government: 0, diaspora: 2, civil_society: 0, international: 0 },
      },
    });
    expect(res.body.comment).toContain('Proposed from attendance: 3 unique people engaged');
    const row = await rawGet(app.db, 'SELECT status, value FROM indicator_values WHERE period_id = ?', period.id);
    expect(row).toEqual({ status: 'draft', value: 3 });
  });

  it('does not overwrite a value the period already has, refuses a non-number indicator, and is not for partners', async () => {
    const { project, o1 } = await world();
    const indicator = await makeIndicator(app.db, project.id, { outcomeId: o1.id });
    const period = await makePeriod(app.db, indicator, { start: '2026-01-01', end: '2026-03-31' });
    await makeValue(app.db, period);
    expect((await as.manager.post(`/indicators/${indicator.id}/periods/${period.id}/propose-from-attendance`, {})).status).toBe(409);
    const narrative = await makeIndicator(app.db, project.id, { measure: 'qualitative' });
    const narrativePeriod = await makePeriod(app.db, narrative);
    expect((await as.manager.post(`/indicators/${narrative.id}/periods/${narrativePeriod.id}/propose-from-attendance`, {})).status).toBe(409);
    const otherPeriod = await makePeriod(app.db, narrative, { start: '2027-01-01', end: '2027-03-31' });
    expect((await as.manager.post(`/indicators/${indicator.id}/periods/${otherPeriod.id}/propose-from-attendance`, {})).status).toBe(404);
    expect((await as.partner.post(`/indicators/${indicator.id}/periods/${period.id}/propose-from-attendance`, {})).status).toBe(403);
  });

  it('refuses an activity or outcome of another project with 400 and the cross-project rule code, and writes nothing', async () => {
    const { project, o1, forum, p } = await world();
    await makeAttendance(app.db, forum, p.aziza.id, { date: '2026-03-10' });
    const indicator = await makeIndicator(app.db, project.id, { outcomeId: o1.id });
    const period = await makePeriod(app.db, indicator, { start: '2026-01-01', end: '2026-03-31' });
    const other = await world();
    await makeAttendance(app.db, other.forum, other.p.aziza.id, { date: '2026-03-10' });
    const path = `/indicators/${indicator.id}/periods/${period.id}/propose-from-attendance`;
    const before = await databaseDigest(app.db);

    const foreignActivity = await as.manager.post(path, { activityId: other.forum.id });
    expect(foreignActivity.status, foreignActivity.text).toBe(400);
    expect(foreignActivity.body.error.details.issues).toMatchObject([{ path: 'activityId', code: 'ref.not_project_activity' }]);
    const missingActivity = await as.manager.post(path, { activityId: 999_999_999 });
    expect(missingActivity.body).toEqual(foreignActivity.body);

    const foreignOutcome = await as.manager.post(path, { outcomeId: other.o1.id });
    expect(foreignOutcome.status, foreignOutcome.text).toBe(400);
    expect(foreignOutcome.body.error.details.issues).toMatchObject([{ path: 'outcomeId', code: 'ref.not_project_outcome' }]);
    expect(await databaseDigest(app.db)).toBe(before);

    const own = await as.manager.post(path, { activityId: forum.id });
    expect(own.status, own.text).toBe(201);
    expect(own.body.value).toBe(1);
  });
});
