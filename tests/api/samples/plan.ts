import { makeActivity, makeBudgetLine, makeDependency, makeExpenditure, makeMilestone, makeSubEvent } from '../../factories';
import type { RouteKey } from '../../../server/src/http/policy';
import { app, world, pdfUpload, receiptOf, type Sample } from './context';

/** Timeline, dependencies, milestones, sub-events, budget, budget lines and expenditures. */
export const PLAN_SAMPLES = {
  'GET /projects/:id/timeline': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/timeline` }),
  'GET /projects/:id/dependencies': async () => ({
    method: 'GET',
    path: `/projects/${(await world()).project.id}/dependencies`,
  }),
  'POST /projects/:id/dependencies': async () => {
    const { project, outcome, activity } = await world();
    const next = await makeActivity(app.db, outcome, { plannedStart: '2026-04-01', plannedEnd: '2026-05-31' });
    return { method: 'POST', path: `/projects/${project.id}/dependencies`, body: { from: activity.id, to: next.id } };
  },
  'DELETE /dependencies/:id': async () => {
    const { outcome, activity } = await world();
    const dependency = await makeDependency(app.db, activity, await makeActivity(app.db, outcome));
    return { method: 'DELETE', path: `/dependencies/${dependency.id}` };
  },
  'GET /activities/:id/dependencies': async () => ({
    method: 'GET',
    path: `/activities/${(await world()).activity.id}/dependencies?plannedEnd=2026-04-15`,
  }),
  'GET /projects/:id/milestones': async () => ({
    method: 'GET',
    path: `/projects/${(await world()).project.id}/milestones`,
  }),
  'POST /projects/:id/milestones': async () => {
    const { project, activity } = await world();
    return {
      method: 'POST',
      path: `/projects/${project.id}/milestones`,
      body: { activityId: activity.id, title: 'Mapping report published', dueDate: '2026-03-31' },
    };
  },
  'PATCH /milestones/:id': async () => {
    const milestone = await makeMilestone(app.db, (await world()).project.id);
    return { method: 'PATCH', path: `/milestones/${milestone.id}`, body: { version: milestone.version, doneDate: '2026-03-20' } };
  },
  'DELETE /milestones/:id': async () => {
    const milestone = await makeMilestone(app.db, (await world()).project.id);
    return { method: 'DELETE', path: `/milestones/${milestone.id}?version=${milestone.version}` };
  },
  'GET /activities/:id/sub-events': async () => ({
    method: 'GET',
    path: `/activities/${(await world()).activity.id}/sub-events`,
  }),
  'POST /activities/:id/sub-events': async () => ({
    method: 'POST',
    path: `/activities/${(await world()).activity.id}/sub-events`,
    body: { title: 'Seminar 1', date: '2026-02-10', place: 'Dushanbe' },
  }),
  'PATCH /sub-events/:id': async () => {
    const event = await makeSubEvent(app.db, (await world()).activity);
    return { method: 'PATCH', path: `/sub-events/${event.id}`, body: { version: event.version, place: 'Khujand' } };
  },
  'DELETE /sub-events/:id': async () => {
    const event = await makeSubEvent(app.db, (await world()).activity);
    return { method: 'DELETE', path: `/sub-events/${event.id}?version=${event.version}` };
  },
  'GET /projects/:id/budget': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/budget` }),
  'GET /projects/:id/health': async () => ({ method: 'GET', path: `/projects/${(await world()).project.id}/health` }),
  'PATCH /projects/:id/budget-settings': async () => ({
    method: 'PATCH',
    path: `/projects/${(await world()).project.id}/budget-settings`,
    body: { version: 1, tolerancePercent: 15 },
  }),
  'GET /projects/:id/budget-lines': async () => ({
    method: 'GET',
    path: `/projects/${(await world()).project.id}/budget-lines`,
  }),
  'POST /projects/:id/budget-lines': async () => ({
    method: 'POST',
    path: `/projects/${(await world()).project.id}/budget-lines`,
    body: { category: 'travel', title: 'Flights', amount: { amount: '500.00', currency: 'USD' } },
  }),
  'PATCH /budget-lines/:id': async () => {
    const line = await makeBudgetLine(app.db, (await world()).project);
    return {
      method: 'PATCH',
      path: `/budget-lines/${line.id}`,
      body: { version: line.version, amount: { amount: '1200.00', currency: 'USD' }, reason: 'Prices rose' },
    };
  },
  'DELETE /budget-lines/:id': async () => {
    const line = await makeBudgetLine(app.db, (await world()).project);
    return { method: 'DELETE', path: `/budget-lines/${line.id}?version=${line.version}` };
  },
  'GET /budget-lines/:id/revisions': async () => ({
    method: 'GET',
    path: `/budget-lines/${(await makeBudgetLine(app.db, (await world()).project)).id}/revisions`,
  }),
  'GET /projects/:id/expenditures': async () => ({
    method: 'GET',
    path: `/projects/${(await world()).project.id}/expenditures`,
  }),
  'POST /projects/:id/expenditures': async () => ({
    method: 'POST',
    path: `/projects/${(await world()).project.id}/expenditures`,
    body: { date: '2026-02-01', amount: { amount: '1000.00', currency: 'TJS' }, fxRate: '0.0917' },
  }),
  'POST /projects/:id/expenditures/import': async () => ({
    method: 'POST',
    path: `/projects/${(await world()).project.id}/expenditures/import`,
    raw: 'date,amount,currency\r\n2026-02-01,10.00,USD\r\n',
    headers: { 'content-type': 'text/csv' },
  }),
  'PATCH /expenditures/:id': async () => {
    const entry = await makeExpenditure(app.db, (await world()).project);
    return { method: 'PATCH', path: `/expenditures/${entry.id}`, body: { version: entry.version, payee: 'Hotel' } };
  },
  'DELETE /expenditures/:id': async () => {
    const entry = await makeExpenditure(app.db, (await world()).project);
    return { method: 'DELETE', path: `/expenditures/${entry.id}?version=${entry.version}` };
  },
  'POST /expenditures/:id/evidence': async () => ({
    method: 'POST',
    path: `/expenditures/${(await makeExpenditure(app.db, (await world()).project)).id}/evidence`,
    ...pdfUpload(),
  }),
  'GET /expenditure-evidence/:id': async () => ({ method: 'GET', path: `/expenditure-evidence/${await receiptOf()}` }),
  'DELETE /expenditure-evidence/:id': async () => ({ method: 'DELETE', path: `/expenditure-evidence/${await receiptOf()}` }),
} satisfies Partial<Record<RouteKey, Sample>>;
