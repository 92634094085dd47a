import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { OrganisationSchema } from '@shared/schemas/registry-organisation';
import { auditRows, makeActivity, makeAttendance, makeOrganisation, makeOutcome, makePerson, makeProject } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';

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
