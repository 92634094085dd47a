import type { Role } from '@shared/enums';
import {
  makeActivity,
  makeAttendance,
  makeExpenditure,
  makeIndicator,
  makeOutcome,
  makeOrganisation,
  makeOutput,
  makePeriod,
  makePerson,
  makeProject,
  makeReport,
  makeUser,
  makeValue,
} from '../../factories';
import type { ApiClient, TestApp } from '../harness';
import { rawRun } from '../raw-sql';

// What every sample module shares: the app and users a test file bound, and fresh data to call routes on.

export let app: TestApp;
export let userIds: Record<Role, number>;
export let clients: Record<Role, ApiClient>;

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
export async function world() {
  const project = await makeProject(app.db, { memberIds: Object.values(userIds) });
  const outcome = await makeOutcome(app.db, project.id);
  const spare = await makeOutcome(app.db, project.id);
  const output = await makeOutput(app.db, outcome);
  const activity = await makeActivity(app.db, outcome);
  return { project, outcome, spare, output, activity };
}

/** A project all four roles belong to, with an outcome indicator and one of its periods. */
export async function indicatorWorld() {
  const { project, outcome } = await world();
  const indicator = await makeIndicator(app.db, project.id, { outcomeId: outcome.id });
  const period = await makePeriod(app.db, indicator);
  return { project, indicator, period };
}

/** A multipart body holding a small PDF in the field "file". */
export function pdfUpload(): { raw: string; headers: Record<string, string> } {
  const boundary = 'policy-test-boundary';
  const pdf = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';
  return {
    raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Evidence uploaded by the admin to a value, which is then given the status asked for. */
export async function evidenceOf(status: 'draft' | 'approved'): Promise<number> {
  const { period } = await indicatorWorld();
  const value = await makeValue(app.db, period);
  const res = await clients.admin.request('POST', `/values/${value.id}/evidence`, pdfUpload());
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  await rawRun(app.db, 'UPDATE indicator_values SET status = ? WHERE id = ?', status, value.id);
  return (res.body as { id: number }).id;
}

/** A multipart body holding a CSV in "file" and text fields (registry and attendance imports). */
export function csvUpload(csv: string, fields: Record<string, string> = {}): { raw: string; headers: Record<string, string> } {
  const boundary = 'registry-sample-boundary';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return {
    raw: `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sheet.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A project all roles belong to, with a registry person who attended its activity. */
export async function registryWorld() {
  const w = await world();
  const person = await makePerson(app.db, w.project.id);
  const organisation = await makeOrganisation(app.db, w.project.id, {
    contactPersonId: (await makePerson(app.db, w.project.id, { name: 'Contact Person' })).id,
  });
  const attended = await makeAttendance(app.db, w.activity, person.id);
  return { ...w, person, organisation, attended };
}

/** A receipt uploaded by the admin to a new ledger entry; its evidence id. */
export async function receiptOf(): Promise<number> {
  const entry = await makeExpenditure(app.db, (await world()).project);
  const res = await clients.admin.request('POST', `/expenditures/${entry.id}/evidence`, pdfUpload());
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return (res.body as { id: number }).id;
}

/** A report of a new project all roles belong to: a draft, or submitted for review. */
export async function reportOf(status: 'draft' | 'submitted') {
  return await makeReport(app.db, (await world()).project.id, { status });
}

/** A small valid IATI 2.03 file of one activity with the given project ID. */
export function iatiSample(code: string): string {
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

/** A new user of the role, signed in on a client of its own. */
export async function freshClient(role: Role): Promise<ApiClient> {
  const user = await makeUser(app.db, { role });
  return app.login(user.email);
}

/** One valid request for a route, made for a role. */
export type Sample = (role: Role) => Promise<Call>;
