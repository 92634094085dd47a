import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportResultSchema } from '@shared/schemas/budget-ledger';
import { makeActivity, makeBudgetLine, makeOutcome, makeProject, makeUser } from '../factories';
import { databaseDigest, startTestApp, type ApiClient, type ApiResponse, type TestApp } from './harness';
import { rawAll } from './raw-sql';

let app: TestApp;
let manager: ApiClient;
let donor: ApiClient;
let outsider: ApiClient;
const ids = { manager: 0, donor: 0 };

beforeAll(async () => {
  app = await startTestApp();
  const m = await makeUser(app.db, { role: 'manager' });
  const d = await makeUser(app.db, { role: 'donor' });
  ids.manager = m.id;
  ids.donor = d.id;
  manager = await app.login(m.email);
  donor = await app.login(d.email);
  outsider = await app.login((await makeUser(app.db, { role: 'manager' })).email);
});
afterAll(() => app.close());

const usd = (amount: string) => ({ amount, currency: 'USD' });

async function world() {
  const project = await makeProject(app.db, { memberIds: [ids.manager, ids.donor] });
  const travel = await makeBudgetLine(app.db, project, { code: 'TRV-1', category: 'travel' });
  const events = await makeBudgetLine(app.db, project, { code: 'MTG-1', category: 'meetings_events' });
  const activity = await makeActivity(app.db, await makeOutcome(app.db, project.id));
  return { project, travel, events, activity };
}

const importCsv = (client: ApiClient, projectId: number, csv: string, query = '') =>
  client.request('POST', `/projects/${projectId}/expenditures/import${query}`, { raw: csv, headers: { 'content-type': 'text/csv' } });

async function expectUnchanged(call: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await databaseDigest(app.db);
  const res = await call();
  expect(await databaseDigest(app.db)).toBe(before);
  return res;
}

// A spreadsheet export: BOM, CRLF, quoted fields with commas, doubled quotes and a line break.
const GOOD = [
  '\uFEFFDate,Type,Amount,Currency,FX rate,Budget line,Payee,Reference,Description,Correction',
  '2026-01-15,expenditure,1234.50,TJS,0.0917,TRV-1,"Somon Air, Dushanbe",INV-1,"Flights, ""economy""",',
  '2026-01-20,2,500,USD,,MTG-1,Hotel,PO-9,"Venue deposit',
  'second line of the note",no',
  '2026-01-31,expenditure,-20.00,USD,,TRV-1,Somon Air,INV-1-R,Refund,yes',
  '',
].join('\r\n');

describe('POST /projects/:id/expenditures/import?dryRun=1', () => {
  it('previews every row, converted, and writes nothing', async () => {
    const { project, travel, events } = await world();
    const res = await expectUnchanged(() => importCsv(manager, project.id, GOOD, '?dryRun=1'));
    expect(res.status, res.text).toBe(200);
    expect(ImportResultSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toMatchObject({ dryRun: true, valid: true, rowCount: 3, created: 0, errors: [] });
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        row: 2,
        type: 'expenditure',
        amount: { amount: '1234.50', currency: 'TJS' },
        fxRate: '0.0917',
        converted: usd('113.20'),
        budgetLineId: travel.id,
        payee: 'Somon Air, Dushanbe',
      }),
      expect.objectContaining({ row: 3, type: 'commitment', converted: usd('500.00'), budgetLineId: events.id, correction: false }),
      expect.objectContaining({ row: 4, converted: usd('-20.00'), correction: true }),
    ]);
    expect(res.body.sums).toEqual({ committed: usd('500.00'), spent: usd('93.20') });
  });

  it('lists each problem with its row, field and message, and still writes nothing', async () => {
    const { project, activity } = await world();
    const csv = [
      'date,amount,currency,fxRate,budgetLineCode,activityId,correction',
      '2026-02-30,10.00,USD,,TRV-1,,', // impossible date
      '2026-01-01,10.001,USD,,,,', // too many decimals
      '2026-01-01,10,EUR,,NOPE,,', // missing rate and unknown line code
      '2026-01-01,-5,USD,,,,', // negative, not a correction
      `2026-01-01,5,XXX,,,${activity.id},maybe`, // unknown currency, bad flag
      '2026-01-01,5,USD,,,999999,', // activity of no such project
      '2026-01-01,5,USD', // too few fields
      '2026-01-01,5,USD,,,,', // fine
    ].join('\n');
    const res = await expectUnchanged(() => importCsv(manager, project.id, csv, '?dryRun=true'));
    expect(res.status, res.text).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.rows.map((r: { row: number }) => r.row)).toEqual([9]);
    const errors = res.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(errors).toEqual(['2:date', '3:amount', '4:budgetLineCode', '4:fxRate', '5:amount', '6:correction', '6:currency', '7:activityId', '8:']);
    expect(res.body.errors[0].message).toMatch(/real date/);
    // Each problem names its rule and the values a translation needs.
    const codes = res.body.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual([
      '2:date.invalid',
      '3:money.too_many_decimals',
      '4:csv.line_code_unknown',
      '4:ledger.rate_required',
      '5:ledger.negative_needs_correction',
      '6:csv.correction_invalid',
      '6:money.currency_unknown',
      '7:ref.not_project_activity',
      '8:csv.field_count',
    ]);
    expect(res.body.errors).toContainEqual({
      row: 4,
      field: 'fxRate',
      code: 'ledger.rate_required',
      params: { projectCurrency: 'USD', currency: 'EUR' },
      message: 'Give the rate: USD per one EUR',
    });
    expect(res.body.errors).toContainEqual(expect.objectContaining({ row: 3, code: 'money.too_many_decimals', params: { max: 2, currency: 'USD' } }));
    expect(res.body.errors).toContainEqual(expect.objectContaining({ row: 4, code: 'csv.line_code_unknown', params: { code: 'NOPE' } }));
    expect(res.body.errors).toContainEqual(expect.objectContaining({ row: 8, code: 'csv.field_count', params: { count: 3, expected: 7 } }));
  });

  it('refuses unknown and missing columns on row 1', async () => {
    const { project } = await world();
    const res = await importCsv(manager, project.id, 'date,amount,vat\n2026-01-01,5,1\n', '?dryRun=1');
    expect(res.body.errors).toEqual([
      {
        row: 1,
        field: 'vat',
        code: 'csv.unknown_column',
        params: { columns: expect.stringContaining('budgetLineCode') },
        message: expect.stringContaining('Unknown column'),
      },
      { row: 1, field: 'currency', code: 'csv.column_required', params: {}, message: 'This column is required' },
    ]);
    const empty = await importCsv(manager, project.id, '\uFEFF', '?dryRun=1');
    expect(empty.body.errors).toEqual([{ row: 1, field: '', code: 'file.empty', params: {}, message: 'The file is empty' }]);
    const unclosed = await importCsv(manager, project.id, 'date,amount,currency\n2026-01-01,"5,USD\n', '?dryRun=1');
    expect(unclosed.body.errors[0]).toMatchObject({
      row: 2,
      code: 'csv.unclosed_quote',
      params: { line: 2 },
      message: expect.stringContaining('not closed'),
    });
  });

  it('reads a semicolon-separated file', async () => {
    const { project } = await world();
    const res = await importCsv(manager, project.id, 'date;amount;currency;payee\n2026-01-01;5.00;USD;"A; B"\n', '?dryRun=1');
    expect(res.body).toMatchObject({ valid: true, rows: [expect.objectContaining({ payee: 'A; B', converted: usd('5.00') })] });
  });
});

