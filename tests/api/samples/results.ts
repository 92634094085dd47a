import { makeUser, makeValue } from '../../factories';
import type { RouteKey } from '../../../server/src/http/policy';
import { app, world, indicatorWorld, pdfUpload, evidenceOf, type Sample } from './context';

/** Projects, the results framework, indicators, periods, values, activities and comments. */
export const RESULTS_SAMPLES = {
  'GET /projects': async () => ({ method: 'GET', path: '/projects' }),
  'POST /projects': async () => ({
    method: 'POST',
    path: '/projects',
    body: {
      code: `P.${Math.random().toString(36).slice(2, 8)}`,
      title: 'A new project',
      status: 'pipeline',
      type: 'research',
      region: 'europe',
      memberStates: ['MD'],
      coverage: 'national',
      startYear: 2026,
      endYear: 2027,
      budget: { amount: '1000.00', currency: 'EUR' },
    },
  }),
  'GET /projects/:id': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}` }),
  'PATCH /projects/:id': async () => {
    const { project } = await world();
    return { method: 'PATCH', path: `/projects/${project.id}`, body: { version: project.version, title: 'Renamed' } };
  },
  'GET /projects/:id/results': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/results` }),
  'POST /projects/:id/outcomes': async () => ({
    method: 'POST',
    path: `/projects/${(await world()).project.id}/outcomes`,
    body: { title: 'Another outcome' },
  }),
  'PATCH /outcomes/:id': async () => {
    const { outcome } = await world();
    return { method: 'PATCH', path: `/outcomes/${outcome.id}`, body: { version: outcome.version, title: 'Renamed' } };
  },
  'DELETE /outcomes/:id': async () => {
    const { spare } = await world();
    return { method: 'DELETE', path: `/outcomes/${spare.id}?version=${spare.version}` };
  },
  'POST /outcomes/:id/outputs': async () => ({
    method: 'POST',
    path: `/outcomes/${(await world()).outcome.id}/outputs`,
    body: { title: 'Another output' },
  }),
  'PATCH /outputs/:id': async () => {
    const { output } = await world();
    return { method: 'PATCH', path: `/outputs/${output.id}`, body: { version: output.version, title: 'Renamed' } };
  },
  'DELETE /outputs/:id': async () => {
    const { output } = await world();
    return { method: 'DELETE', path: `/outputs/${output.id}?version=${output.version}` };
  },
  'GET /projects/:id/indicators': async () => ({
    method: 'GET',
    path: `/projects/${(await indicatorWorld()).project.id}/indicators`,
  }),
  'POST /projects/:id/indicators': async () => ({
    method: 'POST',
    path: `/projects/${(await world()).project.id}/indicators`,
    body: { title: 'Diaspora members taking part', measure: 'number', frequency: 'annual' },
  }),
  'GET /indicators/:id': async () => ({ method: 'GET', path: `/indicators/${(await indicatorWorld()).indicator.id}` }),
  'PATCH /indicators/:id': async () => {
    const { indicator } = await indicatorWorld();
    return { method: 'PATCH', path: `/indicators/${indicator.id}`, body: { version: indicator.version, title: 'Renamed' } };
  },
  'DELETE /indicators/:id': async () => {
    const { indicator } = await indicatorWorld();
    return { method: 'DELETE', path: `/indicators/${indicator.id}?version=${indicator.version}` };
  },
  'GET /indicators/:id/periods': async () => ({
    method: 'GET',
    path: `/indicators/${(await indicatorWorld()).indicator.id}/periods`,
  }),
  'POST /indicators/:id/periods': async () => ({
    method: 'POST',
    path: `/indicators/${(await indicatorWorld()).indicator.id}/periods`,
    body: { start: '2025-04-01', end: '2025-06-30', target: 80 },
  }),
  'PATCH /periods/:id': async () => {
    const { period } = await indicatorWorld();
    return { method: 'PATCH', path: `/periods/${period.id}`, body: { version: period.version, target: 60 } };
  },
  'DELETE /periods/:id': async () => {
    const { period } = await indicatorWorld();
    return { method: 'DELETE', path: `/periods/${period.id}?version=${period.version}` };
  },
  'POST /periods/:id/unlock': async () => {
    const { period } = await indicatorWorld();
    await makeValue(app.db, period, { status: 'approved' });
    return { method: 'POST', path: `/periods/${period.id}/unlock`, body: { reason: 'The source was corrected' } };
  },
  'POST /periods/:id/values': async () => ({
    method: 'POST',
    path: `/periods/${(await indicatorWorld()).period.id}/values`,
    body: { value: 12, comment: 'From the attendance sheets' },
  }),
  'PATCH /values/:id': async () => {
    const value = await makeValue(app.db, (await indicatorWorld()).period);
    return { method: 'PATCH', path: `/values/${value.id}`, body: { version: value.version, value: 14 } };
  },
  'DELETE /values/:id': async () => {
    const value = await makeValue(app.db, (await indicatorWorld()).period);
    return { method: 'DELETE', path: `/values/${value.id}?version=${value.version}` };
  },
  'POST /values/:id/submit': async () => {
    const value = await makeValue(app.db, (await indicatorWorld()).period);
    return { method: 'POST', path: `/values/${value.id}/submit`, body: { version: value.version } };
  },
  'POST /values/:id/approve': async () => {
    const submitter = await makeUser(app.db, { role: 'manager' });
    const value = await makeValue(app.db, (await indicatorWorld()).period, { status: 'submitted', submittedBy: submitter.id });
    return { method: 'POST', path: `/values/${value.id}/approve`, body: { version: value.version } };
  },
  'POST /values/:id/return': async () => {
    const submitter = await makeUser(app.db, { role: 'manager' });
    const value = await makeValue(app.db, (await indicatorWorld()).period, { status: 'submitted', submittedBy: submitter.id });
    return { method: 'POST', path: `/values/${value.id}/return`, body: { version: value.version, note: 'Check the source' } };
  },
  'POST /values/:id/evidence': async () => {
    const value = await makeValue(app.db, (await indicatorWorld()).period);
    return { method: 'POST', path: `/values/${value.id}/evidence`, ...pdfUpload() };
  },
  'GET /evidence/:id': async () => ({ method: 'GET', path: `/evidence/${await evidenceOf('approved')}` }),
  'DELETE /evidence/:id': async () => ({ method: 'DELETE', path: `/evidence/${await evidenceOf('draft')}` }),
  'GET /projects/:id/me-overview': async () => ({
    method: 'GET',
    path: `/projects/${(await indicatorWorld()).project.id}/me-overview`,
  }),
  'GET /projects/:id/rag-thresholds': async () => ({
    method: 'GET',
    path: `/projects/${(await world()).project.id}/rag-thresholds`,
  }),
  'PATCH /projects/:id/rag-thresholds': async () => ({
    method: 'PATCH',
    path: `/projects/${(await world()).project.id}/rag-thresholds`,
    body: { version: 1, onTrack: 0.8, atRisk: 0.5 },
  }),
  'GET /projects/:id/activities': async () => ({
    method: 'GET',
    path: `/projects/${(await world()).project.id}/activities`,
  }),
  'POST /projects/:id/activities': async () => {
    const { project, outcome } = await world();
    return {
      method: 'POST',
      path: `/projects/${project.id}/activities`,
      body: { outcomeId: outcome.id, kind: 'study_tour', title: 'A study tour' },
    };
  },
  'GET /activities/:id': async () => ({ method: 'GET', path: `/activities/${(await world()).activity.id}` }),
  'PATCH /activities/:id': async () => {
    const { activity } = await world();
    return {
      method: 'PATCH',
      path: `/activities/${activity.id}`,
      body: { version: activity.version, status: 'in_progress', note: 'Started' },
    };
  },
  'DELETE /activities/:id': async () => {
    const { activity } = await world();
    return { method: 'DELETE', path: `/activities/${activity.id}?version=${activity.version}` };
  },
  'GET /activities/:id/history': async () => ({
    method: 'GET',
    path: `/activities/${(await world()).activity.id}/history`,
  }),
  'GET /activities/:id/comments': async () => ({
    method: 'GET',
    path: `/activities/${(await world()).activity.id}/comments`,
  }),
  'POST /activities/:id/comments': async () => ({
    method: 'POST',
    path: `/activities/${(await world()).activity.id}/comments`,
    body: { body: 'Хорошо, спасибо.' },
  }),
} satisfies Partial<Record<RouteKey, Sample>>;
