import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { auditRows, makeProject, makeUser } from '../factories';
import { validateIati } from '../support/iati-schema';
import { databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawAll } from './raw-sql';
import { xmlOf, importXml, fullProject as makeFullProject } from './iati-support';

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
