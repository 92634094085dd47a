import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity, makeOutcome, makeProject, makeUser } from '../factories';
import { farRightXlsx, inflationBombXlsx, manyRowsXlsx, spreadColumnsXlsx } from '../factories/spreadsheets';
import { databaseDigest, startTestApp, type ApiClient, type ApiResponse, type TestApp } from './harness';
import { upload } from './registry-support';

/**
 * Hostile spreadsheets and CSVs sent to every import (issue 13): each is refused, or read,
 * within a bound, and a cheap request sent while it is being read is answered at once —
 * the file is read off the request thread, so nobody else waits for it.
 */

let app: TestApp;
let manager: ApiClient;
let projectId = 0;
let activityId = 0;
const MB = 1024 * 1024;
/** The brief's bound for an answer to a hostile file. */
const ANSWER_WITHIN_MS = 3_000;
/** A cheap request must not wait for the import: on a quiet machine it takes a few milliseconds. */
const PROBE_WITHIN_MS = 1_000;
/** Files answered before the probe could be sent (small CSVs on a fast machine) blocked nobody for longer than that wait. */
const PROBE_DELAY_MS = 5;

beforeAll(async () => {
  app = await startTestApp();
  const user = await makeUser(app.db, { role: 'manager' });
  manager = await app.login(user.email);
  const project = await makeProject(app.db, { memberIds: [user.id] });
  projectId = project.id;
  activityId = (await makeActivity(app.db, await makeOutcome(app.db, project.id))).id;
  // The first file read starts a parse worker; the bounds below are about reading, not about that start.
  const warm = await upload(manager, app.url, `/registry/import?projectId=${projectId}&dryRun=1`, { data: 'Name\r\nZarina\r\n' });
  expect(warm.status, warm.text).toBe(200);
});
afterAll(() => app.close());

const surveyImport = (data: Buffer | string) => () =>
  upload(manager, app.url, `/registry/import?projectId=${projectId}&dryRun=1`, { data, name: 'survey.xlsx' });
const attendanceImport = (data: Buffer | string) => () =>
  upload(manager, app.url, `/activities/${activityId}/attendance/import?dryRun=1`, { data, name: 'sheet.xlsx' });
const ledgerImport = (csv: string) => () =>
  manager.request('POST', `/projects/${projectId}/expenditures/import?dryRun=1`, { raw: csv, headers: { 'content-type': 'text/csv' } });

type Measured = { res: ApiResponse; ms: number; probe: ApiResponse; probeMs: number; probeSentDuringImport: boolean };

/** Sends the import, and while it is in flight a GET /auth/me; times both. */
async function whileImporting(send: () => Promise<ApiResponse>): Promise<Measured> {
  const started = performance.now();
  let importEnded = 0;
  const pending = send().then((res) => {
    importEnded = performance.now();
    return res;
  });
  // Give the upload a moment to reach the server, then ask for something cheap.
  await new Promise((resolve) => setTimeout(resolve, PROBE_DELAY_MS));
  const probeSentDuringImport = importEnded === 0;
  const probeStarted = performance.now();
  const probe = await manager.get('/auth/me');
  const probeMs = performance.now() - probeStarted;
  const res = await pending;
  return { res, ms: importEnded - started, probe, probeMs, probeSentDuringImport };
}

function expectBounded(m: Measured): void {
  expect(m.ms, 'answered within the bound').toBeLessThan(ANSWER_WITHIN_MS);
  if (!m.probeSentDuringImport) {
    // The import was answered before the other request left: whoever waited, waited less than the whole import.
    expect(m.ms, 'an import answered before the other request was sent').toBeLessThan(PROBE_WITHIN_MS);
  }
  expect(m.probe.status).toBe(200);
  expect(m.probeMs, 'the other request did not wait for the import').toBeLessThan(PROBE_WITHIN_MS);
}

function expectRefused(m: Measured, status: number, code: string, params: Record<string, unknown>): void {
  expect(m.res.status, m.res.text).toBe(status);
  expect(m.res.body.error.code).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
  expect(m.res.body.error.details.rule).toEqual({ code, params });
  expectBounded(m);
}

const csvOfColumns = (columns: number) =>
  `${Array.from({ length: columns }, (_, i) => `Column ${i + 1}`).join(',')}\r\n${Array.from({ length: columns }, (_, i) => i).join(',')}\r\n`;

