import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import {
  makeActivity,
  makeBudgetLine,
  makeExpenditure,
  makeIndicator,
  makeMilestone,
  makeOutcome,
  makePeriod,
  makeProject,
  makeUser,
  makeValue,
} from '../factories';
import { EVERY_ROLE, ApiClient, databaseDigest, startTestApp, type TestApp } from './harness';
import { rawRun } from './raw-sql';

let app: TestApp;
let ids: Record<Role, number>;
let clients: Record<Role, ApiClient>;
const tmp = mkdtempSync(join(tmpdir(), 'hamkori-reports-'));

beforeAll(async () => {
  app = await startTestApp();
  ({ clients, ids } = await app.signInEach(EVERY_ROLE));
});
afterAll(async () => {
  await app.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A project all four roles belong to, with an indicator (an approved actual), an activity, a milestone and spending. */
async function project(title = 'Engaging the diaspora') {
  const p = await makeProject(app.db, {
    title,
    memberIds: Object.values(ids),
    startYear: 2026,
    endYear: 2026,
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
  });
  const outcome = await makeOutcome(app.db, p.id, { title: 'Government engages the diaspora' });
  const indicator = await makeIndicator(app.db, p.id, { outcomeId: outcome.id, title: 'Diaspora members taking part', disaggregations: ['sex'] });
  const q1 = await makePeriod(app.db, indicator, { start: '2026-01-01', end: '2026-03-31', target: 50 });
  const q2 = await makePeriod(app.db, indicator, { start: '2026-04-01', end: '2026-06-30', target: 100 });
  await makeValue(app.db, q1, { status: 'approved', value: 40, disaggregation: { sex: { women: 22, men: 18, other: 0 } } });
  const activity = await makeActivity(app.db, outcome, { title: 'National forum', plannedStart: '2026-02-01', plannedEnd: '2026-02-28' });
  await makeMilestone(app.db, p.id, { activityId: activity.id, title: 'Forum conclusions circulated', dueDate: '2026-03-15' });
  const line = await makeBudgetLine(app.db, p, { category: 'travel', activityId: activity.id, originalMinor: 500_000 });
  await makeExpenditure(app.db, p, {
    budgetLineId: line.id,
    activityId: activity.id,
    amountMinor: 120_000,
    convertedMinor: 120_000,
    date: '2026-02-10',
  });
  return { project: p, outcome, indicator, q1, q2, activity, line };
}

const Q1 = { kind: 'quarterly', title: 'First quarter 2026', periodStart: '2026-01-01', periodEnd: '2026-03-31' };

async function createReport(projectId: number, body: Record<string, unknown> = Q1) {
  const res = await clients.manager.post(`/projects/${projectId}/reports`, body);
  expect(res.status, res.text).toBe(201);
  return res.body as { id: number; version: number };
}

async function submitted(projectId: number, body: Record<string, unknown> = Q1) {
  const r = await createReport(projectId, body);
  const res = await clients.manager.post(`/reports/${r.id}/submit`, { version: r.version });
  expect(res.status, res.text).toBe(200);
  return res.body as { id: number; version: number; frozenAt: string };
}

async function download(client: ApiClient, path: string) {
  const res = await fetch(app.url + path, { headers: { cookie: client.cookie } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    data: Buffer.from(await res.arrayBuffer()),
  };
}

describe('period reports', () => {
  it('POST /projects/:id/reports stores safe narrative markup only and shows live data until submitted', async () => {
    const { project: p } = await project();
    const res = await clients.manager.post(`/projects/${p.id}/reports`, {
      ...Q1,
      narrative: {
        achievements: '<p onclick="x()">Forum held<script>alert(1)</script></p><a href="javascript:alert(1)">link</a>',
        risks: '<h3>R</h3><ul><li>one</li></ul>',
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('draft');
    expect(res.body.narrative.achievements).toBe('<p>Forum held</p>link');
    expect(res.body.narrative.risks).toBe('<h3>R</h3><ul><li>one</li></ul>');
    const detail = await clients.manager.get(`/reports/${res.body.id}`);
    expect(detail.body.frozenAt).toBeNull();
    expect(detail.body.data.indicators[0]).toMatchObject({
      title: 'Diaspora members taking part',
      actual: 40,
      target: 100,
      disaggregation: { sex: { women: 22, men: 18, other: 0 } },
    });
    expect(detail.body.data.activities[0]).toMatchObject({ title: 'National forum', status: 'planned' });
    expect(detail.body.data.budget.byCategory.find((c: { category: string }) => c.category === 'travel').spent.amount).toBe('1200.00');
  });

  it('a quarterly report must cover a calendar quarter', async () => {
    const { project: p } = await project();
    const res = await clients.manager.post(`/projects/${p.id}/reports`, { ...Q1, periodEnd: '2026-03-30' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('periodEnd');
  });

  it('submitting freezes the data: later edits to activities, indicator values and spending do not change the report', async () => {
    const { project: p, activity, q1, q2, line } = await project();
    const report = await submitted(p.id);
    expect(report.frozenAt).toBeTruthy();
    const before = (await clients.donor.get(`/reports/${report.id}`)).body;

    const a = (await clients.manager.get(`/activities/${activity.id}`)).body;
    expect(
      (
        await clients.manager.patch(`/activities/${activity.id}`, {
          version: a.version,
          status: 'completed',
          percentComplete: 100,
          actualStart: '2026-02-01',
          actualEnd: '2026-02-20',
          note: 'Done',
        })
      ).status,
    ).toBe(200);
    await makeValue(app.db, q2, { status: 'approved', value: 90 });
    await rawRun(app.db, 'UPDATE indicator_values SET value = 45 WHERE period_id = ?', q1.id);
    await makeExpenditure(app.db, p, { budgetLineId: line.id, amountMinor: 300_000, convertedMinor: 300_000, date: '2026-03-01' });

    const after = (await clients.donor.get(`/reports/${report.id}`)).body;
    expect(after.data).toEqual(before.data);
    expect(after.frozenAt).toBe(report.frozenAt);
    expect(after.data.activities[0].status).toBe('planned');
    expect(after.data.budget.totals.spent.amount).toBe('1200.00');

    // The live project view does move on.
    const live = await download(clients.donor, `/projects/${p.id}/export.csv?table=activities`);
    expect(live.data.toString('utf8')).toContain('Completed');
  });

  it('a submitted report takes no edits and cannot be deleted; the manager may not accept it', async () => {
    const { project: p } = await project();
    const report = await submitted(p.id);
    const digest = await databaseDigest(app.db);
    const patch = await clients.manager.patch(`/reports/${report.id}`, { version: report.version, title: 'Changed' });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe('INVALID_TRANSITION');
    expect((await clients.manager.delete(`/reports/${report.id}?version=${report.version}`)).status).toBe(409);
    expect((await clients.manager.post(`/reports/${report.id}/accept`, { version: report.version })).status).toBe(403);
    expect((await clients.partner.post(`/reports/${report.id}/return`, { version: report.version, comment: 'x' })).status).toBe(403);
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('drafts are invisible to donors and partners; donors may not write reports', async () => {
    const { project: p } = await project();
    const draft = await createReport(p.id);
    expect((await clients.donor.get(`/reports/${draft.id}`)).status).toBe(404);
    expect((await clients.partner.get(`/reports/${draft.id}`)).status).toBe(404);
    expect((await clients.donor.get(`/projects/${p.id}/reports`)).body.items).toEqual([]);
    expect((await clients.manager.get(`/projects/${p.id}/reports`)).body.items).toHaveLength(1);
    expect((await clients.donor.post(`/projects/${p.id}/reports`, Q1)).status).toBe(403);
    expect((await clients.donor.post(`/reports/${draft.id}/submit`, { version: draft.version })).status).toBe(403);
  });

  it('a donor who is not a member of the project gets 404', async () => {
    const { project: p } = await project();
    const report = await submitted(p.id);
    const outsider = await makeUser(app.db, { role: 'donor' });
    const client = await app.login(outsider.email);
    expect((await client.get(`/reports/${report.id}`)).status).toBe(404);
    expect((await client.post(`/reports/${report.id}/accept`, { version: report.version })).status).toBe(404);
  });

  it('the donor returns a report with comments; the manager revises and resubmits, freezing new data; the donor accepts', async () => {
    const { project: p, activity } = await project();
    const report = await submitted(p.id);
    expect((await clients.donor.post(`/reports/${report.id}/return`, { version: report.version })).status).toBe(400);
    const returned = await clients.donor.post(`/reports/${report.id}/return`, {
      version: report.version,
      comment: 'Add the seminar figures, please.',
    });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: 'Add the seminar figures, please.', reviewedBy: { id: ids.donor } });

    const edited = await clients.manager.patch(`/reports/${report.id}`, {
      version: returned.body.version,
      narrative: { challenges: '<p>Seminar figures added.</p>' },
    });
    expect(edited.status, edited.text).toBe(200);
    const a = (await clients.manager.get(`/activities/${activity.id}`)).body;
    await clients.manager.patch(`/activities/${activity.id}`, {
      version: a.version,
      status: 'in_progress',
      percentComplete: 50,
      actualStart: '2026-02-01',
    });
    const again = await clients.manager.post(`/reports/${report.id}/submit`, { version: edited.body.version });
    expect(again.status).toBe(200);
    expect(again.body.frozenAt >= report.frozenAt).toBe(true);
    expect((await clients.donor.get(`/reports/${report.id}`)).body.data.activities[0].status).toBe('in_progress');

    const accepted = await clients.donor.post(`/reports/${report.id}/accept`, { version: again.body.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await clients.donor.post(`/reports/${report.id}/accept`, { version: accepted.body.version })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('GET /reports/:id/compare shows what changed in indicators, activity status and spend since the previous report', async () => {
    const { project: p, activity, q2, line } = await project();
    await submitted(p.id);
    const a = (await clients.manager.get(`/activities/${activity.id}`)).body;
    await clients.manager.patch(`/activities/${activity.id}`, {
      version: a.version,
      status: 'completed',
      percentComplete: 100,
      actualStart: '2026-02-01',
      actualEnd: '2026-02-27',
    });
    await makeValue(app.db, q2, { status: 'approved', value: 80 });
    await makeExpenditure(app.db, p, { budgetLineId: line.id, amountMinor: 50_000, convertedMinor: 50_000, date: '2026-05-01' });
    const second = await submitted(p.id, { kind: 'quarterly', title: 'Second quarter 2026', periodStart: '2026-04-01', periodEnd: '2026-06-30' });

    const res = await clients.donor.get(`/reports/${second.id}/compare`);
    expect(res.status).toBe(200);
    expect(res.body.previous.title).toBe('First quarter 2026');
    expect(res.body.indicators[0]).toMatchObject({ change: 'changed', actualBefore: 40, actualAfter: 80, actualDelta: 40 });
    expect(res.body.activities[0]).toMatchObject({ change: 'changed', statusBefore: 'planned', statusAfter: 'completed' });
    expect(res.body.spend[0]).toMatchObject({ key: 'total', spentBefore: 120_000, spentAfter: 170_000, spentDelta: 50_000 });
  });
});

describe('downloads', () => {
  it('GET /reports/:id/export.pdf in Russian is a readable A4 PDF with Cyrillic text, page numbers "X of Y" and the narrative', async () => {
    const { project: p } = await project('Вовлечение таджикской диаспоры');
    const r = await createReport(p.id, { ...Q1, language: 'ru', narrative: { achievements: '<p>Форум прошёл в Душанбе. Ҳамкорӣ.</p>' } });
    await clients.manager.post(`/reports/${r.id}/submit`, { version: r.version });
    const pdf = await download(clients.donor, `/reports/${r.id}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toMatch(/attachment; filename=".+\.pdf"/);
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(tmp, `report-${r.id}.pdf`);
    writeFileSync(file, pdf.data);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Вовлечение таджикской диаспоры');
    expect(text).toContain('Форум прошёл в Душанбе. Ҳамкорӣ.');
    expect(text).toContain('Результаты и индикаторы');
    expect(text).toContain(`Страница 1 из ${pages}`);
    expect(text).toContain(`Страница ${pages} из ${pages}`);
    expect(text).toContain('Diaspora members taking part');
  });

  it('?lang=tg gives Tajik headings on the live project PDF; an unknown lang is 400', async () => {
    const { project: p } = await project();
    const pdf = await download(clients.partner, `/projects/${p.id}/export.pdf?lang=tg`);
    const file = join(tmp, `live-${p.id}.pdf`);
    writeFileSync(file, pdf.data);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Натиҷаҳо ва нишондиҳандаҳо');
    expect(text).toContain('Истифодаи буҷет');
    expect((await download(clients.partner, `/projects/${p.id}/export.pdf?lang=de`)).status).toBe(400);
  });

  it('GET /reports/:id/export.xlsx has one sheet per table with typed numbers, dates and percentages', async () => {
    const { project: p } = await project();
    const report = await submitted(p.id);
    const res = await download(clients.donor, `/reports/${report.id}/export.xlsx`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.data as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Project summary',
      'Outcomes and indicators',
      'Activities',
      'Milestones',
      'Budget by category',
      'Budget by outcome',
    ]);
    const indicators = book.getWorksheet('Outcomes and indicators')!;
    expect(indicators.getRow(1).getCell(3).value).toBe('Indicator');
    const row = indicators.getRow(2);
    expect(row.getCell(5).value).toBe(100);
    expect(row.getCell(6).value).toBe(40);
    expect(row.getCell(7).value).toBe(0.4);
    expect(row.getCell(7).numFmt).toBe('0.0%');
    const activities = book.getWorksheet('Activities')!;
    const start = activities.getRow(2).getCell(4).value;
    expect(start).toBeInstanceOf(Date);
    expect((start as Date).toISOString().slice(0, 10)).toBe('2026-02-01');
    expect(activities.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd');
    const budget = book.getWorksheet('Budget by category')!;
    const travel = budget.getRows(2, budget.rowCount - 1)!.find((r) => r.getCell(1).value === 'Travel')!;
    expect(travel.getCell(2).value).toBe(5000);
    expect(travel.getCell(4).value).toBe(1200);
    expect(travel.getCell(4).numFmt).toBe('#,##0.00');
  });

  it('GET /projects/:id/export.csv?table= is UTF-8 with a BOM, headed in the asked language; an unknown table is 400', async () => {
    const { project: p } = await project();
    const res = await download(clients.donor, `/projects/${p.id}/export.csv?table=indicators&lang=ru`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect([...res.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.data.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Код,Результат,Индикатор,Исходное значение,Целевое значение,Факт (утверждён),% от цели,Статус (RAG),Разбивка');
    expect(lines[1]).toBe('1.a,1,Diaspora members taking part,,100,40,0.4,Отстаёт,"Пол: женщины 22, мужчины 18, другое 0"');
    expect((await download(clients.donor, `/projects/${p.id}/export.csv?table=people`)).status).toBe(400);
  });
});

describe('GET /dashboard', () => {
  it("shows the donor's projects with the latest report, reports awaiting review, outcome progress and budget use", async () => {
    const { project: p } = await project('Dashboard project');
    await submitted(p.id);
    const res = await clients.donor.get('/dashboard');
    expect(res.status).toBe(200);
    const mine = res.body.projects.find((x: { id: number }) => x.id === p.id);
    expect(mine.latestReport).toMatchObject({ title: 'First quarter 2026', status: 'submitted' });
    expect(mine.awaitingReview).toBe(1);
    expect(mine.outcomes[0]).toMatchObject({ title: 'Government engages the diaspora', indicators: 1, percent: 40 });
    expect(mine.budget.spent.amount).toBe('1200.00');
    const outsider = await app.login((await makeUser(app.db, { role: 'donor' })).email);
    expect((await outsider.get('/dashboard')).body.projects).toEqual([]);
  });
});
