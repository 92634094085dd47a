import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { ImportPreviewSchema } from '@shared/schemas/registry-import';
import { auditRows, makeOrganisation, makePerson, makeProject } from '../factories';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawGet } from './raw-sql';
import { csv, upload } from './registry-support';

let app: TestApp;
let as: Record<Role, ApiClient>;
let ids: Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  ({ clients: as, ids } = await app.signInEach(EVERY_ROLE));
});
afterAll(() => app.close());

const HEADER = ['Full name', 'Sex', 'Year of birth', 'Country', 'City', 'Email', 'Sectors', 'Languages', 'Organisation', 'Consent'];
const MAPPING = {
  name: 'Full name',
  sex: 'Sex',
  birthYear: 'Year of birth',
  country: 'Country',
  city: 'City',
  email: 'Email',
  sectors: 'Sectors',
  languages: 'Languages',
  organisations: 'Organisation',
  consent: 'Consent',
};
const CONSENT = { purpose: 'Diaspora mapping survey 2026', noticeVersion: 'survey-v1' };

const importPath = (projectId: number, dryRun: boolean) => `/registry/import?projectId=${projectId}${dryRun ? '&dryRun=1' : ''}`;
const peopleCount = async (projectId: number) =>
  (await rawGet<{ n: number }>(app.db, 'SELECT count(*) AS n FROM registry_people WHERE project_id = ?', projectId))?.n;

/** A survey with a clean row, an invalid one, a duplicate of a registry person, and a duplicate of an earlier row. */
async function survey() {
  const project = await makeProject(app.db, { memberIds: Object.values(ids) });
  const organisation = await makeOrganisation(app.db, project.id, { name: 'Tajik Students Union Istanbul' });
  const existing = await makePerson(app.db, project.id, {
    name: 'Zarina Rahimova',
    email: 'zarina.r@example.org',
    city: null,
    birthYear: 1990,
    country: 'TR',
  });
  const file = csv(HEADER, [
    ['Farhod Sharipov', 'м', '1986', 'Россия', 'Moscow', 'farhod.s@example.org', 'construction; IT', 'Tajik, Russian', '', 'yes'], // row 2: ok
    ['Malika Odinaeva', 'female', 'nineteen', 'Atlantis', '', 'not-an-email', '', '', '', 'maybe'], // row 3: invalid
    ['ZARINA  RAHIMOVA', 'F', '1990', 'TR', 'Istanbul', '', 'education', 'tr', 'Tajik Students Union Istanbul', 'да'], // row 4: registry duplicate
    ['Sino Boboev', 'male', '1995', 'DE', 'Berlin', 'sino@example.org', 'health', 'de', '', ''], // row 5: ok
    ['S. Boboev', 'male', '', 'DE', '', 'SINO@example.org', '', '', '', 'no'], // row 6: duplicate of row 5 by email
  ]);
  return { project, organisation, existing, file };
}

