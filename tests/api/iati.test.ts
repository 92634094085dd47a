import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { parseXml, type XmlNode } from '../../server/src/features/iati/xml';
import {
  auditRows,
  makeActivity,
  makeBudgetLine,
  makeExpenditure,
  makeIndicator,
  makeOutcome,
  makeOutput,
  makePeriod,
  makeProject,
  makeUser,
  makeValue,
} from '../factories';
import { validateIati } from '../support/iati-schema';
import { ApiClient, databaseDigest, startTestApp, type TestApp } from './harness';
import { rawAll } from './raw-sql';

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

/** A project using every part the export writes: goal, outcome and output indicators, all measures, both disaggregations, revisions, commitments, corrections, text that needs escaping. */
async function fullProject(code: string, db = app.db, members = [ids.manager, ids.donor]) {
  const p = await makeProject(db, {
    code,
    title: 'Вовлечение диаспоры <&> "quotes" \'apostrophes\'\u0001 end',
    description: 'Line one\nline two & <b>not markup</b>',
    goal: 'Goal: ҳамкорӣ',
    status: 'ongoing',
    coverage: 'subnational',
    region: 'europe',
    type: 'labour_mobility',
    startYear: 2025,
    endYear: 2026,
    plannedStart: '2025-03-01',
    plannedEnd: '2026-08-31',
    budgetMinor: 25_000_050,
    currency: 'EUR',
    implementingOrg: 'International Organization for Migration (IOM)',
    funder: 'A funder & partners',
    memberIds: members,
    countries: ['TJ', 'RU', 'KZ'],
  });
  const o1 = await makeOutcome(db, p.id, { title: 'Outcome one', description: 'First', position: 1 });
  const o2 = await makeOutcome(db, p.id, { title: 'Outcome two', position: 2 });
  const x1 = await makeOutput(db, o1, { title: 'Output 1.1', position: 1 });
  const x2 = await makeOutput(db, o2, { title: 'Output 2.1', description: 'Desc', position: 1 });
  const goal = await makeIndicator(db, p.id, { title: 'Policy adopted', measure: 'qualitative', position: 1, targetValue: 5 });
  const people = await makeIndicator(db, p.id, {
    outcomeId: o1.id,
    title: 'People reached',
    definition: 'Counted at events',
    baselineValue: 10,
    baselineYear: 2024,
    baselineComment: 'From the 2024 survey',
    disaggregations: ['sex', 'participantGroup'],
    position: 2,
  });
  const rate = await makeIndicator(db, p.id, {
    outputId: x1.id,
    title: 'Drop-out rate',
    measure: 'percentage',
    direction: 'lower_is_better',
    baselineValue: 30,
    baselineYear: 2025,
    targetValue: 10,
    position: 3,
  });
  await makeIndicator(db, p.id, { outputId: x2.id, title: 'Seminars held', position: 4 });
  await makeIndicator(db, p.id, { outcomeId: o2.id, title: 'Agencies coordinating', position: 5 });
  const g1 = await makePeriod(db, goal, { start: '2025-03-01', end: '2025-12-31', target: 3 });
  await makeValue(db, g1, { status: 'approved', value: null, score: 3, narrative: 'Draft «policy» & annex' });
  const a = await makePeriod(db, people, {
    start: '2025-03-01',
    end: '2025-06-30',
    target: 40,
    targetDisaggregation: { sex: { women: 20, men: 20, other: null } },
  });
  await makeValue(db, a, {
    status: 'approved',
    value: 42,
    disaggregation: {
      sex: { women: 25, men: 17, other: 0 },
      participantGroup: { government: 10, diaspora: 30, civil_society: 2, international: null },
    },
  });
  const b = await makePeriod(db, people, { start: '2025-07-01', end: '2025-12-31', target: 80 });
  await makeValue(db, b, { status: 'submitted', value: 70 });
  await makePeriod(db, rate, { start: '2025-03-01', end: '2025-12-31', target: 20 });
  const act = await makeActivity(db, o1);
  const line = await makeBudgetLine(db, p, { category: 'travel', originalMinor: 1_000_000, revisedMinor: 1_200_000, activityId: act.id });
  await makeBudgetLine(db, p, { category: 'staff', originalMinor: 500_000 });
  await makeExpenditure(db, p, {
    type: 'commitment',
    date: '2025-04-01',
    amountMinor: 300_000,
    convertedMinor: 300_000,
    payee: 'Hotel «Душанбе» & Co',
    reference: 'C-1',
    description: 'Venue <booking>',
  });
  await makeExpenditure(db, p, { date: '2025-05-02', amountMinor: 150_075, convertedMinor: 150_075, budgetLineId: line.id, reference: 'E-1' });
  await makeExpenditure(db, p, { date: '2025-05-03', amountMinor: -5_000, convertedMinor: -5_000, correction: true, description: 'Refund' });
  return p;
}

