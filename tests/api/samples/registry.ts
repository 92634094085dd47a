import { makePerson } from '../../factories';
import type { RouteKey } from '../../../server/src/http/policy';
import { app, world, indicatorWorld, csvUpload, registryWorld, type Sample } from './context';

/** The diaspora registry, organisations and attendance. */
export const REGISTRY_SAMPLES = {
  'GET /registry/people': async () => ({ method: 'GET', path: `/registry/people?projectId=${(await registryWorld()).project.id}` }),
  'POST /registry/people': async () => ({
    method: 'POST',
    path: '/registry/people',
    body: { projectId: (await world()).project.id, name: 'Zarina Sample', sex: 'female', country: 'KZ', email: 'zarina.sample@example.org' },
  }),
  'POST /registry/people/search': async () => ({
    method: 'POST',
    path: '/registry/people/search',
    body: { projectId: (await registryWorld()).project.id, q: 'Person' },
  }),
  'POST /registry/people/duplicates': async () => {
    const { project, person } = await registryWorld();
    return {
      method: 'POST',
      path: '/registry/people/duplicates',
      body: { projectId: project.id, name: person.name, birthYear: 1980, country: 'RU' },
    };
  },
  'GET /registry/people/contacts.csv': async () => ({
    method: 'GET',
    path: `/registry/people/contacts.csv?projectId=${(await registryWorld()).project.id}`,
  }),
  'GET /registry/people/:id': async () => ({ method: 'GET', path: `/registry/people/${(await registryWorld()).person.id}` }),
  'PATCH /registry/people/:id': async () => {
    const { person } = await registryWorld();
    return { method: 'PATCH', path: `/registry/people/${person.id}`, body: { version: person.version, city: 'Moscow' } };
  },
  'DELETE /registry/people/:id': async () => {
    const person = await makePerson(app.db, (await world()).project.id);
    return { method: 'DELETE', path: `/registry/people/${person.id}?version=${person.version}` };
  },
  'GET /registry/people/:id/export': async () => ({
    method: 'GET',
    path: `/registry/people/${(await registryWorld()).person.id}/export`,
  }),
  'POST /registry/people/:id/erase': async () => {
    const { person } = await registryWorld();
    return { method: 'POST', path: `/registry/people/${person.id}/erase`, body: { version: person.version, confirm: true } };
  },
  'GET /registry/people/:id/consents': async () => ({
    method: 'GET',
    path: `/registry/people/${(await registryWorld()).person.id}/consents`,
  }),
  'POST /registry/people/:id/consents': async () => ({
    method: 'POST',
    path: `/registry/people/${(await makePerson(app.db, (await world()).project.id, { consent: false })).id}/consents`,
    body: { purpose: 'Diaspora mapping', noticeVersion: 'v2', givenOn: '2026-02-01' },
  }),
  'POST /registry/people/:id/consent/withdraw': async () => ({
    method: 'POST',
    path: `/registry/people/${(await registryWorld()).person.id}/consent/withdraw`,
    body: { withdrawnOn: '2026-03-01' },
  }),
  'GET /registry/organisations': async () => ({
    method: 'GET',
    path: `/registry/organisations?projectId=${(await registryWorld()).project.id}`,
  }),
  'POST /registry/organisations': async () => {
    const { project } = await world();
    return {
      method: 'POST',
      path: '/registry/organisations',
      body: {
        projectId: project.id,
        name: 'Tajik Students in Almaty',
        country: 'KZ',
        type: 'student_group',
        contactPersonId: (await makePerson(app.db, project.id)).id,
      },
    };
  },
  'GET /registry/organisations/:id': async () => ({
    method: 'GET',
    path: `/registry/organisations/${(await registryWorld()).organisation.id}`,
  }),
  'PATCH /registry/organisations/:id': async () => {
    const { organisation } = await registryWorld();
    return { method: 'PATCH', path: `/registry/organisations/${organisation.id}`, body: { version: organisation.version, city: 'Almaty' } };
  },
  'DELETE /registry/organisations/:id': async () => {
    const { organisation } = await registryWorld();
    return { method: 'DELETE', path: `/registry/organisations/${organisation.id}?version=${organisation.version}` };
  },
  'POST /registry/organisations/:id/engagements': async () => ({
    method: 'POST',
    path: `/registry/organisations/${(await registryWorld()).organisation.id}/engagements`,
    body: { date: '2026-02-01', note: 'Met the board' },
  }),
  'POST /registry/import': async () => ({
    method: 'POST',
    path: `/registry/import?projectId=${(await world()).project.id}`,
    ...csvUpload('Name,Country,Email\r\nRustam Sample,RU,rustam.sample@example.org\r\n', {
      mapping: JSON.stringify({ name: 'Name', country: 'Country', email: 'Email' }),
    }),
  }),
  'GET /registry/summary': async () => ({ method: 'GET', path: `/registry/summary?projectId=${(await registryWorld()).project.id}` }),
  'GET /activities/:id/attendance': async () => ({
    method: 'GET',
    path: `/activities/${(await registryWorld()).activity.id}/attendance`,
  }),
  'POST /activities/:id/attendance': async () => {
    const { project, activity } = await world();
    return { method: 'POST', path: `/activities/${activity.id}/attendance`, body: { personIds: [(await makePerson(app.db, project.id)).id] } };
  },
  'POST /activities/:id/attendance/import': async () => {
    const { project, activity } = await world();
    const person = await makePerson(app.db, project.id);
    return { method: 'POST', path: `/activities/${activity.id}/attendance/import`, ...csvUpload(`email\r\n${person.email}\r\n`) };
  },
  'DELETE /attendance/:id': async () => ({ method: 'DELETE', path: `/attendance/${(await registryWorld()).attended.id}` }),
  'GET /projects/:id/attendance/engagement': async () => ({
    method: 'GET',
    path: `/projects/${(await registryWorld()).project.id}/attendance/engagement?from=2026-01-01&to=2026-12-31`,
  }),
  'POST /indicators/:id/periods/:periodId/propose-from-attendance': async () => {
    const { indicator, period } = await indicatorWorld();
    return { method: 'POST', path: `/indicators/${indicator.id}/periods/${period.id}/propose-from-attendance`, body: {} };
  },
} satisfies Partial<Record<RouteKey, Sample>>;
