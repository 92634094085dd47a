import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { PersonListSchema, PersonSchema } from '@shared/schemas/registry';
import { RegistrySummarySchema } from '@shared/schemas/registry-summary';
import { auditRows, makeActivity, makeAttendance, makeOrganisation, makeOutcome, makePerson, makeProject } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawAll, rawRun } from './raw-sql';
import { personBody } from './registry-test-support';

let app: TestApp;

let as: Record<Role | 'outsider', ApiClient>;

let ids: Record<Role | 'outsider', number>;

beforeAll(async () => {
  app = await startTestApp();
  ({ clients: as, ids } = await app.signInEach({ ...EVERY_ROLE, outsider: 'manager' }));
});

afterAll(() => app.close());

/** A project all four roles belong to, with an activity, a person who attended it and an organisation with a contact person. */
async function world() {
  const project = await makeProject(app.db, { memberIds: [ids.admin, ids.manager, ids.partner, ids.donor] });
  const outcome = await makeOutcome(app.db, project.id);
  const activity = await makeActivity(app.db, outcome);
  const contact = await makePerson(app.db, project.id, { name: 'Firuza Contactova', country: 'TR' });
  const organisation = await makeOrganisation(app.db, project.id, {
    contactPersonId: contact.id,
    contactEmail: 'firuza.contact@example.org',
    contactPhone: '+7 900 000 0000',
  });
  const person = await makePerson(app.db, project.id, { name: 'Nigina Saidova', phone: '+7 900 111 2233', city: 'Moscow' });
  await makeAttendance(app.db, activity, person.id);
  return { project, outcome, activity, organisation, person, contact };
}

const accessLog = (personId: number) =>
  rawAll<{
    user_id: number;
    action: string;
  }>(app.db, 'SELECT user_id, action FROM person_access_log WHERE person_id = ? ORDER BY id', personId);