describe('POST /projects/:id/expenditures/import', () => {
  it('writes every row in one go, with an audit row each, and the budget counts them', async () => {
    const { project } = await world();
    const res = await importCsv(manager, project.id, GOOD);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ dryRun: false, valid: true, created: 3 });
    const list = await donor.get(`/projects/${project.id}/expenditures`);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((e: { reference: string }) => e.reference).sort()).toEqual(['INV-1', 'INV-1-R', 'PO-9']);
    expect(list.body.items.find((e: { reference: string }) => e.reference === 'PO-9').description).toBe('Venue deposit\r\nsecond line of the note');
    const budget = await donor.get(`/projects/${project.id}/budget`);
    expect(budget.body.totals).toMatchObject({ committed: usd('500.00'), spent: usd('93.20') });
    const audits = await rawAll(app.db, "SELECT note FROM audit_log WHERE entity = 'expenditure' AND project_id = ? ORDER BY id", project.id);
    expect(audits).toEqual([{ note: 'CSV import, row 2' }, { note: 'CSV import, row 3' }, { note: 'CSV import, row 4' }]);
  });

  it('writes nothing at all when any row fails (400 with every error)', async () => {
    const { project } = await world();
    const csv = 'date,amount,currency\n2026-01-01,5.00,USD\n2026-01-02,6.00,USD\n2026-13-01,7.00,USD\n';
    const res = await expectUnchanged(() => importCsv(manager, project.id, csv));
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.errors).toEqual([{ row: 4, field: 'date', code: 'date.invalid', params: {}, message: expect.any(String) }]);
    expect(res.body.error.details.issues).toEqual([{ path: 'row 4.date', code: 'date.invalid', params: {}, message: expect.any(String) }]);
  });

  it('takes the file from a multipart form too', async () => {
    const { project } = await world();
    const boundary = 'import-boundary';
    const raw = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.csv"\r\nContent-Type: text/csv\r\n\r\ndate,amount,currency\r\n2026-01-01,5.00,USD\r\n\r\n--${boundary}--\r\n`;
    const res = await manager.request('POST', `/projects/${project.id}/expenditures/import`, {
      raw,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.created).toBe(1);
  });

  it('refuses JSON (415), text that is not UTF-8 (400), donors (403) and non-members (404)', async () => {
    const { project } = await world();
    const json = await expectUnchanged(() => manager.post(`/projects/${project.id}/expenditures/import`, { rows: [] }));
    expect(json.status).toBe(415);
    // A Latin-1 "é" (0xE9) alone is not UTF-8; fetch is used directly to send the raw bytes.
    const latin1 = await expectUnchanged(() =>
      fetch(`${app.url}/projects/${project.id}/expenditures/import`, {
        method: 'POST',
        headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, 'content-type': 'text/csv' },
        body: Buffer.from('date,amount,currency,payee\n2026-01-01,5,USD,Caf\xe9\n', 'latin1'),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: { code: string } } }) as ApiResponse),
    );
    expect(latin1.status).toBe(400);
    expect(latin1.body.error.code).toBe('BAD_REQUEST');
    expect((await expectUnchanged(() => importCsv(donor, project.id, GOOD))).status).toBe(403);
    expect((await expectUnchanged(() => importCsv(outsider, project.id, GOOD))).status).toBe(404);
  });
});
