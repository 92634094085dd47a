import type { RouteKey } from '../../../server/src/http/policy';
import { world, reportOf, iatiSample, type Sample } from './context';

/** Reports, exports, the dashboard and IATI. */
export const REPORTS_SAMPLES = {
  'GET /projects/:id/reports': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/reports` }),
  'POST /projects/:id/reports': async () => ({
    method: 'POST',
    path: `/projects/${(await world()).project.id}/reports`,
    body: {
      kind: 'quarterly',
      title: 'First quarter 2026',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      narrative: { achievements: '<p>The forum met.</p>' },
    },
  }),
  'GET /reports/:id': async () => ({ method: 'GET', path: `/reports/${(await reportOf('submitted')).id}` }),
  'PATCH /reports/:id': async () => {
    const report = await reportOf('draft');
    return { method: 'PATCH', path: `/reports/${report.id}`, body: { version: report.version, title: 'Renamed' } };
  },
  'DELETE /reports/:id': async () => {
    const report = await reportOf('draft');
    return { method: 'DELETE', path: `/reports/${report.id}?version=${report.version}` };
  },
  'POST /reports/:id/submit': async () => {
    const report = await reportOf('draft');
    return { method: 'POST', path: `/reports/${report.id}/submit`, body: { version: report.version } };
  },
  'POST /reports/:id/accept': async () => {
    const report = await reportOf('submitted');
    return { method: 'POST', path: `/reports/${report.id}/accept`, body: { version: report.version } };
  },
  'POST /reports/:id/return': async () => {
    const report = await reportOf('submitted');
    return { method: 'POST', path: `/reports/${report.id}/return`, body: { version: report.version, comment: 'Add the seminar figures' } };
  },
  'GET /reports/:id/compare': async () => ({ method: 'GET', path: `/reports/${(await reportOf('submitted')).id}/compare` }),
  'GET /reports/:id/export.pdf': async () => ({ method: 'GET', path: `/reports/${(await reportOf('submitted')).id}/export.pdf` }),
  'GET /reports/:id/export.xlsx': async () => ({ method: 'GET', path: `/reports/${(await reportOf('submitted')).id}/export.xlsx?lang=ru` }),
  'GET /reports/:id/export.csv': async () => ({ method: 'GET', path: `/reports/${(await reportOf('submitted')).id}/export.csv?table=indicators` }),
  'GET /projects/:id/export.pdf': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/export.pdf?lang=tg` }),
  'GET /projects/:id/export.xlsx': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/export.xlsx` }),
  'GET /projects/:id/export.csv': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/export.csv?table=activities` }),
  'GET /dashboard': async () => ({ method: 'GET', path: '/dashboard' }),
  'GET /projects/:id/iati.xml': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/iati.xml` }),
  'GET /iati.xml': async () => ({ method: 'GET', path: '/iati.xml' }),
  'POST /iati/import': async () => ({
    method: 'POST',
    path: '/iati/import',
    raw: iatiSample(`S.${Math.random().toString(36).slice(2, 8)}`),
    headers: { 'content-type': 'application/xml' },
  }),
} satisfies Partial<Record<RouteKey, Sample>>;
