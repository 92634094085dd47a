import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExpenditureListSchema, ExpenditureSchema } from '@shared/schemas/budget-ledger';
import { auditRows, makeActivity, makeBudgetLine, makeExpenditure, makeOutcome, makeProject } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { expectRejected } from './expect';
import { rawGet } from './raw-sql';

let app: TestApp;
let manager: ApiClient;
let partner: ApiClient;
let donor: ApiClient;
let outsider: ApiClient;
let ids: Record<'manager' | 'partner' | 'donor', number>;

beforeAll(async () => {
  app = await startTestApp();
  const crew = await app.signInEach({ manager: 'manager', partner: 'partner', donor: 'donor', outsider: 'manager' });
  ({ manager, partner, donor, outsider } = crew.clients);
  ids = crew.ids;
});
afterAll(() => app.close());

const usd = (amount: string) => ({ amount, currency: 'USD' });
const world = async (overrides: Parameters<typeof makeProject>[1] = {}) =>
  await makeProject(app.db, { memberIds: [ids.manager, ids.partner, ids.donor], ...overrides });

describe('POST /projects/:id/expenditures', () => {
  it('stores a TJS amount as entered with its rate and the USD value converted once, half-even', async () => {
    const project = await world();
    const line = await makeBudgetLine(app.db, project);
    // 1,234.50 TJS × 0.0917 = 113.20365 USD → 113.20
    const res = await manager.post(`/projects/${project.id}/expenditures`, {
      date: '2026-02-14',
      amount: { amount: '1234.5', currency: 'TJS' },
      fxRate: '0.0917',
      budgetLineId: line.id,
      payee: 'Hotel Dushanbe',
      reference: 'INV-7',
    });
    expect(res.status, res.text).toBe(201);
    expect(ExpenditureSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toMatchObject({
      type: 'expenditure',
      iatiTransactionType: '4',
      amount: { amount: '1234.50', currency: 'TJS' },
      fxRate: '0.0917',
      converted: usd('113.20'),
      budgetLineId: line.id,
      correction: false,
      evidence: [],
      version: 1,
    });
    const row = await rawGet(
      app.db,
      'SELECT amount_minor, currency, fx_rate, converted_minor, converted_currency FROM expenditures WHERE id = ?',
      res.body.id,
    );
    expect(row).toEqual({ amount_minor: 123450, currency: 'TJS', fx_rate: '0.0917', converted_minor: 11320, converted_currency: 'USD' });
    expect((await auditRows(app.db, 'expenditure', res.body.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('rounds an exact half to the even cent', async () => {
    const project = await world();
    // 0.05 TJS × 0.5 = 0.025 USD → 0.02 (even); 0.15 × 0.5 = 0.075 → 0.08
    const a = await manager.post(`/projects/${project.id}/expenditures`, {
      date: '2026-01-01',
      amount: { amount: '0.05', currency: 'TJS' },
      fxRate: '0.5',
    });
    const b = await manager.post(`/projects/${project.id}/expenditures`, {
      date: '2026-01-01',
      amount: { amount: '0.15', currency: 'TJS' },
      fxRate: '0.5',
    });
    expect([a.body.converted, b.body.converted]).toEqual([usd('0.02'), usd('0.08')]);
  });

  it('records a commitment as IATI type 2 and a negative correction', async () => {
    const project = await world();
    const commitment = await manager.post(`/projects/${project.id}/expenditures`, { type: 'commitment', date: '2026-01-01', amount: usd('500') });
    expect(commitment.body).toMatchObject({ type: 'commitment', iatiTransactionType: '2', converted: usd('500.00'), fxRate: '1' });
    const correction = await manager.post(`/projects/${project.id}/expenditures`, { date: '2026-01-02', amount: usd('-20.00'), correction: true });
    expect(correction.status, correction.text).toBe(201);
    expect(correction.body).toMatchObject({ converted: usd('-20.00'), correction: true });
  });

  it.each([
    ['more decimals than the currency has', { amount: usd('1.005') }, 'amount.amount'],
    ['decimals on a currency without minor units', { amount: { amount: '100.5', currency: 'JPY' }, fxRate: '0.0067' }, 'amount.amount'],
    ['an unknown currency', { amount: { amount: '1', currency: 'ABC' } }, 'amount.currency'],
    ['a negative amount that is not a correction', { amount: usd('-1.00') }, 'amount.amount'],
    ['a zero amount', { amount: usd('0.00') }, 'amount.amount'],
    ['an impossible date', { date: '2026-02-30' }, 'date'],
    ['a rate missing for another currency', { amount: { amount: '10', currency: 'EUR' } }, 'fxRate'],
    ['a rate other than 1 for the project currency', { fxRate: '1.1' }, 'fxRate'],
    ['a rate that is not a positive decimal', { amount: { amount: '10', currency: 'EUR' }, fxRate: '-1.1' }, 'fxRate'],
    ['a zero rate', { amount: { amount: '10', currency: 'EUR' }, fxRate: '0' }, 'fxRate'],
    ['an unknown type', { type: 'disbursement' }, 'type'],
    ['an unknown field', { vat: '10' }, ''],
  ])('refuses %s with 400 and writes nothing', async (_name, override, path) => {
    const project = await world();
    const res = await expectRejected(
      app.db,
      () => manager.post(`/projects/${project.id}/expenditures`, { date: '2026-01-01', amount: usd('10.00'), ...override }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses a budget line or an activity of another project', async () => {
    const project = await world();
    const other = await world();
    const line = await makeBudgetLine(app.db, other);
    const activity = await makeActivity(app.db, await makeOutcome(app.db, other.id));
    const res = await expectRejected(
      app.db,
      () =>
        manager.post(`/projects/${project.id}/expenditures`, {
          date: '2026-01-01',
          amount: usd('1'),
          budgetLineId: line.id,
          activityId: activity.id,
        }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['activityId', 'budgetLineId']);
  });

  it('lets managers enter, partners and donors only read (403), and hides the ledger from non-members (404)', async () => {
    const project = await world();
    const body = { date: '2026-01-01', amount: usd('10.00') };
    await expectRejected(app.db, () => partner.post(`/projects/${project.id}/expenditures`, body), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => donor.post(`/projects/${project.id}/expenditures`, body), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => outsider.post(`/projects/${project.id}/expenditures`, body), 404, 'NOT_FOUND');
    const entry = await makeExpenditure(app.db, project);
    await expectRejected(app.db, () => donor.patch(`/expenditures/${entry.id}`, { version: 1, payee: 'X' }), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => outsider.patch(`/expenditures/${entry.id}`, { version: 1, payee: 'X' }), 404, 'NOT_FOUND');
    await expectRejected(app.db, () => partner.delete(`/expenditures/${entry.id}?version=1`), 403, 'FORBIDDEN');
    expect((await donor.get(`/projects/${project.id}/expenditures`)).body.total).toBe(1);
    expect((await outsider.get(`/projects/${project.id}/expenditures`)).status).toBe(404);
  });

  it('lands fifty entries posted in parallel, and the totals equal their exact sum', async () => {
    const project = await world();
    const line = await makeBudgetLine(app.db, project, { originalMinor: 100_000_000 });
    const amounts = Array.from({ length: 50 }, (_, i) => ((i + 1) * 1234 + 7) / 100); // 12.41, 24.75, …
    const results = await Promise.all(
      amounts.map((a, i) =>
        manager.post(`/projects/${project.id}/expenditures`, {
          date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
          amount: usd(a.toFixed(2)),
          budgetLineId: line.id,
          reference: `P-${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(50);
    const expectedMinor = amounts.reduce((s, a) => s + Math.round(a * 100), 0);
    const expected = `${Math.floor(expectedMinor / 100)}.${String(expectedMinor % 100).padStart(2, '0')}`;
    const budget = (await manager.get(`/projects/${project.id}/budget`)).body;
    expect(budget.totals.spent).toEqual(usd(expected));
    expect(budget.byLine.rows[0].spent).toEqual(usd(expected));
    const list = await manager.get(`/projects/${project.id}/expenditures?pageSize=10`);
    expect(list.body.total).toBe(50);
    expect(list.body.sums.spent).toEqual(usd(expected));
  });
});

describe('GET /projects/:id/expenditures', () => {
  it('filters, pages and sums the ledger, showing original and converted amounts', async () => {
    const project = await world();
    const travel = await makeBudgetLine(app.db, project, { category: 'travel' });
    const staff = await makeBudgetLine(app.db, project, { category: 'staff' });
    await makeExpenditure(app.db, project, { date: '2026-01-10', budgetLineId: travel.id, payee: 'Airline 50% off' });
    await makeExpenditure(app.db, project, { date: '2026-02-10', budgetLineId: staff.id, amountMinor: 20_000, convertedMinor: 20_000 });
    await makeExpenditure(app.db, project, {
      date: '2026-03-10',
      type: 'commitment',
      budgetLineId: travel.id,
      amountMinor: 30_000,
      convertedMinor: 30_000,
    });
    await makeExpenditure(app.db, project, { date: '2026-03-11', currency: 'TJS', amountMinor: 109_051, fxRate: '0.0917', convertedMinor: 10_000 });

    const all = await donor.get(`/projects/${project.id}/expenditures`);
    expect(ExpenditureListSchema.parse(all.body)).toEqual(all.body);
    expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 50, sums: { committed: usd('300.00'), spent: usd('400.00') } });
    expect(all.body.items.map((e: { date: string }) => e.date)).toEqual(['2026-03-11', '2026-03-10', '2026-02-10', '2026-01-10']);
    expect(all.body.items[0]).toMatchObject({ amount: { amount: '1090.51', currency: 'TJS' }, converted: usd('100.00') });

    const q = (s: string) => manager.get(`/projects/${project.id}/expenditures?${s}`).then((r) => r.body);
    expect((await q('type=commitment')).total).toBe(1);
    expect((await q(`budgetLineId=${travel.id}`)).total).toBe(2);
    expect((await q('category=staff')).sums.spent).toEqual(usd('200.00'));
    expect((await q('noBudgetLine=true')).total).toBe(1);
    expect((await q('currency=TJS')).total).toBe(1);
    expect((await q('from=2026-02-01&to=2026-03-10')).total).toBe(2);
    expect((await q('q=50%25')).total).toBe(1);
    const page2 = await q('pageSize=3&page=2');
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(1);
    expect((await manager.get(`/projects/${project.id}/expenditures?from=2026-03-01&to=2026-02-01`)).status).toBe(400);
    expect((await manager.get(`/projects/${project.id}/expenditures?pageSize=500`)).status).toBe(400);
  });
});

describe('PATCH /expenditures/:id and DELETE', () => {
  it('converts again when the amount or rate changes, and a new currency needs its own rate', async () => {
    const project = await world();
    const created = await manager.post(`/projects/${project.id}/expenditures`, {
      date: '2026-01-01',
      amount: { amount: '1000', currency: 'TJS' },
      fxRate: '0.09',
    });
    const rated = await manager.patch(`/expenditures/${created.body.id}`, { version: 1, fxRate: '0.1' });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.body).toMatchObject({ fxRate: '0.1', converted: usd('100.00'), version: 2 });
    const moved = await manager.patch(`/expenditures/${created.body.id}`, { version: 2, amount: usd('95.00') });
    expect(moved.body).toMatchObject({ amount: usd('95.00'), fxRate: '1', converted: usd('95.00'), version: 3 });
    await expectRejected(
      app.db,
      () => manager.patch(`/expenditures/${created.body.id}`, { version: 3, amount: { amount: '5', currency: 'EUR' } }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRejected(
      app.db,
      () => manager.patch(`/expenditures/${created.body.id}`, { version: 3, amount: usd('-5') }),
      400,
      'VALIDATION_FAILED',
    );
    const stale = await expectRejected(
      app.db,
      () => manager.patch(`/expenditures/${created.body.id}`, { version: 2, payee: 'Late' }),
      409,
      'VERSION_CONFLICT',
    );
    expect(stale.body.error.details.current).toMatchObject({ version: 3 });
    await expectRejected(app.db, () => manager.delete(`/expenditures/${created.body.id}?version=2`), 409, 'VERSION_CONFLICT');
    expect((await manager.delete(`/expenditures/${created.body.id}?version=3`)).status).toBe(204);
    expect((await auditRows(app.db, 'expenditure', created.body.id)).map((r) => r.action)).toEqual(['create', 'update', 'update', 'delete']);
  });
});

describe('expenditure evidence', () => {
  const boundary = 'ledger-test-boundary';
  const upload = (content: string, name = 'receipt.pdf') => ({
    raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  const PDF = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';

  it('attaches a receipt judged by its content, lists it on the entry and serves it as a download', async () => {
    const project = await world();
    const entry = await makeExpenditure(app.db, project);
    const res = await manager.request('POST', `/expenditures/${entry.id}/evidence`, upload(PDF, '../../invoice 7.exe'));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      expenditureId: entry.id,
      fileName: 'invoice 7.pdf',
      mediaType: 'application/pdf',
      uploadedBy: { id: ids.manager },
    });
    const list = await donor.get(`/projects/${project.id}/expenditures`);
    expect(list.body.items[0].evidence).toEqual([res.body]);
    const file = await donor.get(`/expenditure-evidence/${res.body.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.text).toBe(PDF);
    expect((await outsider.get(`/expenditure-evidence/${res.body.id}`)).status).toBe(404);
  });

  it('refuses a file that is not an accepted type (HTML posing as PDF), writing nothing', async () => {
    const entry = await makeExpenditure(app.db, await world());
    await expectRejected(
      app.db,
      () => manager.request('POST', `/expenditures/${entry.id}/evidence`, upload('<html><script>alert(1)</script></html>')),
      400,
      'FILE_TYPE_NOT_ALLOWED',
    );
    await expectRejected(app.db, () => donor.request('POST', `/expenditures/${entry.id}/evidence`, upload(PDF)), 403, 'FORBIDDEN');
  });

  it('removes a receipt, and the files of a deleted entry', async () => {
    const project = await world();
    const entry = await makeExpenditure(app.db, project);
    const first = await manager.request('POST', `/expenditures/${entry.id}/evidence`, upload(PDF));
    expect((await manager.delete(`/expenditure-evidence/${first.body.id}`)).status).toBe(204);
    expect((await manager.get(`/expenditure-evidence/${first.body.id}`)).status).toBe(404);
    const second = await manager.request('POST', `/expenditures/${entry.id}/evidence`, upload(PDF));
    expect((await manager.delete(`/expenditures/${entry.id}?version=1`)).status).toBe(204);
    expect((await manager.get(`/expenditure-evidence/${second.body.id}`)).status).toBe(404);
    expect(await rawGet(app.db, 'SELECT count(*) AS n FROM expenditure_files WHERE expenditure_id = ?', entry.id)).toEqual({ n: 0 });
  });
});
