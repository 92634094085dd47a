import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { auditRows, makeActivity, makeOrganisation, makeOutcome, makePerson, makeProject } from '../factories';
import { sqliteOf } from '../../server/src/db/client';
import { EVERY_ROLE, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawAll } from './raw-sql';

let app: TestApp;
let as: Record<Role, ApiClient>;
let ids: Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  ({ clients: as, ids } = await app.signInEach(EVERY_ROLE));
});
afterAll(() => app.close());

/**
 * What the database holds, as bytes: on SQLite the database file and its WAL as they are on
 * disk; on PostgreSQL, whose files the server keeps, the text of every row of every table.
 */
async function storedBytes(): Promise<Buffer> {
  const sqlite = sqliteOf(app.db);
  if (sqlite) {
    const path = sqlite.name;
    return Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
  }
  const tables = await rawAll<{ name: string }>(
    app.db,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  const rows: string[] = [];
  for (const { name } of tables) rows.push(...(await rawAll(app.db, `SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)));
  return Buffer.from(rows.join('\n'), 'utf8');
}

/** Each string (as UTF-8, also lower-cased, as search keys store it) that occurs anywhere in what the database holds. */
async function tracesOf(strings: string[]): Promise<string[]> {
  const bytes = await storedBytes();
  return strings.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s.toLowerCase(), 'utf8')));
}

// Distinctive strings, so that a hit can only be this person's data.
const SECRET = {
  name: 'Xylophonia Quartzbergova',
  cyrillic: 'Ксилофония Кварцбергова',
  email: 'xq.erasure.7391@example.org',
  phone: '+992 55 731 9917',
  city: 'Zyxwvutsk',
  occupation: 'Glassblower of comets',
  notes: 'note-lqpzmr-81723',
  skill: 'spoon-bending-4471',
};

describe('POST /registry/people/:id/erase', () => {
  it('leaves no trace of the personal data in the database file or the WAL, and keeps aggregates and attendance', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    const outcome = await makeOutcome(app.db, project.id);
    const activity = await makeActivity(app.db, outcome);
    const organisation = await makeOrganisation(app.db, project.id);
    // Enough others that the summary publishes counts.
    for (let i = 0; i < 12; i++) await makePerson(app.db, project.id, { country: 'RU', sex: 'male', group: 'diaspora' });

    const created = await as.manager.post('/registry/people', {
      projectId: project.id,
      name: SECRET.name,
      sex: 'female',
      birthYear: 1979,
      country: 'RU',
      city: SECRET.city,
      yearsAbroad: 14,
      occupation: SECRET.occupation,
      sectors: ['culture_arts'],
      skills: [SECRET.skill],
      languages: ['tg', 'ru'],
      email: SECRET.email,
      phone: SECRET.phone,
      group: 'diaspora',
      organisationIds: [organisation.id],
      notes: SECRET.notes,
      consent: { purpose: 'Diaspora mapping', noticeVersion: 'v1', givenOn: '2026-01-10' },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as number;
    // History with the data in it: an update (before/after in the audit log), a second name.
    const renamed = await as.manager.patch(`/registry/people/${id}`, { version: 1, name: SECRET.cyrillic, note: `was ${SECRET.name}` });
    expect(renamed.status).toBe(200);
    // The person is the organisation's contact: the organisation's audit rows must not copy the name.
    const linked = await as.manager.patch(`/registry/organisations/${organisation.id}`, { version: 1, contactPersonId: id });
    expect(linked.status, linked.text).toBe(200);
    expect(linked.body.contactPerson).toEqual({ id, name: SECRET.cyrillic, erased: false });
    await as.manager.get(`/registry/people/${id}`);
    await as.manager.get(`/registry/people/${id}/export`);
    const attended = await as.manager.post(`/activities/${activity.id}/attendance`, { personIds: [id] });
    expect(attended.status).toBe(201);

    const summaryBefore = (await as.donor.get(`/registry/summary?projectId=${project.id}`)).body;
    const engagementBefore = (await as.donor.get(`/projects/${project.id}/attendance/engagement`)).body;

    // The test can fail: before erasure the data is in the files.
    expect((await tracesOf(Object.values(SECRET))).length).toBeGreaterThan(0);

    const erased = await as.manager.post(`/registry/people/${id}/erase`, { version: 2, confirm: true });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.body).toMatchObject({
      id,
      name: `Erased person #${id}`,
      email: null,
      phone: null,
      birthYear: null,
      city: null,
      notes: null,
      occupation: null,
      skills: [],
      organisationIds: [],
      sex: 'female',
      country: 'RU',
      group: 'diaspora',
      erased: true,
      consent: { status: 'withdrawn' },
    });

    expect(await tracesOf(Object.values(SECRET))).toEqual([]);
    // Erasure truncates SQLite's WAL; PostgreSQL's WAL is the server's, out of the test's reach.
    const sqlite = sqliteOf(app.db);
    if (sqlite) expect(existsSync(`${sqlite.name}-wal`) ? readFileSync(`${sqlite.name}-wal`).length : 0).toBe(0);

    // Aggregates kept: the total, sex, group and country counts; engagement from attendance.
    const summaryAfter = (await as.donor.get(`/registry/summary?projectId=${project.id}`)).body;
    expect(summaryAfter.total).toEqual(summaryBefore.total);
    for (const dim of ['sex', 'group', 'country'] as const) expect(summaryAfter.dimensions[dim]).toEqual(summaryBefore.dimensions[dim]);
    expect((await as.donor.get(`/projects/${project.id}/attendance/engagement`)).body).toEqual(engagementBefore);
    const list = await as.manager.get(`/activities/${activity.id}/attendance`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ personId: id, person: expect.objectContaining({ name: `Erased person #${id}`, erased: true }) }),
    ]);
    // The organisation keeps its contact: the anonymised record.
    const org = await as.manager.get(`/registry/organisations/${organisation.id}`);
    expect(org.body.contactPerson).toEqual({ id, name: `Erased person #${id}`, erased: true });
    expect(await tracesOf(Object.values(SECRET))).toEqual([]);

    // Audited without the data; the earlier rows scrubbed but still there.
    const audit = await auditRows(app.db, 'person', id);
    expect(audit.map((r) => r.action)).toEqual(['create', 'update', 'update']);
    expect(audit.at(-1)).toMatchObject({ note: 'Personal data erased', before: null, after: null, user_id: ids.manager });
    const log = await rawAll<{ action: string }>(app.db, 'SELECT action FROM person_access_log WHERE person_id = ? ORDER BY id', id);
    expect(log.map((r) => r.action)).toEqual(['view', 'export', 'erase', 'list', 'view']);
  });

  it('refuses a stale version or a second erasure, and erased records take no edits', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    const person = await makePerson(app.db, project.id);
    expect((await as.manager.post(`/registry/people/${person.id}/erase`, { version: 7, confirm: true })).status).toBe(409);
    expect((await as.manager.post(`/registry/people/${person.id}/erase`, { version: 1 })).status).toBe(400);
    expect((await as.manager.post(`/registry/people/${person.id}/erase`, { version: 1, confirm: true })).status).toBe(200);
    expect((await as.manager.post(`/registry/people/${person.id}/erase`, { version: 2, confirm: true })).status).toBe(409);
    expect((await as.manager.patch(`/registry/people/${person.id}`, { version: 2, name: 'Back again' })).status).toBe(409);
    expect(
      (await as.manager.post(`/registry/people/${person.id}/consents`, { purpose: 'x', noticeVersion: 'v1', givenOn: '2026-01-01' })).status,
    ).toBe(409);
  });

  it('an erased person can be neither found by search nor matched as a duplicate', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    const person = await makePerson(app.db, project.id, { name: 'Findable Former', email: 'former@example.org' });
    await as.manager.post(`/registry/people/${person.id}/erase`, { version: 1, confirm: true });
    const found = await as.manager.post('/registry/people/search', { projectId: project.id, q: 'Findable' });
    expect(found.body.total).toBe(0);
    const byEmail = await as.manager.post('/registry/people/search', { projectId: project.id, email: 'former@example.org' });
    expect(byEmail.body.total).toBe(0);
  });
});
