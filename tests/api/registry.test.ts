import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { PersonListSchema, PersonSchema } from '@shared/schemas/registry';
import { OrganisationSchema } from '@shared/schemas/registry-organisation';
import { RegistrySummarySchema } from '@shared/schemas/registry-summary';
import { AttendanceListSchema } from '@shared/schemas/attendance';
import { auditRows, makeActivity, makeAttendance, makeOrganisation, makeOutcome, makePerson, makeProject } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawAll, rawRun } from './raw-sql';

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

const personBody = (projectId: number, extra: Record<string, unknown> = {}) => ({
  projectId,
  name: 'Jamshed Rajabov',
  sex: 'male',
  birthYear: 1984,
  country: 'RU',
  city: 'Yekaterinburg',
  yearsAbroad: 12,
  occupation: 'Civil engineer',
  sectors: ['construction', 'engineering'],
  skills: ['Project management', 'AutoCAD'],
  languages: ['tg', 'ru'],
  email: 'Jamshed.Rajabov@Example.org',
  phone: '+7 912 000 1122',
  group: 'diaspora',
  consent: { purpose: 'Diaspora mapping and invitations to project events', noticeVersion: 'v1', givenOn: '2026-01-10' },
  ...extra,
});

describe('role-based access to every registry route', () => {
  /** Every registry route that returns personal data, as a partner or donor would call it. */
  function personalCalls(w: Awaited<ReturnType<typeof world>>): [string, string, unknown?][] {
    const p = w.person;
    return [
      ['GET', `/registry/people?projectId=${w.project.id}`],
      ['POST', '/registry/people', personBody(w.project.id)],
      ['POST', '/registry/people/search', { projectId: w.project.id, q: 'Nigina' }],
      ['POST', '/registry/people/duplicates', { projectId: w.project.id, name: 'Нигина Саидова', email: null }],
      ['GET', `/registry/people/contacts.csv?projectId=${w.project.id}`],
      ['GET', `/registry/people/${p.id}`],
      ['PATCH', `/registry/people/${p.id}`, { version: p.version, city: 'Kazan' }],
      ['DELETE', `/registry/people/${p.id}?version=${p.version}`],
      ['GET', `/registry/people/${p.id}/export`],
      ['POST', `/registry/people/${p.id}/erase`, { version: p.version, confirm: true }],
      ['GET', `/registry/people/${p.id}/consents`],
      ['POST', `/registry/people/${p.id}/consents`, { purpose: 'x', noticeVersion: 'v2', givenOn: '2026-02-01' }],
      ['POST', `/registry/people/${p.id}/consent/withdraw`, {}],
      ['POST', `/activities/${w.activity.id}/attendance`, { personIds: [p.id] }],
      ['POST', `/registry/organisations`, { projectId: w.project.id, name: 'X', country: 'RU', type: 'association' }],
      ['PATCH', `/registry/organisations/${w.organisation.id}`, { version: 1, city: 'Kazan' }],
      ['POST', `/registry/organisations/${w.organisation.id}/engagements`, { date: '2026-01-01', note: 'Met' }],
    ];
  }

  it.each(['partner', 'donor'] as const)('as %s: every people route answers 403 and changes nothing', async (role) => {
    const w = await world();
    const before = await databaseDigest(app.db);
    for (const [method, path, body] of personalCalls(w)) {
      const res = await as[role].request(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.text).not.toContain('Nigina');
    }
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it.each(['partner', 'donor'] as const)('as %s: organisations come back without contact details or engagement notes', async (role) => {
    const w = await world();
    await as.manager.post(`/registry/organisations/${w.organisation.id}/engagements`, { date: '2026-01-20', note: 'Met Mr Karimov' });
    const list = await as[role].get(`/registry/organisations?projectId=${w.project.id}`);
    expect(list.status).toBe(200);
    const one = await as[role].get(`/registry/organisations/${w.organisation.id}`);
    for (const org of [list.body.items[0], one.body]) {
      const parsed = OrganisationSchema.parse(org);
      expect(parsed).toMatchObject({ redacted: true, contactPerson: null, contactEmail: null, contactPhone: null, name: w.organisation.name });
      expect(parsed.engagements).toEqual([expect.objectContaining({ date: '2026-01-20', note: null })]);
    }
    expect(list.text + one.text).not.toMatch(/Firuza|firuza|Karimov/);
  });

  it('as a manager: organisations carry their contact details, the contact person by name, and showing the contact is logged', async () => {
    const w = await world();
    const res = await as.manager.get(`/registry/organisations/${w.organisation.id}`);
    expect(res.body).toMatchObject({
      redacted: false,
      contactPerson: { id: w.contact.id, name: 'Firuza Contactova', erased: false },
      contactEmail: 'firuza.contact@example.org',
    });
    const list = await as.manager.get(`/registry/organisations?projectId=${w.project.id}`);
    expect(list.body.items[0].contactPerson).toEqual({ id: w.contact.id, name: 'Firuza Contactova', erased: false });
    expect(await accessLog(w.contact.id)).toEqual([
      { user_id: ids.manager, action: 'view' },
      { user_id: ids.manager, action: 'list' },
    ]);
  });

  it.each(['partner', 'donor'] as const)('as %s: attendance gives counts only, no people', async (role) => {
    const w = await world();
    const res = await as[role].get(`/activities/${w.activity.id}/attendance`);
    expect(res.status).toBe(200);
    const body = AttendanceListSchema.parse(res.body);
    expect(body).toMatchObject({ items: [], redacted: true, total: 1 });
    expect(body.counts.uniquePeople).toBe(1);
    expect(res.text).not.toContain('Nigina');
  });

  it.each(['partner', 'donor'] as const)('as %s: the summary holds aggregates only', async (role) => {
    const w = await world();
    const res = await as[role].get(`/registry/summary?projectId=${w.project.id}`);
    expect(res.status).toBe(200);
    RegistrySummarySchema.parse(res.body);
    expect(res.text).not.toMatch(/Nigina|Saidova|example\.org|Moscow/);
  });

  it('a manager who is not a member gets 404 from person, organisation, attendance and summary routes alike', async () => {
    const w = await world();
    for (const path of [
      `/registry/people?projectId=${w.project.id}`,
      `/registry/people/${w.person.id}`,
      `/registry/people/${w.person.id}/export`,
      `/registry/organisations/${w.organisation.id}`,
      `/registry/summary?projectId=${w.project.id}`,
      `/activities/${w.activity.id}/attendance`,
      `/projects/${w.project.id}/attendance/engagement`,
    ]) {
      const res = await as.outsider.get(path);
      expect(res.status, path).toBe(404);
    }
    expect(await accessLog(w.person.id)).toEqual([]);
  });

  it('personal responses are never cached', async () => {
    const w = await world();
    for (const path of [`/registry/people/${w.person.id}`, `/registry/people?projectId=${w.project.id}`, `/registry/people/${w.person.id}/export`]) {
      const res = await as.manager.get(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});

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

describe('organisations', () => {
  it('create, update with version, add engagement, delete: each audited', async () => {
    const { project } = await world();
    const created = await as.manager.post('/registry/organisations', {
      projectId: project.id,
      name: 'Tajik Business Network Almaty',
      country: 'KZ',
      city: 'Almaty',
      type: 'business_network',
      sectors: ['business_trade'],
      sizeEstimate: 120,
      links: ['https://example.org/tbn'],
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as number;
    expect((await as.manager.patch(`/registry/organisations/${id}`, { version: 2, city: 'Astana' })).status).toBe(409);
    expect((await as.manager.patch(`/registry/organisations/${id}`, { version: 1, city: 'Astana' })).body).toMatchObject({
      city: 'Astana',
      version: 2,
    });
    const engaged = await as.manager.post(`/registry/organisations/${id}/engagements`, { date: '2026-02-02', note: 'Invited to the forum' });
    expect(engaged.body.engagements).toEqual([expect.objectContaining({ date: '2026-02-02', note: 'Invited to the forum' })]);
    expect((await as.manager.post('/registry/organisations', { projectId: project.id, name: 'X', country: 'KZ', type: 'club' })).status).toBe(400);
    expect((await as.manager.delete(`/registry/organisations/${id}?version=2`)).status).toBe(204);
    expect((await auditRows(app.db, 'organisation', id)).map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });
});

describe('organisation contact person', () => {
  it('is picked from the project registry: set on create, changed and cleared with the version, by id in the audit', async () => {
    const { project, contact } = await world();
    const other = await makePerson(app.db, project.id, { name: 'Dilshod Contactov' });
    const created = await as.manager.post('/registry/organisations', {
      projectId: project.id,
      name: 'Tajik Club Kazan',
      country: 'RU',
      type: 'association',
      contactPersonId: contact.id,
    });
    expect(created.status, created.text).toBe(201);
    expect(OrganisationSchema.parse(created.body).contactPerson).toEqual({ id: contact.id, name: 'Firuza Contactova', erased: false });
    const id = created.body.id as number;
    const changed = await as.manager.patch(`/registry/organisations/${id}`, { version: 1, contactPersonId: other.id });
    expect(changed.body).toMatchObject({ version: 2, contactPerson: { id: other.id, name: 'Dilshod Contactov' } });
    const before = await databaseDigest(app.db);
    expect((await as.manager.patch(`/registry/organisations/${id}`, { version: 1, contactPersonId: null })).status).toBe(409);
    expect(await databaseDigest(app.db)).toBe(before);
    const cleared = await as.manager.patch(`/registry/organisations/${id}`, { version: 2, contactPersonId: null });
    expect(cleared.body).toMatchObject({ version: 3, contactPerson: null });
    const audit = await auditRows(app.db, 'organisation', id);
    expect(audit.map((r) => (r.after as { contactPersonId: number | null }).contactPersonId)).toEqual([contact.id, other.id, null]);
    expect(JSON.stringify(audit)).not.toMatch(/Contactov/);
  });

  it('refuses a person of another project, an erased person, or an unknown id, on contactPersonId, and writes nothing', async () => {
    const { project, organisation } = await world();
    const stranger = await makePerson(app.db, (await makeProject(app.db)).id);
    const erased = await makePerson(app.db, project.id);
    await as.manager.post(`/registry/people/${erased.id}/erase`, { version: 1, confirm: true });
    const before = await databaseDigest(app.db);
    for (const contactPersonId of [stranger.id, erased.id, 9_999_999]) {
      const created = await as.manager.post('/registry/organisations', {
        projectId: project.id,
        name: 'X',
        country: 'RU',
        type: 'association',
        contactPersonId,
      });
      expect(created.status, created.text).toBe(400);
      expect(created.body.error.details.issues[0].path).toBe('contactPersonId');
      const updated = await as.manager.patch(`/registry/organisations/${organisation.id}`, { version: 1, contactPersonId });
      expect(updated.status).toBe(400);
    }
    expect((await as.manager.patch(`/registry/organisations/${organisation.id}`, { version: 1, contactPerson: 'Free Text' })).status).toBe(400);
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('after erasure of the contact the organisation keeps the link to the anonymised record, and other edits still save', async () => {
    const { organisation, contact } = await world();
    expect((await as.manager.post(`/registry/people/${contact.id}/erase`, { version: 1, confirm: true })).status).toBe(200);
    const res = await as.manager.get(`/registry/organisations/${organisation.id}`);
    expect(res.body.contactPerson).toEqual({ id: contact.id, name: `Erased person #${contact.id}`, erased: true });
    expect(res.text).not.toContain('Firuza Contactova');
    const edited = await as.manager.patch(`/registry/organisations/${organisation.id}`, { version: 1, city: 'Kazan', contactPersonId: contact.id });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.contactPerson).toMatchObject({ id: contact.id, erased: true });
  });

  it('deleting the contact person (a record made by mistake) leaves the organisation without a contact', async () => {
    const { organisation, contact } = await world();
    expect((await as.manager.delete(`/registry/people/${contact.id}?version=1`)).status).toBe(204);
    expect((await as.manager.get(`/registry/organisations/${organisation.id}`)).body.contactPerson).toBeNull();
  });

  it('appears in the export of the person (subject access)', async () => {
    const { organisation, contact } = await world();
    const res = await as.manager.get(`/registry/people/${contact.id}/export`);
    expect(res.body.contactFor).toEqual([{ id: organisation.id, name: organisation.name }]);
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