describe('POST /registry/import?dryRun=1 with hostile files', { timeout: 60_000 }, () => {
  it('reads 2,000 rows whose one cell is in the last column (XFD) as one column, quickly, while other requests are answered', async () => {
    const file = farRightXlsx(2_000);
    expect(file.length).toBeLessThan(40 * 1024);
    const m = await whileImporting(surveyImport(file));
    expect(m.res.status, m.res.text).toBe(200);
    expect(m.res.body.columns).toEqual([{ header: 'Name', samples: ['Person 1', 'Person 2', 'Person 3'] }]);
    expect(m.res.body.totals.rows).toBe(1_999);
    expectBounded(m);
  });

  it('refuses 2,000 rows each holding a cell in a column of its own with 413 import.too_many_columns', async () => {
    expectRefused(await whileImporting(surveyImport(spreadColumnsXlsx(2_000))), 413, 'import.too_many_columns', { max: 100 });
  });

  it('refuses a small file whose sheet inflates to 200 MB while declaring 4 kB with 413 import.inflated_too_large, and writes nothing', async () => {
    const bomb = await inflationBombXlsx(200 * MB, { lie: true });
    expect(bomb.length).toBeLessThan(400 * 1024);
    const before = await databaseDigest(app.db);
    expectRefused(await whileImporting(surveyImport(bomb)), 413, 'import.inflated_too_large', { maxMb: 50 });
    expect(await databaseDigest(app.db)).toBe(before);
  });

  it('refuses the same bomb declaring its size at once', async () => {
    expectRefused(await whileImporting(surveyImport(await inflationBombXlsx(200 * MB, { lie: false }))), 413, 'import.inflated_too_large', {
      maxMb: 50,
    });
  });

  it('refuses 20,001 data rows with 413 import.too_many_rows, naming the limit', async () => {
    const m = await whileImporting(surveyImport(manyRowsXlsx(20_001)));
    expectRefused(m, 413, 'import.too_many_rows', { max: 20_000 });
    expect(m.res.body.error.message).toBe('The sheet has more than 20000 rows; split it into files of at most that many rows');
  });

  it('refuses a CSV of 101 columns with 413 import.too_many_columns', async () => {
    expectRefused(await whileImporting(surveyImport(csvOfColumns(101))), 413, 'import.too_many_columns', { max: 100 });
  });
});

describe('POST /activities/:id/attendance/import?dryRun=1 with hostile files', { timeout: 60_000 }, () => {
  it('reads 2,000 far-right rows as one name column, quickly, while other requests are answered', async () => {
    const m = await whileImporting(attendanceImport(farRightXlsx(2_000)));
    expect(m.res.status, m.res.text).toBe(200);
    expect(m.res.body.rows).toHaveLength(1_999);
    expectBounded(m);
  });

  it('refuses an inflation bomb with 413 import.inflated_too_large', async () => {
    expectRefused(await whileImporting(attendanceImport(await inflationBombXlsx(200 * MB, { lie: true }))), 413, 'import.inflated_too_large', {
      maxMb: 50,
    });
  });

  it('refuses 5,001 data rows with 413 import.too_many_rows', async () => {
    expectRefused(await whileImporting(attendanceImport(manyRowsXlsx(5_001))), 413, 'import.too_many_rows', { max: 5_000 });
  });

  it('refuses far-right cells in more than 100 columns, and a CSV of 101 columns, with 413 import.too_many_columns', async () => {
    expectRefused(await whileImporting(attendanceImport(spreadColumnsXlsx(2_000))), 413, 'import.too_many_columns', { max: 100 });
    expectRefused(await whileImporting(attendanceImport(csvOfColumns(101))), 413, 'import.too_many_columns', { max: 100 });
  });
});

describe('POST /projects/:id/expenditures/import?dryRun=1 with hostile CSVs', { timeout: 60_000 }, () => {
  const header = 'date,amount,currency';

  it('refuses 5,001 rows with 413 import.too_many_rows', async () => {
    const csv = `${header}\r\n${'2026-01-15,10.00,USD\r\n'.repeat(5_001)}`;
    expectRefused(await whileImporting(ledgerImport(csv)), 413, 'import.too_many_rows', { max: 5_000 });
  });

  it('refuses a CSV of 101 columns with 413 import.too_many_columns', async () => {
    expectRefused(await whileImporting(ledgerImport(csvOfColumns(101))), 413, 'import.too_many_columns', { max: 100 });
  });

  it('refuses 2 MB of empty 100-field lines (no row holds a value) with 413 import.too_many_cells', async () => {
    const csv = `${header}\r\n${`${','.repeat(99)}\n`.repeat(20_000)}`;
    expect(csv.length).toBeLessThan(2 * MB);
    expectRefused(await whileImporting(ledgerImport(csv)), 413, 'import.too_many_cells', { max: 1_000_000 });
  });

  it('still reads a ledger within the limits', async () => {
    const m = await whileImporting(ledgerImport(`${header}\r\n2026-01-15,10.00,USD\r\n`));
    expect(m.res.status, m.res.text).toBe(200);
    expect(m.res.body).toMatchObject({ valid: true, rowCount: 1 });
    expectBounded(m);
  });
});