describe('POST /registry/import?dryRun=1', () => {
  it('previews columns, a suggested mapping, row errors and duplicates, and writes nothing', async () => {
    const { project, existing, file } = await survey();
    const before = await databaseDigest(app.db);
    const res = await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { mapping: MAPPING, consent: CONSENT });
    expect(res.status, res.text).toBe(200);
    const preview = ImportPreviewSchema.parse(res.body);
    expect(await databaseDigest(app.db)).toBe(before);
    expect(res.headers.get('cache-control')).toBe('no-store');

    expect(preview.columns.map((c) => c.header)).toEqual(HEADER);
    expect(preview.columns[0]?.samples).toEqual(['Farhod Sharipov', 'Malika Odinaeva', 'ZARINA  RAHIMOVA']);
    expect(preview.suggestedMapping).toMatchObject({ name: 'Full name', sex: 'Sex', birthYear: 'Year of birth', country: 'Country', email: 'Email' });
    expect(preview.totals).toEqual({ rows: 5, ok: 2, invalid: 1, duplicate: 2 });

    const row = (n: number) => preview.rows.find((r) => r.row === n);
    expect(row(3)?.status).toBe('invalid');
    expect(row(3)?.issues.map((i) => [i.field, i.column])).toEqual(
      expect.arrayContaining([
        ['birthYear', 'Year of birth'],
        ['country', 'Country'],
        ['email', 'Email'],
        ['consent', 'Consent'],
      ]),
    );
    expect(row(4)?.duplicates).toEqual([{ personId: existing.id, row: null, name: 'Zarina Rahimova', reason: 'name_birth_year_country' }]);
    expect(row(6)?.duplicates).toEqual([{ personId: null, row: 5, name: 'Sino Boboev', reason: 'email' }]);
    expect(preview.blocking.map((b) => b.row)).toEqual([3, 4, 6]);
    // Values read in the survey's own words: Russian country names, "м", sector and language names.
    expect(preview.preview[0]).toMatchObject({
      row: 2,
      sex: 'male',
      country: 'RU',
      sectors: ['construction', 'it_telecom'],
      languages: ['tg', 'ru'],
    });
  });

  it('names the rule of each row problem, warning and blocker, with the cell values a translation needs', async () => {
    const { project, file } = await survey();
    const res = await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { mapping: MAPPING, consent: CONSENT });
    expect(res.status, res.text).toBe(200);
    const preview = ImportPreviewSchema.parse(res.body);
    const row3 = preview.rows.find((r) => r.row === 3);
    expect(row3?.issues).toEqual(
      expect.arrayContaining([
        { field: 'birthYear', column: 'Year of birth', code: 'survey.birth_year_invalid', params: {}, message: 'Not a year' },
        {
          field: 'country',
          column: 'Country',
          code: 'survey.country_unknown',
          params: { value: 'Atlantis' },
          message: '"Atlantis" is not a country code or name we know',
        },
        expect.objectContaining({ field: 'consent', code: 'survey.consent_unreadable', params: { value: 'maybe' } }),
        // A check of the shared schema that is zod's own keeps zod's code.
        expect.objectContaining({ field: 'email', code: 'invalid_format' }),
      ]),
    );
    expect(preview.blocking).toEqual([
      { row: 3, code: 'survey.row_has_errors', params: {}, message: expect.any(String) },
      { row: 4, code: 'survey.duplicate_undecided', params: {}, message: expect.any(String) },
      { row: 6, code: 'survey.duplicate_undecided', params: {}, message: expect.any(String) },
    ]);
    const sectors = csv(['Name', 'Sectors'], [['Dilshod Karimov', 'education; basket weaving']]);
    const warned = await upload(
      as.manager,
      app.url,
      importPath(project.id, true),
      { data: sectors },
      { mapping: { name: 'Name', sectors: 'Sectors' } },
    );
    expect(warned.body.rows[0].warnings).toEqual([
      { code: 'survey.sector_left_out', params: { value: 'basket weaving' }, message: 'Sector "basket weaving" is not in the list and was left out' },
    ]);
  });

  it('flags a name in Cyrillic as a duplicate of the same name in Latin script (and the other way round)', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    const rustam = await makePerson(app.db, project.id, { name: 'Rustam Saidov', email: null, birthYear: 1984, country: 'RU' });
    const gulnora = await makePerson(app.db, project.id, { name: 'Гулнора Ҷӯраева', email: null, birthYear: 1991, country: 'KZ' });
    const file = csv(
      ['Name', 'Born', 'Country'],
      [
        ['Рустам Саидов', '1984', 'RU'],
        ['Gulnora Jurayeva', '1991', 'KZ'],
        ['Рустам Саидов', '1985', 'RU'],
      ],
    );
    const res = await upload(
      as.manager,
      app.url,
      importPath(project.id, true),
      { data: file },
      { mapping: { name: 'Name', birthYear: 'Born', country: 'Country' } },
    );
    expect(res.status, res.text).toBe(200);
    const preview = ImportPreviewSchema.parse(res.body);
    expect(preview.totals).toMatchObject({ ok: 1, duplicate: 2 });
    expect(preview.rows.find((r) => r.row === 2)?.duplicates).toEqual([
      { personId: rustam.id, row: null, name: 'Rustam Saidov', reason: 'name_birth_year_country' },
    ]);
    expect(preview.rows.find((r) => r.row === 3)?.duplicates).toEqual([
      { personId: gulnora.id, row: null, name: 'Гулнора Ҷӯраева', reason: 'name_birth_year_country' },
    ]);
  });

  it('uses the suggested mapping when none is sent', async () => {
    const { project, file } = await survey();
    const res = await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { consent: CONSENT });
    expect(res.status, res.text).toBe(200);
    expect(res.body.mapping).toMatchObject({ name: 'Full name' });
  });

  it('refuses a mapping to a column the file does not have', async () => {
    const { project, file } = await survey();
    const res = await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { mapping: { name: 'Nom' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      { path: 'mapping.name', code: 'survey.mapping_no_column', params: { header: 'Nom' }, message: 'No column headed "Nom"' },
    ]);
  });
});

