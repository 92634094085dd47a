import type { Role } from '@shared/enums';
import type { RouteKey } from '../../server/src/http/policy';
import {
  makeActivity,
  makeAttendance,
  makeBudgetLine,
  makeDependency,
  makeExpenditure,
  makeIndicator,
  makeMilestone,
  makeOutcome,
  makeOrganisation,
  makeOutput,
  makePeriod,
  makePerson,
  makeProject,
  makeReport,
  makeResetToken,
  makeSubEvent,
  makeUser,
  makeValue,
  TEST_PASSWORD,
} from '../factories';
import type { ApiClient, TestApp } from './harness';
import { rawGet, rawRun } from './raw-sql';
import { enrolTotp, forgetUsedCodes, markTotpEnabled, totpCode } from './totp-support';

/**
 * One valid request for every route in ROUTE_POLICY, shared by policy.test.ts (who may
 * call what) and fuzz.test.ts (what spoiled versions of it do). A new route needs a
 * sample here, or both tests fail. Each test file binds its own app with useSampleApp
 * (vitest gives every test file its own copy of this module).
 */

let app: TestApp;
let userIds: Record<Role, number>;
let clients: Record<Role, ApiClient>;

/** Binds the samples to a test file's app, one user id per role and their signed-in clients. */
export function useSampleApp(testApp: TestApp, ids: Record<Role, number>, signedIn: Record<Role, ApiClient>): void {
  app = testApp;
  userIds = ids;
  clients = signedIn;
}

export type Call = {
  client?: ApiClient;
  method: string;
  path: string;
  body?: unknown;
  /** A body sent as is (uploads), with its headers. */
  raw?: string;
  headers?: Record<string, string>;
};

/** Fresh data for a project all four roles belong to. */
async function world() {
  const project = await makeProject(app.db, { memberIds: Object.values(userIds) });
  const outcome = await makeOutcome(app.db, project.id);
  const spare = await makeOutcome(app.db, project.id);
  const output = await makeOutput(app.db, outcome);
  const activity = await makeActivity(app.db, outcome);
  return { project, outcome, spare, output, activity };
}

/** A project all four roles belong to, with an outcome indicator and one of its periods. */
async function indicatorWorld() {
  const { project, outcome } = await world();
  const indicator = await makeIndicator(app.db, project.id, { outcomeId: outcome.id });
  const period = await makePeriod(app.db, indicator);
  return { project, indicator, period };
}