const text = (n: XmlNode | undefined): string => n?.children.find((c) => c.name === 'narrative')?.text ?? '';
const child = (n: XmlNode | undefined, name: string) => n?.children.find((c) => c.name === name);

async function xmlOf(client: ApiClient, path: string) {
  const res = await client.get(path);
  expect(res.status, res.text).toBe(200);
  return res;
}

/** The document without the time stamps that change on every export. */
const normalise = (xml: string) => xml.replace(/ generated-datetime="[^"]*"/, '').replace(/ last-updated-datetime="[^"]*"/g, '');

async function importXml(client: ApiClient, xml: string, query = '') {
  return client.request('POST', `/iati/import${query}`, { raw: xml, headers: { 'content-type': 'application/xml' } });
}

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

describe('IATI import', () => {
  it('?dryRun=1 previews what would be created and writes nothing; the import then creates it all in one go', async () => {
    const source = await fullProject('DRY.1');
    const xml = (await xmlOf(clients.manager, `/projects/${source.id}/iati.xml`)).text
      .replaceAll('DRY.1', 'DRY.2')
      .replace('<sector ', '<contact-info><organisation><narrative>X</narrative></organisation></contact-info><sector ');
    const digest = await databaseDigest(app.db);
    const preview = await importXml(clients.manager, xml, '?dryRun=1');
    expect(preview.status, preview.text).toBe(200);
    expect(await databaseDigest(app.db)).toBe(digest);
    expect(preview.body.dryRun).toBe(true);
    const activity = preview.body.activities[0];
    expect(activity).toMatchObject({ code: 'DRY.2', action: 'create', projectId: null });
    expect(activity.outcomes.create).toBe(2);
    expect(activity.outputs.create).toBe(2);
    expect(activity.indicators.create).toBe(5);
    expect(activity.periods.create).toBe(4);
    expect(activity.values.create).toBe(2);
    expect(activity.transactions.create).toBe(3);
    expect(preview.body.ignored).toContainEqual({ path: 'iati-activities/iati-activity/contact-info', count: 1 });

    const done = await importXml(clients.manager, xml);
    expect(done.status, done.text).toBe(201);
    expect(done.body.activities[0]).toMatchObject({ ...activity, projectId: expect.any(Number) });
    const project = (await clients.manager.get(`/projects/${done.body.activities[0].projectId}`)).body;
    expect(project).toMatchObject({
      code: 'DRY.2',
      memberStates: ['TJ', 'RU', 'KZ'],
      budget: { amount: '250000.50', currency: 'EUR' },
      plannedStart: '2025-03-01',
    });

    const again = await importXml(clients.manager, xml);
    expect(again.status).toBe(201);
    expect(again.body.activities[0]).toMatchObject({
      action: 'update',
      indicators: { create: 0, update: 0, unchanged: 5 },
      transactions: { create: 0, unchanged: 3 },
    });
  });

  it('takes the file as a multipart upload too', async () => {
    const xml = (await xmlOf(clients.manager, `/projects/${(await fullProject('MULTI.1')).id}/iati.xml`)).text.replaceAll('MULTI.1', 'MULTI.2');
    const boundary = 'iati-boundary';
    const raw = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="activities.xml"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--${boundary}--\r\n`;
    const res = await clients.manager.request('POST', '/iati/import?dryRun=1', {
      raw,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.activities[0].code).toBe('MULTI.2');
  });

  const minimal = (inner = '', version = '2.03') =>
    `<?xml version="1.0" encoding="UTF-8"?>${inner}<iati-activities version="${version}"><iati-activity default-currency="USD"><iati-identifier>XM-DAC-47066-BAD.1</iati-identifier><reporting-org ref="XM-DAC-47066" type="40"><narrative>IOM</narrative></reporting-org><title><narrative>&t;</narrative></title><description><narrative>x</narrative></description><participating-org role="4"/><activity-status code="2"/><activity-date type="1" iso-date="2026-01-01"/><activity-date type="3" iso-date="2026-12-31"/><recipient-country code="TJ"/></iati-activity></iati-activities>`;

  it.each([
    ['malformed XML', '<iati-activities version="2.03"><iati-activity>', 400, /not well-formed/],
    [
      'a DOCTYPE with entity expansion (billion laughs)',
      minimal('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY t "&lol2;&lol2;">]>'),
      400,
      /DOCTYPE/,
    ],
    ['an external entity', minimal('<!DOCTYPE x [<!ENTITY t SYSTEM "file:///etc/passwd">]>'), 400, /DOCTYPE/],
    ['an undeclared entity', minimal(), 400, /not well-formed/],
    ['version 2.02', minimal('', '2.02').replace('&t;', 't'), 400, /version 2\.03 only/],
    ['an IATI organisation file', '<?xml version="1.0"?><iati-organisations version="2.03"/>', 400, /not an IATI activity file/],
    ['a file in another encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><iati-activities version="2.03"/>', 400, /encoding/],
    [
      'an activity without a recipient country',
      minimal().replace('&t;', 't').replace('<recipient-country code="TJ"/>', ''),
      400,
      /recipient-country/,
    ],
  ])('refuses %s with a clear message and writes nothing', async (_name, xml, status, message) => {
    const digest = await databaseDigest(app.db);
    const res = await importXml(clients.manager, xml);
    expect(res.status, res.text).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('refuses a file over 10 MB with 413 and writes nothing', async () => {
    const digest = await databaseDigest(app.db);
    const big = minimal().replace('<description>', `<description><narrative>${'x'.repeat(10 * 1024 * 1024)}</narrative>`);
    const res = await importXml(clients.manager, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('a failure in the second activity leaves the first unwritten too', async () => {
    const good = (await xmlOf(clients.manager, `/projects/${(await fullProject('TX.1')).id}/iati.xml`)).text.replaceAll('TX.1', 'TX.2');
    const activity = /<iati-activity [\s\S]*<\/iati-activity>/.exec(good)![0];
    const broken = activity.replaceAll('TX.2', 'TX.3').replace(/<activity-status code="\d"\/>/, '<activity-status code="77"/>');
    const digest = await databaseDigest(app.db);
    const res = await importXml(clients.manager, good.replace('</iati-activities>', `${broken}</iati-activities>`));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/activity-status/);
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('a manager cannot update through an import a project they are not a member of', async () => {
    const theirs = await makeProject(app.db, { code: 'NOTMINE.1' });
    const xml = (await xmlOf(clients.admin, `/projects/${theirs.id}/iati.xml`)).text;
    const res = await importXml(clients.manager, xml);
    expect(res.status).toBe(409);
  });

  it("a valid 2.03 activity of another publisher (none of Hamkori's tags, elements it does not read) previews and imports as one new project, what it cannot keep named", async () => {
    const xml = readFileSync(resolve(import.meta.dirname, '../fixtures/iati/other-publisher-2.03.xml'), 'utf8');
    expect((await validateIati(xml)).errors).toEqual([]);
    const digest = await databaseDigest(app.db);
    const preview = await importXml(clients.admin, xml, '?dryRun=1');
    expect(preview.status, preview.text).toBe(200);
    expect(await databaseDigest(app.db)).toBe(digest);
    const none = { update: 0, unchanged: 0 };
    const activity = {
      identifier: 'XI-EXAMPLE-ORG-SKILLS-2026-01',
      code: 'SKILLS-2026-01',
      title: 'Recognition of skills of returning labour migrants',
      action: 'create',
      // Results without Hamkori's numbering each become an outcome.
      outcomes: { create: 2, ...none },
      outputs: { create: 0, ...none },
      indicators: { create: 2, ...none },
      periods: { create: 2, ...none },
      values: { create: 1, ...none },
      budgets: { create: 1, ...none },
      transactions: { create: 2, ...none },
      warnings: [
        'a budget of 10000.00 USD is not a plain amount in EUR; left out',
        'a transaction of type 3 is neither a commitment (2) nor an expenditure (4); left out',
      ],
    };
    expect(preview.body.activities).toEqual([{ ...activity, projectId: null }]);
    expect(preview.body.ignored).toEqual(
      ['contact-info', 'document-link', 'location'].map((name) => ({ path: `iati-activities/iati-activity/${name}`, count: 1 })),
    );

    const done = await importXml(clients.admin, xml);
    expect(done.status, done.text).toBe(201);
    expect(done.body.activities).toEqual([{ ...activity, projectId: expect.any(Number) }]);
    const project = (await clients.admin.get(`/projects/${done.body.activities[0].projectId}`)).body;
    expect(project).toMatchObject({
      code: 'SKILLS-2026-01',
      status: 'ongoing',
      memberStates: ['TJ'],
      plannedStart: '2026-01-15',
      plannedEnd: '2027-06-30',
      budget: { amount: '180000.00', currency: 'EUR' },
    });
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

describe('IATI import audit trail', () => {
  /** Each kind of record an import writes: its audit entity and its table. */
  const KINDS = [
    ['project', 'projects'],
    ['outcome', 'outcomes'],
    ['output', 'outputs'],
    ['indicator', 'indicators'],
    ['indicator_period', 'indicator_periods'],
    ['indicator_value', 'indicator_values'],
    ['budget_line', 'budget_lines'],
    ['expenditure', 'expenditures'],
  ] as const;

  it('POST /iati/import leaves one "create" audit row, by the importer, for every record of every kind it creates, and an "update" row for each it changes', async () => {
    const source = await startTestApp();
    const target = await startTestApp();
    try {
      const sourceAdmin = await makeUser(source.db, { role: 'admin' });
      const p = await fullProject('AUDIT.1', source.db, []);
      const xml = (await (await source.login(sourceAdmin.email)).get(`/projects/${p.id}/iati.xml`)).text;
      const admin = await makeUser(target.db, { role: 'admin' });
      const client = await target.login(admin.email);
      const imported = await client.request('POST', '/iati/import', { raw: xml, headers: { 'content-type': 'application/xml' } });
      expect(imported.status, imported.text).toBe(201);
      const projectId = imported.body.activities[0].projectId as number;

      for (const [entity, table] of KINDS) {
        const column = table === 'projects' ? 'id' : 'project_id';
        const stored = (await rawAll<{ id: number }>(target.db, `SELECT id FROM ${table} WHERE ${column} = ? ORDER BY id`, projectId)).map((r) =>
          Number(r.id),
        );
        expect(stored.length, `${table} imported`).toBeGreaterThan(0);
        const audited = (await auditRows(target.db, entity)).filter((r) => r.action === 'create');
        expect(
          audited.map((r) => Number(r.entity_id)),
          `${entity} audit rows`,
        ).toEqual(stored);
        for (const row of audited) {
          expect(row).toMatchObject({ user_id: admin.id, note: 'IATI import' });
          expect(Number(row.project_id)).toBe(projectId);
        }
      }

      // A second import of the same file with a changed outcome title updates that outcome, and says so in the log.
      const changed = xml.replace('<narrative>Outcome one</narrative>', '<narrative>Outcome one, renamed</narrative>');
      expect(changed).not.toBe(xml);
      const again = await client.request('POST', '/iati/import', { raw: changed, headers: { 'content-type': 'application/xml' } });
      expect(again.status, again.text).toBe(201);
      expect(again.body.activities[0].outcomes).toEqual({ create: 0, update: 1, unchanged: 1 });
      const updates = (await auditRows(target.db, 'outcome')).filter((r) => r.action === 'update');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({ user_id: admin.id, note: 'IATI import', after: { title: 'Outcome one, renamed' } });
      expect(updates[0]!.before).toMatchObject({ title: 'Outcome one' });
    } finally {
      await source.close();
      await target.close();
    }
  });
});

describe('IATI import under hostile input', () => {
  /** A small valid activity file; `extra` goes at the end of the activity, `edit` changes the rest. */
  const activityFile = (code: string, extra = '', edit: (xml: string) => string = (x) => x) =>
    edit(
      `<?xml version="1.0" encoding="UTF-8"?><iati-activities version="2.03"><iati-activity default-currency="USD"><iati-identifier>XM-DAC-47066-${code}</iati-identifier><reporting-org ref="XM-DAC-47066" type="40"><narrative>IOM</narrative></reporting-org><title><narrative>Activity ${code}</narrative></title><activity-status code="2"/><activity-date type="1" iso-date="2026-01-01"/><activity-date type="3" iso-date="2026-12-31"/><recipient-country code="TJ"/>${extra}</iati-activity></iati-activities>`,
    );

  async function postFile(client: ApiClient, bytes: Buffer, query = '') {
    const res = await fetch(`${app.url}/iati/import${query}`, {
      method: 'POST',
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': 'application/xml' },
      body: new Uint8Array(bytes),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) };
  }

  /**
   * Sends a file to the import as the manager while the donor asks GET /auth/me every 20 ms
   * (a pause between, so that the asking does not itself crowd the one thread the test and
   * the server share), and measures how long the import took, the longest the event loop was held (the
   * server runs in this process) and which of the donor's requests were answered while the
   * import was still running.
   */
  async function importWhileOthersAsk(xml: string | Buffer, query = '', client = clients.manager) {
    const bytes = typeof xml === 'string' ? Buffer.from(xml) : xml;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let running = true;
    const others: { status: number; ms: number; whileRunning: boolean }[] = [];
    const asking = (async () => {
      while (running) {
        const t0 = performance.now();
        const res = await clients.donor.get('/auth/me');
        others.push({ status: res.status, ms: performance.now() - t0, whileRunning: running });
        if (running) await sleep(20);
      }
    })();
    const t0 = performance.now();
    const res = await postFile(client, bytes, query);
    const ms = performance.now() - t0;
    running = false;
    await asking;
    lag.disable();
    return { res, ms, others, heldMs: lag.max / 1e6 };
  }

  /** The other requests were all answered, promptly, and the event loop was never held for long. */
  function expectOthersServed(run: Awaited<ReturnType<typeof importWhileOthersAsk>>, whileRunning = 0) {
    expect(run.others.length).toBeGreaterThan(0);
    expect(run.others.every((o) => o.status === 200)).toBe(true);
    expect(Math.max(...run.others.map((o) => o.ms))).toBeLessThan(1000);
    expect(run.others.filter((o) => o.whileRunning).length).toBeGreaterThanOrEqual(whileRunning);
    expect(run.heldMs).toBeLessThan(500);
  }

  it('an import of 2.4 million empty elements is refused with 413 within 2 s, writes nothing, and other requests are answered meanwhile', async () => {
    const flood = Buffer.concat([
      Buffer.from('<iati-activities version="2.03">'),
      Buffer.alloc(2_400_000 * 4, '<a/>'),
      Buffer.from('</iati-activities>'),
    ]);
    expect(flood.length).toBeLessThan(10 * 1024 * 1024);
    const digest = await databaseDigest(app.db);
    const run = await importWhileOthersAsk(flood);
    expect(run.res.status, run.res.text).toBe(413);
    expect(run.res.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { rule: { code: 'xml.too_many_elements', params: { max: 500_000 } } },
    });
    expect(run.res.body.error.message).toBe('The file has more than 500000 elements');
    expect(run.ms).toBeLessThan(2000);
    expectOthersServed(run, 2);
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it.each([
    ['nested 65 levels deep', () => `<iati-activities version="2.03">${'<a>'.repeat(64)}${'</a>'.repeat(64)}</iati-activities>`, 'xml.too_deep', 64],
    [
      'an element with 101 attributes',
      () => `<iati-activities version="2.03"><a ${Array.from({ length: 101 }, (_, i) => `b${i}=""`).join(' ')}/></iati-activities>`,
      'xml.too_many_element_attributes',
      100,
    ],
    [
      '600,000 attributes in all',
      () =>
        `<iati-activities version="2.03">${`<a ${Array.from({ length: 10 }, (_, i) => `b${i}=""`).join(' ')}/>`.repeat(60_000)}</iati-activities>`,
      'xml.too_many_attributes',
      500_000,
    ],
    [
      'a text of 1,000,001 characters',
      () => `<iati-activities version="2.03"><a>${'x'.repeat(1_000_001)}</a></iati-activities>`,
      'xml.text_too_long',
      1_000_000,
    ],
    [
      'an attribute value of 1,000,001 characters',
      () => `<iati-activities version="2.03"><a b="${'x'.repeat(1_000_001)}"/></iati-activities>`,
      'xml.text_too_long',
      1_000_000,
    ],
    [
      'an element name of 5 MB',
      () => `<iati-activities version="2.03"><iati-activity><${'n'.repeat(5 * 1024 * 1024)}/></iati-activity></iati-activities>`,
      'xml.name_too_long',
      200,
    ],
  ])(
    'a file with %s is refused with 413 and its rule, quickly, in a small answer, while other requests are answered',
    async (_name, build, code, max) => {
      const digest = await databaseDigest(app.db);
      const run = await importWhileOthersAsk(build(), '?dryRun=1');
      expect(run.res.status, run.res.text.slice(0, 300)).toBe(413);
      expect(run.res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { rule: { code, params: { max } } } });
      expect(run.res.text.length).toBeLessThan(2048);
      expect(run.ms).toBeLessThan(2000);
      expectOthersServed(run);
      expect(await databaseDigest(app.db)).toBe(digest);
    },
  );

  const long = 'z'.repeat(900_000);
  const name150 = 'n'.repeat(150);
  it.each([
    [
      'a 5 MB name in a closing tag',
      `<iati-activities version="2.03"><iati-activity></${'n'.repeat(5 * 1024 * 1024)}></iati-activities>`,
      400,
      /not well-formed/,
    ],
    ['a 900,000-character entity name', `<iati-activities version="2.03"><a>&${long};</a></iati-activities>`, 400, /not well-formed/],
    ['an unclosed element with a 150-character name', `<iati-activities version="2.03"><${name150}>`, 400, /not well-formed.*unclosed tag/],
    [
      'a duplicate attribute with a 150-character name',
      `<iati-activities version="2.03" ${name150}="1" ${name150}="2"/>`,
      400,
      /not well-formed.*duplicate attribute/,
    ],
    ['a 150-character root element name', `<${'r'.repeat(150)}/>`, 400, /not an IATI activity file/],
    ['a 900,000-character version', `<iati-activities version="${long}"/>`, 400, /IATI version/],
    [
      'a 900,000-character activity status',
      activityFile('ECHO.1', '', (x) => x.replace('<activity-status code="2"/>', `<activity-status code="${long}"/>`)),
      400,
      /activity-status/,
    ],
    [
      'a 900,000-character currency',
      activityFile('ECHO.2', '', (x) => x.replace('default-currency="USD"', `default-currency="${long}"`)),
      400,
      /default-currency/,
    ],
    ['a 900,000-character project ID', activityFile('ECHO.3', '', (x) => x.replace('XM-DAC-47066-ECHO.3', long)), 400, /project ID/],
    [
      'a 900,000-character indicator title and invalid period',
      activityFile(
        'ECHO.4',
        `<result type="2"><indicator measure="1"><title><narrative>${long}</narrative></title><period><period-start iso-date="2026-05-01"/><period-end iso-date="2026-02-01"/></period></indicator></result>`,
      ),
      400,
      /invalid dates/,
    ],
  ])('a file with %s is refused with a message that repeats at most 80 characters of it', async (_name, xml, status, message) => {
    const run = await importWhileOthersAsk(xml, '?dryRun=1');
    expect(run.res.status, run.res.text.slice(0, 300)).toBe(status);
    expect(run.res.body.error.message).toMatch(message);
    // Whatever of the file the message names is cut at 80 characters (79 and an ellipsis).
    expect(run.res.body.error.message).not.toMatch(/[nrz]{80}/);
    expect(run.res.text.length).toBeLessThan(2048);
    expect(run.ms).toBeLessThan(2000);
    expectOthersServed(run);
  });

  it('a long value of characters outside the BMP is cut between characters, not inside one', async () => {
    const res = await importXml(
      clients.manager,
      activityFile('ECHO.6', '', (x) => x.replace('<activity-status code="2"/>', `<activity-status code="${'😀'.repeat(100_000)}"/>`)),
    );
    expect(res.status, res.text.slice(0, 300)).toBe(400);
    expect(res.body.error.message).toBe(`XM-DAC-47066-ECHO.6: unknown activity-status code "${'😀'.repeat(39)}…"`);
  });

  it('the preview of a file with a 900,000-character country code warns about it in a few characters', async () => {
    const run = await importWhileOthersAsk(activityFile('ECHO.5', `<recipient-country code="${long}"/>`), '?dryRun=1');
    expect(run.res.status, run.res.text.slice(0, 300)).toBe(200);
    const [warning] = run.res.body.activities[0].warnings;
    expect(warning).toMatch(/^recipient-country "z{79}…" is not a known country code/);
    expect(run.res.text.length).toBeLessThan(2048);
    expectOthersServed(run);
  });

  it('the preview of an activity with 200,000 different elements it does not read lists the 100 most frequent, in a small answer', async () => {
    const unread = '<often/>'.repeat(3) + Array.from({ length: 200_000 }, (_, i) => `<u${i}/>`).join('');
    const run = await importWhileOthersAsk(activityFile('WIDE.1', unread), '?dryRun=1');
    expect(run.res.status, run.res.text.slice(0, 300)).toBe(200);
    const { ignored } = run.res.body as { ignored: { path: string; count: number }[] };
    expect(ignored).toHaveLength(100);
    expect(ignored).toContainEqual({ path: 'iati-activities/iati-activity/often', count: 3 });
    expect(ignored.map((x) => x.path)).toEqual(ignored.map((x) => x.path).sort());
    expect(run.res.text.length).toBeLessThan(20_000);
    // A legal file: reading 200,000 elements takes what it takes, and the others are still answered.
    expect(run.others.length).toBeGreaterThan(0);
    expect(run.others.every((o) => o.status === 200)).toBe(true);
  });

  it('an activity-status code of "constructor" is refused as unknown (no code is looked up among an object\'s inherited keys)', async () => {
    const digest = await databaseDigest(app.db);
    const res = await importXml(
      clients.manager,
      activityFile('PROTO.1', '', (x) => x.replace('<activity-status code="2"/>', '<activity-status code="constructor"/>')),
    );
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.message).toBe('XM-DAC-47066-PROTO.1: unknown activity-status code "constructor"');
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('a value by sex "constructor" or by a dimension "toString" is left out with a warning', async () => {
    const actual = (name: string, value: string) => `<actual value="3"><dimension name="${name}" value="${value}"/></actual>`;
    const result = `<result type="2"><title><narrative>R</narrative></title><indicator measure="1"><title><narrative>People</narrative></title><period><period-start iso-date="2026-01-01"/><period-end iso-date="2026-06-30"/><actual value="5"/>${actual('sex', 'constructor')}${actual('toString', 'x')}</period></indicator></result>`;
    const res = await importXml(clients.manager, activityFile('PROTO.2', result), '?dryRun=1');
    expect(res.status, res.text).toBe(200);
    expect(res.body.activities[0].warnings).toEqual([
      'Indicator "People" 2026-01-01: a value by dimension "sex" = "constructor" is not one Hamkori keeps; left out',
      'Indicator "People" 2026-01-01: a value by dimension "toString" = "x" is not one Hamkori keeps; left out',
    ]);
  });

  const far = ['0000-01-01', '9999-12-31'];
  const periods = (start: string, end: string) =>
    `<result type="2"><title><narrative>R</narrative></title><indicator measure="1" ascending="1"><title><narrative>I</narrative></title><period><period-start iso-date="${start}"/><period-end iso-date="${end}"/></period></indicator></result>`;
  const datedAt: [string, string, (date: string) => [extra: string, edit?: (xml: string) => string]][] = [
    ['the start (activity-date)', 'activity-date[1]/@iso-date', (d) => ['', (x) => x.replace('iso-date="2026-01-01"', `iso-date="${d}"`)]],
    ['the end (activity-date)', 'activity-date[2]/@iso-date', (d) => ['', (x) => x.replace('iso-date="2026-12-31"', `iso-date="${d}"`)]],
    [
      'a transaction-date',
      'transaction[1]/transaction-date/@iso-date',
      (d) => [
        `<transaction><transaction-type code="4"/><transaction-date iso-date="${d}"/><value currency="USD" value-date="2026-02-01">100.00</value></transaction>`,
      ],
    ],
    [
      'a transaction value-date',
      'transaction[1]/value/@value-date',
      (d) => [
        `<transaction><transaction-type code="4"/><transaction-date iso-date="2026-02-01"/><value currency="USD" value-date="${d}">100.00</value></transaction>`,
      ],
    ],
    [
      'a budget period-start',
      'budget[1]/period-start/@iso-date',
      (d) => [
        `<budget type="1"><period-start iso-date="${d}"/><period-end iso-date="2026-12-31"/><value currency="USD" value-date="2026-01-01">1000.00</value></budget>`,
      ],
    ],
    [
      'a budget value-date',
      'budget[1]/value/@value-date',
      (d) => [
        `<budget type="1"><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><value currency="USD" value-date="${d}">1000.00</value></budget>`,
      ],
    ],
    ['a result period-start', 'result[1]/indicator[1]/period[1]/period-start/@iso-date', (d) => [periods(d, '2026-06-30')]],
    ['a result period-end', 'result[1]/indicator[1]/period[1]/period-end/@iso-date', (d) => [periods('2026-01-01', d)]],
  ];
  it.each(far.flatMap((date) => datedAt.map(([where, element, place]) => [where, date, element, place] as const)))(
    'a file with %s on %s is refused by iati.date_out_of_range on the dry run and the import alike, and writes nothing',
    async (_where, date, element, place) => {
      const [extra, edit] = place(date);
      const xml = activityFile('FAR.1', extra, edit);
      const digest = await databaseDigest(app.db);
      for (const query of ['?dryRun=1', '']) {
        const run = await importWhileOthersAsk(xml, query);
        expect(run.res.status, run.res.text).toBe(400);
        const params = { identifier: 'XM-DAC-47066-FAR.1', element, date, min: '1990-01-01', max: '2100-12-31' };
        expect(run.res.body.error.details.rule).toEqual({ code: 'iati.date_out_of_range', params });
        expect(run.res.body.error.details.issues).toEqual([
          { path: `iati-activities/iati-activity[1]/${element}`, code: 'iati.date_out_of_range', params, message: run.res.body.error.message },
        ]);
        expect(run.res.body.error.message).toBe(
          `XM-DAC-47066-FAR.1: the date ${date} (${element}) is outside the dates Hamkori accepts, 1990-01-01 to 2100-12-31`,
        );
        expect(run.ms).toBeLessThan(1000);
        expectOthersServed(run);
      }
      expect(await databaseDigest(app.db)).toBe(digest);
    },
  );

  it.each(['0', '9999', '2020.5'])('a baseline year of %s is refused by iati.year_out_of_range and writes nothing', async (year) => {
    const xml = activityFile(
      'FAR.2',
      `<result type="2"><title><narrative>R</narrative></title><indicator measure="1"><title><narrative>I</narrative></title><baseline year="${year}" value="1"/></indicator></result>`,
    );
    const digest = await databaseDigest(app.db);
    const run = await importWhileOthersAsk(xml);
    expect(run.res.status, run.res.text).toBe(400);
    expect(run.res.body.error.details.rule).toEqual({
      code: 'iati.year_out_of_range',
      params: { identifier: 'XM-DAC-47066-FAR.2', element: 'result[1]/indicator[1]/baseline/@year', year, min: 1990, max: 2100 },
    });
    expect(run.ms).toBeLessThan(1000);
    expectOthersServed(run);
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('dates on the bounds themselves are imported', async () => {
    const xml = activityFile('EDGE.1', '', (x) => x.replace('2026-01-01', '1990-01-01').replace('2026-12-31', '2100-12-31'));
    const res = await importXml(clients.manager, xml);
    expect(res.status, res.text).toBe(201);
    const project = (await clients.manager.get(`/projects/${res.body.activities[0].projectId}`)).body;
    expect(project).toMatchObject({ plannedStart: '1990-01-01', plannedEnd: '2100-12-31' });
  });

  it("an activity whose project ID belongs to a project the manager is not a member of is refused with 409 naming only the file's identifier, the same for any such project", async () => {
    const hidden = [
      await makeProject(app.db, { code: 'HIDDEN.7', title: 'Confidential seven', currency: 'USD' }),
      await makeProject(app.db, { code: 'HIDDEN.8', title: 'Confidential eight', currency: 'EUR' }),
    ];
    const digest = await databaseDigest(app.db);
    const answers: string[] = [];
    for (const p of hidden) {
      for (const query of ['?dryRun=1', '']) {
        const run = await importWhileOthersAsk(activityFile(p.code), query);
        expect(run.res.status, run.res.text).toBe(409);
        expect(run.res.body.error).toEqual({
          code: 'CONFLICT',
          message: `XM-DAC-47066-${p.code}: its project ID belongs to a project you may not update; remove the activity from the file or ask an administrator`,
          details: { rule: { code: 'iati.project_not_updatable', params: { identifier: `XM-DAC-47066-${p.code}` } } },
        });
        expect(run.res.text).not.toContain(p.title);
        expect(run.res.text).not.toMatch(new RegExp(`\\b${p.id}\\b`));
        expect(run.ms).toBeLessThan(1000);
        expectOthersServed(run);
        answers.push(run.res.text.replaceAll(p.code, 'CODE'));
      }
    }
    expect(new Set(answers).size).toBe(1);
    expect(await databaseDigest(app.db)).toBe(digest);
  });
});
