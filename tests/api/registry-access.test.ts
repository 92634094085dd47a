import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { OrganisationSchema } from '@shared/schemas/registry-organisation';
import { RegistrySummarySchema } from '@shared/schemas/registry-summary';
import { AttendanceListSchema } from '@shared/schemas/attendance';
import { makeActivity, makeAttendance, makeOrganisation, makeOutcome, makePerson, makeProject } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawAll } from './raw-sql';
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