describe('POST /registry/import (commit)', () => {
  it('writes nothing while a duplicate is undecided or an invalid row is not skipped', async () => {
    const { project, file } = await survey();
    const before = await databaseDigest(app.db);
    const undecided = await upload(
      as.manager,
      app.url,
      importPath(project.id, false),
      { data: file },
      { mapping: MAPPING, consent: CONSENT, decisions: { 3: { action: 'skip' } } },
    );
    expect(undecided.status).toBe(400);
    expect(undecided.body.error.details.issues.map((i: { path: string; code: string }) => `${i.path}:${i.code}`)).toEqual([
      'rows.4:survey.duplicate_undecided',
      'rows.6:survey.duplicate_undecided',
    ]);
    const invalidKept = await upload(
      as.manager,
      app.url,
      importPath(project.id, false),
      { data: file },
      {
        mapping: MAPPING,
        consent: CONSENT,
        decisions: { 3: { action: 'create' }, 4: { action: 'skip' }, 6: { action: 'skip' } },
      },
    );
    expect(invalidKept.status).toBe(400);
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('applies the decisions in one transaction: creates, merges into a registry person and into an earlier row, skips', async () => {
    const { project, organisation, existing, file } = await survey();
    const res = await upload(
      as.manager,
      app.url,
      importPath(project.id, false),
      { data: file },
      {
        mapping: MAPPING,
        consent: CONSENT,
        decisions: { 3: { action: 'skip' }, 4: { action: 'merge', personId: existing.id }, 6: { action: 'merge', row: 5 } },
      },
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ dryRun: false, created: 2, merged: 2, skipped: 1, consents: 1 });
    expect(await peopleCount(project.id)).toBe(3);

    const merged = (await as.manager.get(`/registry/people/${existing.id}`)).body;
    // Empty fields filled, lists joined, existing values kept, membership added.
    expect(merged).toMatchObject({
      name: 'Zarina Rahimova',
      city: 'Istanbul',
      sectors: ['education'],
      languages: ['tr'],
      organisationIds: [organisation.id],
      version: 2,
    });
    const farhod = (await as.manager.post('/registry/people/search', { projectId: project.id, q: 'farhod' })).body.items[0];
    expect(farhod).toMatchObject({ consent: { status: 'given', purpose: CONSENT.purpose, noticeVersion: 'survey-v1' }, city: 'Moscow' });
    const sino = (await as.manager.post('/registry/people/search', { projectId: project.id, email: 'sino@example.org' })).body;
    expect(sino.total).toBe(1);
    expect(sino.items[0].consent.status).toBe('none');

    const importAudit = await auditRows(app.db, 'registry_import', project.id);
    expect(importAudit).toHaveLength(1);
    expect(importAudit[0]?.after).toMatchObject({ created: 2, merged: 2, skipped: 1 });
    expect(JSON.stringify(importAudit)).not.toMatch(/Farhod|example\.org/);
    expect((await auditRows(app.db, 'person', existing.id)).at(-1)?.note).toBe('Merged from import row 4');
  });

  it('refuses rows recording consent when no consent notice is sent', async () => {
    const { project } = await survey();
    const file = csv(['Name', 'Consent'], [['Umed Consentov', 'yes']]);
    const res = await upload(as.manager, app.url, importPath(project.id, false), { data: file }, { mapping: { name: 'Name', consent: 'Consent' } });
    expect(res.status).toBe(400);
    expect(await peopleCount(project.id)).toBe(1);
  });

  it('reads an XLSX survey (first sheet; numbers, hyperlinked emails and dates as text)', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Survey');
    sheet.addRow(['Name', 'Born', 'Country', 'Email', 'Consent date', 'Consent']);
    sheet.addRow([
      'Parvina Yusufova',
      1991,
      'AE',
      { text: 'parvina@example.org', hyperlink: 'mailto:parvina@example.org' },
      new Date(Date.UTC(2026, 0, 15)),
      'Yes',
    ]);
    sheet.addRow(['Davron Latipov', 1978, 'United States', 'davron@example.org', '20.01.2026', 'Yes']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const mapping = { name: 'Name', birthYear: 'Born', country: 'Country', email: 'Email', consentDate: 'Consent date', consent: 'Consent' };
    const res = await upload(as.manager, app.url, importPath(project.id, false), { data, name: 'survey.xlsx' }, { mapping, consent: CONSENT });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ created: 2, consents: 2 });
    const people = (await as.manager.get(`/registry/people?projectId=${project.id}`)).body.items;
    expect(
      people.map((p: { name: string; country: string; email: string; birthYear: number; consent: { givenOn: string } }) => [
        p.name,
        p.country,
        p.email,
        p.birthYear,
        p.consent.givenOn,
      ]),
    ).toEqual([
      ['Davron Latipov', 'US', 'davron@example.org', 1978, '2026-01-20'],
      ['Parvina Yusufova', 'AE', 'parvina@example.org', 1991, '2026-01-15'],
    ]);
  });

  it('refuses a file that is neither CSV nor XLSX, and a broken CSV', async () => {
    const { project } = await survey();
    const binary = await upload(as.manager, app.url, importPath(project.id, true), { data: Buffer.from([0x00, 0x01, 0x02, 0x03]) });
    expect(binary.status).toBe(400);
    expect(binary.body.error.details.rule).toEqual({ code: 'file.not_table', params: {} });
    const unclosed = await upload(as.manager, app.url, importPath(project.id, true), { data: 'Name\r\n"Unclosed' });
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.error.details.rule).toEqual({ code: 'file.unclosed_quote', params: {} });
  });

  it('answers an upload cut off in the middle of the file with 400 BAD_REQUEST, writes nothing, and goes on answering', async () => {
    const { project, file } = await survey();
    const before = await databaseDigest(app.db);
    const boundary = 'cut';
    const res = await as.manager.request('POST', importPath(project.id, true), {
      raw: `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${JSON.stringify(MAPPING)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="survey.csv"\r\n\r\n${file.slice(0, 80)}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(await databaseDigest(app.db)).toBe(before);
    expect((await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { mapping: MAPPING, consent: CONSENT })).status).toBe(
      200,
    );
  });

  it('refuses a form field it does not know, and one over 1 MB, with 400 naming the field', async () => {
    const { project, file } = await survey();
    const unknown = await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { mapping: MAPPING, extra: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues).toMatchObject([{ path: 'extra' }]);
    const long = await upload(
      as.manager,
      app.url,
      importPath(project.id, true),
      { data: file },
      { mapping: MAPPING, consent: { ...CONSENT, purpose: 'x'.repeat(1024 * 1024) } },
    );
    expect(long.status).toBe(400);
    expect(long.body.error.details.issues).toMatchObject([{ path: 'consent' }]);
  });

  it('imports 10,000 rows in one go', async () => {
    const project = await makeProject(app.db, { memberIds: Object.values(ids) });
    const countries = ['RU', 'KZ', 'TR', 'US', 'DE', 'AE'];
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      `Generated Person ${i}`,
      i % 2 ? 'male' : 'female',
      String(1960 + (i % 40)),
      countries[i % countries.length] as string,
      `generated.${i}@example.org`,
      'yes',
    ]);
    const file = csv(['Name', 'Sex', 'Born', 'Country', 'Email', 'Consent'], rows);
    const mapping = { name: 'Name', sex: 'Sex', birthYear: 'Born', country: 'Country', email: 'Email', consent: 'Consent' };
    const preview = await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { mapping, consent: CONSENT });
    expect(preview.status).toBe(200);
    expect(preview.body.totals).toEqual({ rows: 10_000, ok: 10_000, invalid: 0, duplicate: 0 });
    const res = await upload(as.manager, app.url, importPath(project.id, false), { data: file }, { mapping, consent: CONSENT });
    expect(res.status, res.text.slice(0, 500)).toBe(201);
    expect(res.body).toMatchObject({ created: 10_000, consents: 10_000 });
    expect(await peopleCount(project.id)).toBe(10_000);
    // The same file again: every row is now a duplicate of a registry person.
    const again = await upload(as.manager, app.url, importPath(project.id, true), { data: file }, { mapping, consent: CONSENT });
    expect(again.body.totals.duplicate).toBe(10_000);
  });

  it('as a partner or donor is refused before the file is read', async () => {
    const { project, file } = await survey();
    for (const role of ['partner', 'donor'] as const) {
      const res = await upload(as[role], app.url, importPath(project.id, true), { data: file });
      expect(res.status).toBe(403);
    }
  });
});