/** A multipart body holding a small PDF in the field "file". */
function pdfUpload(): { raw: string; headers: Record<string, string> } {
  const boundary = 'policy-test-boundary';
  const pdf = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';
  return {
    raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Evidence uploaded by the admin to a value, which is then given the status asked for. */
async function evidenceOf(status: 'draft' | 'approved'): Promise<number> {
  const { period } = await indicatorWorld();
  const value = await makeValue(app.db, period);
  const res = await clients.admin.request('POST', `/values/${value.id}/evidence`, pdfUpload());
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  await rawRun(app.db, 'UPDATE indicator_values SET status = ? WHERE id = ?', status, value.id);
  return (res.body as { id: number }).id;
}

/** A multipart body holding a CSV in "file" and text fields (registry and attendance imports). */
function csvUpload(csv: string, fields: Record<string, string> = {}): { raw: string; headers: Record<string, string> } {
  const boundary = 'registry-sample-boundary';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return {
    raw: `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sheet.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A project all roles belong to, with a registry person who attended its activity. */
async function registryWorld() {
  const w = await world();
  const person = await makePerson(app.db, w.project.id);
  const organisation = await makeOrganisation(app.db, w.project.id, {
    contactPersonId: (await makePerson(app.db, w.project.id, { name: 'Contact Person' })).id,
  });
  const attended = await makeAttendance(app.db, w.activity, person.id);
  return { ...w, person, organisation, attended };
}

/** A receipt uploaded by the admin to a new ledger entry; its evidence id. */
async function receiptOf(): Promise<number> {
  const entry = await makeExpenditure(app.db, (await world()).project);
  const res = await clients.admin.request('POST', `/expenditures/${entry.id}/evidence`, pdfUpload());
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return (res.body as { id: number }).id;
}

/** A report of a new project all roles belong to: a draft, or submitted for review. */
async function reportOf(status: 'draft' | 'submitted') {
  return await makeReport(app.db, (await world()).project.id, { status });
}

/** A small valid IATI 2.03 file of one activity with the given project ID. */
function iatiSample(code: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03"><iati-activity default-currency="USD">
<iati-identifier>XM-DAC-47066-${code}</iati-identifier>
<reporting-org ref="XM-DAC-47066" type="40"><narrative>IOM</narrative></reporting-org>
<title><narrative>Imported project ${code}</narrative></title>
<description><narrative>From a file</narrative></description>
<participating-org role="4"><narrative>IOM</narrative></participating-org>
<activity-status code="2"/>
<activity-date type="1" iso-date="2026-01-01"/><activity-date type="3" iso-date="2026-12-31"/>
<recipient-country code="TJ"/>
<budget type="1"><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><value value-date="2026-01-01">5000.00</value></budget>
</iati-activity></iati-activities>`;
}

/** A valid request for every route, given the caller's role; a new route without one fails the test. */
export const SAMPLES: Record<RouteKey, (role: Role) => Promise<Call>> = {
  'GET /health': async () => ({ method: 'GET', path: '/health' }),
  'POST /auth/login': async () => {
    // An account without a language yet: a sign-in from a Russian page gives it Russian.
    const user = await makeUser(app.db, { role: 'donor', locale: null });
    return { method: 'POST', path: '/auth/login', body: { email: user.email, password: TEST_PASSWORD, locale: 'ru' } };
  },
  'GET /auth/me': async () => ({ method: 'GET', path: '/auth/me' }),
  'POST /auth/logout': async (role) => ({ client: await freshClient(role), method: 'POST', path: '/auth/logout' }),
  'PATCH /auth/preferences': async () => ({ method: 'PATCH', path: '/auth/preferences', body: { locale: 'ru' } }),
  'POST /auth/password': async (role) => ({
    client: await freshClient(role),
    method: 'POST',
    path: '/auth/password',
    body: { currentPassword: TEST_PASSWORD, newPassword: 'a much longer passphrase 2026' },
  }),
  'POST /auth/login/totp': async () => {
    const user = await makeUser(app.db, { role: 'manager' });
    const { secret } = await enrolTotp(await app.login(user.email));
    await forgetUsedCodes(app.db, user.id);
    const first = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    return { method: 'POST', path: '/auth/login/totp', body: { mfaToken: first.body.mfaToken, code: totpCode(secret) } };
  },
  'POST /auth/password-reset': async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    return {
      method: 'POST',
      path: '/auth/password-reset',
      body: { token: await makeResetToken(app.db, user.id), newPassword: 'a brand new passphrase 2026' },
    };
  },
  'GET /auth/totp': async () => ({ method: 'GET', path: '/auth/totp' }),
  'POST /auth/totp/setup': async (role) => ({ client: await freshClient(role), method: 'POST', path: '/auth/totp/setup' }),
  'POST /auth/totp/enable': async (role) => {
    const client = await freshClient(role);
    const setup = await client.post('/auth/totp/setup');
    return { client, method: 'POST', path: '/auth/totp/enable', body: { code: totpCode(setup.body.secret) } };
  },
  'POST /auth/totp/disable': async (role) => {
    const user = await makeUser(app.db, { role });
    const client = await app.login(user.email);
    const { secret } = await enrolTotp(client);
    await forgetUsedCodes(app.db, user.id);
    return { client, method: 'POST', path: '/auth/totp/disable', body: { password: TEST_PASSWORD, code: totpCode(secret) } };
  },
  'GET /auth/sessions': async () => ({ method: 'GET', path: '/auth/sessions' }),
  'DELETE /sessions/:id': async (role) => {
    // Another session of the caller's own account, so the caller's client stays signed in.
    const { email } = (await rawGet<{ email: string }>(app.db, 'SELECT email FROM users WHERE id = ?', userIds[role]))!;
    const other = await app.login(email);
    const listed = await other.get('/auth/sessions');
    const current = (listed.body.items as { id: string; current: boolean }[]).find((s) => s.current);
    return { method: 'DELETE', path: `/sessions/${current?.id ?? 'missing'}` };
  },
  'GET /users/:id/sessions': async () => ({ method: 'GET', path: `/users/${userIds.donor}/sessions` }),
  'POST /users/:id/password-reset': async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    return { method: 'POST', path: `/users/${user.id}/password-reset` };
  },
  'DELETE /users/:id/totp': async () => {
    const user = await makeUser(app.db, { role: 'manager' });
    await markTotpEnabled(app.db, user.id);
    return { method: 'DELETE', path: `/users/${user.id}/totp` };
  },
  'GET /settings/security': async () => ({ method: 'GET', path: '/settings/security' }),
  // Turning the requirement on needs the admin's own two-factor sign-in, so fuzzing cannot lock the other tests out.
  'PATCH /settings/security': async () => ({ method: 'PATCH', path: '/settings/security', body: { requireTotpForEditors: false } }),
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
  'GET /users': async () => ({ method: 'GET', path: '/users' }),
  'POST /users': async () => ({
    method: 'POST',
    path: '/users',
    body: {
      email: `new-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: 'New Person',
      role: 'partner',
      password: 'a long enough passphrase',
      locale: 'tg',
    },
  }),
  'GET /users/:id': async () => ({ method: 'GET', path: `/users/${userIds.donor}` }),
  'PATCH /users/:id': async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    return { method: 'PATCH', path: `/users/${user.id}`, body: { version: user.version, organisation: 'Ministry' } };
  },
};

async function freshClient(role: Role): Promise<ApiClient> {
  const user = await makeUser(app.db, { role });
  return app.login(user.email);
}
