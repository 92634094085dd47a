import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { parseXml, type XmlNode } from '../../server/src/features/iati/xml';
import { makeProject, makeUser } from '../factories';
import { validateIati } from '../support/iati-schema';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { text, xmlOf, fullProject as makeFullProject } from './iati-support';

let app: TestApp;
const clients = {} as Record<Role, ApiClient>;
const ids = {} as Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ['admin', 'manager', 'partner', 'donor'] as Role[]) {
    const user = await makeUser(app.db, { role });
    ids[role] = user.id;
    clients[role] = await app.login(user.email);
  }
});

afterAll(() => app.close());

/** A full project in this file's app, with its manager and donor as members. */
const fullProject = (code: string, db = app.db, members = [ids.manager, ids.donor]) => makeFullProject(code, db, members);

const child = (n: XmlNode | undefined, name: string) => n?.children.find((c) => c.name === name);

/** The document without the time stamps that change on every export. */
const normalise = (xml: string) => xml.replace(/ generated-datetime="[^"]*"/, '').replace(/ last-updated-datetime="[^"]*"/g, '');

describe('IATI export', () => {
  it('the schema check itself refuses an invalid document', async () => {
    const bad =
      '<?xml version="1.0"?><iati-activities version="2.03"><iati-activity><iati-identifier>X</iati-identifier></iati-activity></iati-activities>';
    expect((await validateIati(bad)).valid).toBe(false);
  });

  it('GET /projects/:id/iati.xml for a project with every optional part is valid against the IATI 2.03 schema and escapes every text', async () => {
    const p = await fullProject('FULL.1');
    const res = await xmlOf(clients.donor, `/projects/${p.id}/iati.xml`);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const check = await validateIati(res.text);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);

    const root = await parseXml(res.text);
    expect(root.attrs.version).toBe('2.03');
    const activity = child(root, 'iati-activity')!;
    expect(child(activity, 'iati-identifier')?.text).toBe('XM-DAC-47066-FULL.1');
    expect(text(child(activity, 'title'))).toBe('Вовлечение диаспоры <&> "quotes" \'apostrophes\' end');
    expect(activity.children.filter((c) => c.name === 'participating-org').map((o) => o.attrs.role)).toEqual(['1', '4']);
    expect(activity.children.filter((c) => c.name === 'activity-date').map((d) => `${d.attrs.type}:${d.attrs['iso-date']}`)).toEqual([
      '1:2025-03-01',
      '2:2025-03-01',
      '3:2026-08-31',
    ]);
    expect(activity.children.filter((c) => c.name === 'recipient-country').map((c) => c.attrs.code)).toEqual(['TJ', 'RU', 'KZ']);
    const budgets = activity.children.filter((c) => c.name === 'budget');
    expect(budgets.map((b) => `${b.attrs.type}:${child(b, 'value')?.text}`)).toEqual(['1:250000.50', '2:17000.00']);
    const transactions = activity.children.filter((c) => c.name === 'transaction');
    expect(transactions.map((t) => `${child(t, 'transaction-type')?.attrs.code}:${child(t, 'value')?.text}`)).toEqual([
      '2:3000.00',
      '4:1500.75',
      '4:-50.00',
    ]);
    expect(text(child(transactions[0], 'receiver-org'))).toBe('Hotel «Душанбе» & Co');
    const results = activity.children.filter((c) => c.name === 'result');
    expect(results.map((r) => r.attrs.type)).toEqual(['3', '2', '2', '1', '1']);
    const people = child(results[1], 'indicator')!;
    expect(child(people, 'baseline')?.attrs).toMatchObject({ year: '2024', value: '10' });
    const [first, second] = people.children.filter((c) => c.name === 'period');
    const actuals = first!.children.filter((c) => c.name === 'actual');
    expect(
      actuals.map((a) => `${child(a, 'dimension')?.attrs.name ?? 'total'}=${child(a, 'dimension')?.attrs.value ?? ''}:${a.attrs.value}`),
    ).toEqual([
      'total=:42',
      'sex=female:25',
      'sex=male:17',
      'sex=other:0',
      'participant group=government:10',
      'participant group=diaspora:30',
      'participant group=civil_society:2',
    ]);
    // Only approved values are published: the second period's value is only submitted.
    expect(second!.children.some((c) => c.name === 'actual')).toBe(false);
    expect(text(child(child(child(child(results[0], 'indicator'), 'period'), 'actual'), 'comment'))).toBe('Draft «policy» & annex');
  });

  it('CE.0219 from the demo seed exports as a valid IATI 2.03 activity, dates known by year only marked as such', async () => {
    const seeded = await startTestApp();
    try {
      await seedDemo(seeded.db);
      const admin = await seeded.login('admin@example.org', DEMO_PASSWORD);
      const ce = (await admin.get('/projects?q=CE.0219')).body.items[0];
      const res = await xmlOf(admin, `/projects/${ce.id}/iati.xml`);
      const check = await validateIati(res.text);
      expect(check.errors).toEqual([]);
      const activity = child(await parseXml(res.text), 'iati-activity')!;
      expect(child(activity, 'activity-status')?.attrs.code).toBe('4');
      const start = activity.children.find((c) => c.name === 'activity-date' && c.attrs.type === '1')!;
      expect(start.attrs['iso-date']).toBe('2013-01-01');
      expect(text(start)).toMatch(/^Year only/);
      expect(child(activity, 'budget')?.children.find((c) => c.name === 'value')?.text).toBe('150000.00');
    } finally {
      await seeded.close();
    }
  });

  it('GET /iati.xml streams one valid document of exactly the projects the caller may see', async () => {
    const mine = await fullProject('PORT.1');
    const other = await makeProject(app.db, { code: 'HIDDEN.1' });
    const res = await fetch(`${app.url}/iati.xml`, { headers: { cookie: clients.donor.cookie } });
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const xml = await res.text();
    expect((await validateIati(xml)).errors).toEqual([]);
    const identifiers = (await parseXml(xml)).children.map((a) => child(a, 'iati-identifier')?.text);
    expect(identifiers).toContain(`XM-DAC-47066-${mine.code}`);
    expect(identifiers).not.toContain(`XM-DAC-47066-${other.code}`);
  });
});

describe('IATI round trip', () => {
  it.each([['a project with every optional part'], ['CE.0219 from the demo seed']])(
    'export → import into an empty database → export again gives the same document: %s',
    async (which) => {
      const source = await startTestApp();
      const target = await startTestApp();
      try {
        let xml: string;
        if (which.startsWith('CE')) {
          await seedDemo(source.db);
          const admin = await source.login('admin@example.org', DEMO_PASSWORD);
          const ce = (await admin.get('/projects?q=CE.0219')).body.items[0];
          xml = (await admin.get(`/projects/${ce.id}/iati.xml`)).text;
        } else {
          const sourceAdmin = await makeUser(source.db, { role: 'admin' });
          const p = await fullProject('TRIP.1', source.db, []);
          xml = (await (await source.login(sourceAdmin.email)).get(`/projects/${p.id}/iati.xml`)).text;
        }
        const admin = await makeUser(target.db, { role: 'admin' });
        const client = await target.login(admin.email);
        const imported = await client.request('POST', '/iati/import', { raw: xml, headers: { 'content-type': 'application/xml' } });
        expect(imported.status, imported.text).toBe(201);
        expect(imported.body.activities[0].warnings).toEqual([]);
        const again = (await client.get(`/projects/${imported.body.activities[0].projectId}/iati.xml`)).text;
        expect(normalise(again)).toBe(normalise(xml));
      } finally {
        await source.close();
        await target.close();
      }
    },
  );
});