describe('people', () => {
  it('POST /registry/people creates a person with consent, normalised fields, an audit row and no personal data in the URL', async () => {
    const { project } = await world();
    const res = await as.manager.post('/registry/people', personBody(project.id));
    expect(res.status, res.text).toBe(201);
    const person = PersonSchema.parse(res.body);
    expect(person).toMatchObject({
      name: 'Jamshed Rajabov',
      email: 'jamshed.rajabov@example.org',
      skills: ['project management', 'autocad'],
      consent: { status: 'given', givenOn: '2026-01-10', noticeVersion: 'v1' },
      erased: false,
      version: 1,
    });
    expect((await auditRows(app.db, 'person', person.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('POST /registry/people refuses an unknown country, a bad email, an organisation of another project and unknown fields', async () => {
    const { project } = await world();
    const elsewhere = await makeOrganisation(app.db, (await makeProject(app.db)).id);
    const cases: [Record<string, unknown>, string][] = [
      [{ country: 'XX' }, 'country'],
      [{ email: 'not-an-email' }, 'email'],
      [{ sex: 'F' }, 'sex'],
      [{ birthYear: 2999 }, 'birthYear'],
      [{ nickname: 'J' }, ''],
      [{ organisationIds: [elsewhere.id] }, 'organisationIds'],
    ];
    const before = await databaseDigest(app.db);
    for (const [extra, path] of cases) {
      const res = await as.manager.post('/registry/people', personBody(project.id, extra));
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(
        res.body.error.details.issues.some((i: { path: string }) => i.path === path),
        res.text,
      ).toBe(true);
    }
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('GET /registry/people lists with non-personal filters only and logs each person shown', async () => {
    const { project, person } = await world();
    await makePerson(app.db, project.id, { country: 'KZ', name: 'Umed Kazakhov' });
    await makePerson(app.db, project.id, { country: 'KZ', consent: false, name: 'Parviz Noconsent' });
    const res = await as.manager.get(`/registry/people?projectId=${project.id}&country=KZ`);
    expect(res.status).toBe(200);
    const list = PersonListSchema.parse(res.body);
    expect(list.items.map((p) => p.name).sort()).toEqual(['Parviz Noconsent', 'Umed Kazakhov']);
    // People without current consent are flagged in lists.
    expect(list.items.find((p) => p.name === 'Parviz Noconsent')?.consent.status).toBe('none');
    const noConsent = await as.manager.get(`/registry/people?projectId=${project.id}&consent=none`);
    expect(noConsent.body.items.map((p: { name: string }) => p.name)).toEqual(['Parviz Noconsent']);
    expect(await accessLog(person.id)).toEqual([]);
    const all = await as.manager.get(`/registry/people?projectId=${project.id}`);
    expect(all.body.total).toBe(4);
    expect(await accessLog(person.id)).toEqual([{ user_id: ids.manager, action: 'list' }]);
    // Names and emails stay out of URLs: the list takes no such filter.
    expect((await as.manager.get(`/registry/people?projectId=${project.id}&q=Nigina`)).status).toBe(400);
  });

  it('POST /registry/people/search finds by folded name or by email, within the project only', async () => {
    const { project } = await world();
    const other = await world();
    const byName = await as.manager.post('/registry/people/search', { projectId: project.id, q: 'nigina  SAIDOVA' });
    expect(byName.body.items.map((p: { projectId: number }) => p.projectId)).toEqual([project.id]);
    const person = byName.body.items[0] as { id: number; email: string };
    const byEmail = await as.manager.post('/registry/people/search', { projectId: other.project.id, email: person.email.toUpperCase() });
    expect(byEmail.body.total).toBe(0);
    expect(await accessLog(person.id)).toEqual([{ user_id: ids.manager, action: 'search' }]);
  });

  it('GET /registry/people/:id is logged as a view: who, whom, what, never the data', async () => {
    const { person } = await world();
    const res = await as.admin.get(`/registry/people/${person.id}`);
    expect(res.status).toBe(200);
    const rows = await rawAll(app.db, 'SELECT * FROM person_access_log WHERE person_id = ?', person.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: ids.admin, action: 'view', person_id: person.id });
    expect(JSON.stringify(rows)).not.toContain('Nigina');
  });

  it('PATCH /registry/people/:id with a stale version answers 409 with the current record and changes nothing', async () => {
    const { person } = await world();
    const ok = await as.manager.patch(`/registry/people/${person.id}`, { version: 1, city: 'Kazan', note: 'Moved' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ city: 'Kazan', version: 2 });
    const before = await databaseDigest(app.db);
    const stale = await as.manager.patch(`/registry/people/${person.id}`, { version: 1, city: 'Omsk' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ city: 'Kazan', version: 2 });
    expect(await databaseDigest(app.db)).toBe(before);
    expect((await auditRows(app.db, 'person', person.id)).at(-1)).toMatchObject({ action: 'update', note: 'Moved' });
  });

  it('DELETE /registry/people/:id refuses a person with attendance (erase instead) and deletes one without, scrubbing its audit rows', async () => {
    const { person, project } = await world();
    const refused = await as.manager.delete(`/registry/people/${person.id}?version=1`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('HAS_DEPENDENTS');
    const created = await as.manager.post('/registry/people', personBody(project.id, { name: 'Mistaken Entry', email: 'mistake@example.org' }));
    const gone = await as.manager.delete(`/registry/people/${created.body.id}?version=1`);
    expect(gone.status).toBe(204);
    expect((await as.manager.get(`/registry/people/${created.body.id}`)).status).toBe(404);
    const audit = await auditRows(app.db, 'person', created.body.id);
    expect(audit.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(JSON.stringify(audit)).not.toContain('Mistaken');
  });
});

describe('consent', () => {
  it('withdrawing is one action: the person leaves the contact export at once, and the record keeps both rows', async () => {
    const { project, person } = await world();
    const noConsent = await makePerson(app.db, project.id, { name: 'Behruz Noconsent', consent: false });
    const csvBefore = await as.manager.get(`/registry/people/contacts.csv?projectId=${project.id}`);
    expect(csvBefore.status).toBe(200);
    expect(csvBefore.headers.get('content-type')).toContain('text/csv');
    expect(csvBefore.headers.get('cache-control')).toBe('no-store');
    expect(csvBefore.text).toContain('Nigina Saidova');
    expect(csvBefore.text).not.toContain('Behruz');
    expect(await accessLog(noConsent.id)).toEqual([]);
    expect(await accessLog(person.id)).toEqual([{ user_id: ids.manager, action: 'contacts_export' }]);

    const withdrawn = await as.manager.post(`/registry/people/${person.id}/consent/withdraw`, { withdrawnOn: '2026-03-01' });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.consent).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-03-01', givenOn: '2026-01-05' });

    const csvAfter = await as.manager.get(`/registry/people/contacts.csv?projectId=${project.id}`);
    expect(csvAfter.text).not.toContain('Nigina');
    const record = await as.manager.get(`/registry/people/${person.id}/consents`);
    expect(record.body.items.map((c: { kind: string }) => c.kind)).toEqual(['given', 'withdrawn']);
    expect(record.body.items[1].recordedBy).toEqual({ id: ids.manager, name: expect.any(String) });

    const again = await as.manager.post(`/registry/people/${person.id}/consent/withdraw`, {});
    expect(again.status).toBe(409);
    const regiven = await as.manager.post(`/registry/people/${person.id}/consents`, {
      purpose: 'Events',
      noticeVersion: 'v2',
      givenOn: '2026-04-01',
    });
    expect(regiven.status).toBe(201);
    expect(regiven.body.consent).toMatchObject({ status: 'given', noticeVersion: 'v2', withdrawnOn: null });
  });

  it('the consent record cannot be updated or deleted, even by SQL, while its person exists', async () => {
    const { person } = await world();
    await expect(rawRun(app.db, "UPDATE registry_consents SET kind = 'given' WHERE person_id = ?", person.id)).rejects.toThrow(/append-only/);
    await expect(rawRun(app.db, 'DELETE FROM registry_consents WHERE person_id = ?', person.id)).rejects.toThrow(/append-only/);
  });

  it('withdrawal before the day consent was given is refused', async () => {
    const { person } = await world();
    const res = await as.manager.post(`/registry/people/${person.id}/consent/withdraw`, { withdrawnOn: '2020-01-01' });
    expect(res.status).toBe(400);
  });

  it('CSV contact export neutralises values a spreadsheet would run as formulas', async () => {
    const { project } = await world();
    await makePerson(app.db, project.id, { name: '=HYPERLINK("http://evil")', email: 'formula@example.org' });
    const res = await as.manager.get(`/registry/people/contacts.csv?projectId=${project.id}`);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});

describe('export', () => {
  it('GET /registry/people/:id/export gives the whole record: person, consents, organisations and attendance, and is logged', async () => {
    const { person, organisation, activity } = await world();
    await as.manager.patch(`/registry/people/${person.id}`, { version: 1, organisationIds: [organisation.id] });
    const res = await as.manager.get(`/registry/people/${person.id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`person-${person.id}.json`);
    expect(res.body).toMatchObject({
      person: { id: person.id, name: 'Nigina Saidova', organisationIds: [organisation.id] },
      consents: [expect.objectContaining({ kind: 'given' })],
      organisations: [{ id: organisation.id, name: organisation.name }],
      attendance: [expect.objectContaining({ activityId: activity.id, activityTitle: activity.title })],
    });
    expect((await accessLog(person.id)).map((r) => r.action)).toEqual(['export']);
  });
});

describe('POST /registry/people/duplicates', () => {
  it('warns of the same person in the other script (name, birth year, country) or with the same email, and logs each one named', async () => {
    const { project } = await world();
    const rustam = await makePerson(app.db, project.id, { name: 'Рустам Саидов', birthYear: 1984, country: 'RU', email: 'rustam.s@example.org' });
    const check = (body: Record<string, unknown>) => as.manager.post('/registry/people/duplicates', { projectId: project.id, ...body });

    const byName = await check({ name: 'Rustam Saidov', birthYear: 1984, country: 'RU' });
    expect(byName.status, byName.text).toBe(200);
    expect(byName.headers.get('cache-control')).toBe('no-store');
    expect(byName.body).toEqual({ items: [{ personId: rustam.id, row: null, name: 'Рустам Саидов', reason: 'name_birth_year_country' }] });
    expect(await accessLog(rustam.id)).toEqual([{ user_id: ids.manager, action: 'search' }]);

    expect((await check({ name: 'R. S.', email: 'RUSTAM.S@example.org' })).body.items).toEqual([
      expect.objectContaining({ personId: rustam.id, reason: 'email' }),
    ]);
    // Without a birth year to compare, the same name is still worth a warning; a different birth year rules it out.
    expect((await check({ name: 'rustam saidov' })).body.items).toEqual([{ personId: rustam.id, row: null, name: 'Рустам Саидов', reason: 'name' }]);
    expect((await check({ name: 'Rustam Saidov', birthYear: 1985, country: 'RU' })).body.items).toEqual([]);
    // Editing Rustam himself: he is not his own duplicate.
    expect((await check({ name: 'Rustam Saidov', birthYear: 1984, country: 'RU', personId: rustam.id })).body.items).toEqual([]);
  });

  it('refuses a body without a name, and a project the caller is not a member of', async () => {
    const { project } = await world();
    expect((await as.manager.post('/registry/people/duplicates', { projectId: project.id, email: 'x@example.org' })).status).toBe(400);
    expect((await as.outsider.post('/registry/people/duplicates', { projectId: project.id, name: 'Anyone' })).status).toBe(404);
  });
});

describe('GET /registry/summary', () => {
  it('as a donor shows counts by country with small cells suppressed and complemented, and never undoable from the total', async () => {
    const project = await makeProject(app.db, { memberIds: [ids.admin, ids.manager, ids.partner, ids.donor] });
    for (let i = 0; i < 20; i++) await makePerson(app.db, project.id, { country: 'RU', sex: i % 2 ? 'male' : 'female', yearsAbroad: 6 });
    for (let i = 0; i < 8; i++) await makePerson(app.db, project.id, { country: 'KZ', sex: 'female', yearsAbroad: 2 });
    for (let i = 0; i < 3; i++) await makePerson(app.db, project.id, { country: 'US', sex: 'male', yearsAbroad: 25 });
    const res = await as.donor.get(`/registry/summary?projectId=${project.id}`);
    expect(res.status).toBe(200);
    const summary = RegistrySummarySchema.parse(res.body);
    expect(summary.total).toEqual({ key: 'total', count: 31, suppressed: false });
    const country = Object.fromEntries(summary.dimensions.country.map((c) => [c.key, c]));
    expect(country.RU).toEqual({ key: 'RU', count: 20, suppressed: false });
    expect(country.US).toEqual({ key: 'US', count: null, suppressed: true });
    expect(country.KZ).toEqual({ key: 'KZ', count: null, suppressed: true });
    const published = summary.dimensions.country.reduce((s, c) => s + (c.count ?? 0), 0);
    expect(31 - published).toBeGreaterThanOrEqual(5);
    expect(summary.dimensions.yearsAbroad.find((c) => c.key === '20_plus')?.suppressed).toBe(true);

    const filtered = await as.partner.get(`/registry/summary?projectId=${project.id}&country=US`);
    expect(filtered.body.total).toEqual({ key: 'total', count: null, suppressed: true });
  });

  it('refuses a filter that is not one of its aggregates', async () => {
    const { project } = await world();
    expect((await as.donor.get(`/registry/summary?projectId=${project.id}&name=Nigina`)).status).toBe(400);
  });
});
