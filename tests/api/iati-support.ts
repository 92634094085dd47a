import { expect } from 'vitest';
import { type XmlNode } from '../../server/src/features/iati/xml';
import {
  makeActivity,
  makeBudgetLine,
  makeExpenditure,
  makeIndicator,
  makeOutcome,
  makeOutput,
  makePeriod,
  makeProject,
  makeValue,
} from '../factories';
import type { ApiClient, TestApp } from './harness';

export const text = (n: XmlNode | undefined): string => n?.children.find((c) => c.name === 'narrative')?.text ?? '';

export async function xmlOf(client: ApiClient, path: string) {
  const res = await client.get(path);
  expect(res.status, res.text).toBe(200);
  return res;
}

export async function importXml(client: ApiClient, xml: string, query = '') {
  return client.request('POST', `/iati/import${query}`, { raw: xml, headers: { 'content-type': 'application/xml' } });
}

/** A project using every part the export writes: goal, outcome and output indicators, all measures, both disaggregations, revisions, commitments, corrections, text that needs escaping. */
export async function fullProject(code: string, db: TestApp['db'], members: number[]) {
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
