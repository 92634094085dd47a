import { describe, expect, it } from 'vitest';
import { compareReports } from '@shared/calc/report-diff';
import type { ReportActivity, ReportBudget, ReportData, ReportIndicator } from '@shared/schemas/report';

const indicator = (id: number, o: Partial<ReportIndicator> = {}): ReportIndicator => ({
  id,
  code: `1.${id}`,
  level: 'outcome',
  outcomeCode: '1',
  title: `Indicator ${id}`,
  unit: '',
  measure: 'number',
  baseline: 0,
  baselineYear: null,
  target: 100,
  actual: null,
  actualPeriodEnd: null,
  narrative: null,
  percent: null,
  rag: 'not_computable',
  disaggregation: null,
  illustrative: false,
  ...o,
});

const activity = (id: number, o: Partial<ReportActivity> = {}): ReportActivity => ({
  id,
  outcomeCode: '1',
  title: `Activity ${id}`,
  status: 'planned',
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  percentComplete: 0,
  startSlippageDays: null,
  finishSlippageDays: null,
  flag: null,
  illustrative: false,
  ...o,
});

const money = (amount: string, currency = 'USD') => ({ amount, currency }) as ReportBudget['totals']['budget'];
const figures = (budget: string, spent: string, currency = 'USD') => ({
  budget: money(budget, currency),
  committed: money('0.00', currency),
  spent: money(spent, currency),
  remaining: money('0.00', currency),
});
const budget = (spent: string, travel: string, currency = 'USD'): ReportBudget => ({
  currency,
  projectBudget: money('1000.00', currency),
  totals: figures('1000.00', spent, currency),
  byCategory: [{ category: 'travel', ...figures('400.00', travel, currency) }],
  byOutcome: [],
  unallocatedToOutcome: figures('0.00', '0.00', currency),
  spentPercent: null,
  timeElapsedPercent: null,
  illustrative: false,
});

const data = (o: Partial<ReportData>): ReportData => ({
  compiledAt: '2026-01-01T00:00:00.000Z',
  project: {
    id: 1,
    code: 'P',
    title: 'P',
    description: '',
    goal: '',
    status: 'ongoing',
    type: 'other',
    region: 'global',
    coverage: 'national',
    memberStates: ['TJ'],
    startYear: 2026,
    endYear: 2026,
    plannedStart: null,
    plannedEnd: null,
    budget: money('1000.00'),
    implementingOrg: '',
    funder: '',
    illustrative: false,
  },
  outcomes: [],
  indicators: [],
  activities: [],
  milestones: [],
  budget: null,
  illustrative: false,
  ...o,
});

describe('compareReports', () => {
  it.each([
    {
      name: 'an actual that rose is changed, with its delta',
      before: [indicator(1, { actual: 10, percent: 10, rag: 'off_track' })],
      after: [indicator(1, { actual: 25.5, percent: 25.5, rag: 'at_risk' })],
      expected: [{ id: 1, change: 'changed', actualDelta: 15.5, ragBefore: 'off_track', ragAfter: 'at_risk' }],
    },
    {
      name: 'the same figures are unchanged',
      before: [indicator(1, { actual: 10, percent: 10, rag: 'on_track' })],
      after: [indicator(1, { actual: 10, percent: 10, rag: 'on_track' })],
      expected: [{ id: 1, change: 'unchanged', actualDelta: 0 }],
    },
    {
      name: 'a first actual has no delta',
      before: [indicator(1)],
      after: [indicator(1, { actual: 5 })],
      expected: [{ id: 1, change: 'changed', actualDelta: null, actualBefore: null, actualAfter: 5 }],
    },
    {
      name: 'a new indicator is added and a dropped one removed',
      before: [indicator(1)],
      after: [indicator(2, { actual: 3 })],
      expected: [
        { id: 2, change: 'added', actualBefore: null },
        { id: 1, change: 'removed', actualAfter: null, ragAfter: null },
      ],
    },
  ])('indicators: $name', ({ before, after, expected }) => {
    const result = compareReports(data({ indicators: before }), data({ indicators: after }));
    expect(result.indicators).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(result.indicators[i]).toMatchObject(e));
  });

  it.each([
    { name: 'a status change', before: activity(1), after: activity(1, { status: 'in_progress', percentComplete: 20 }), change: 'changed' },
    { name: 'progress alone', before: activity(1, { percentComplete: 20 }), after: activity(1, { percentComplete: 40 }), change: 'changed' },
    { name: 'nothing', before: activity(1, { percentComplete: 20 }), after: activity(1, { percentComplete: 20 }), change: 'unchanged' },
  ])('activities: $name is $change', ({ before, after, change }) => {
    const result = compareReports(data({ activities: [before] }), data({ activities: [after] }));
    expect(result.activities[0]).toMatchObject({ id: 1, change, statusBefore: before.status, statusAfter: after.status });
  });

  it('compares spend in minor units, in total and by category', () => {
    const result = compareReports(data({ budget: budget('100.00', '40.00') }), data({ budget: budget('250.50', '90.25') }));
    expect(result.spendComparable).toBe(true);
    expect(result.spend).toEqual([
      { key: 'total', budgetBefore: 100000, budgetAfter: 100000, spentBefore: 10000, spentAfter: 25050, spentDelta: 15050 },
      { key: 'travel', budgetBefore: 40000, budgetAfter: 40000, spentBefore: 4000, spentAfter: 9025, spentDelta: 5025 },
    ]);
  });

  it('does not compare spend across currencies', () => {
    const result = compareReports(data({ budget: budget('1.00', '1.00', 'EUR') }), data({ budget: budget('2.00', '2.00') }));
    expect(result.spendComparable).toBe(false);
    expect(result.spend).toEqual([]);
  });

  it('with no earlier report, everything is added and spend has no "before"', () => {
    const result = compareReports(null, data({ indicators: [indicator(1)], activities: [activity(2)], budget: budget('5.00', '1.00') }));
    expect(result.indicators[0]?.change).toBe('added');
    expect(result.activities[0]?.change).toBe('added');
    expect(result.spend[0]).toMatchObject({ key: 'total', spentBefore: null, spentAfter: 500, spentDelta: null });
    expect(result.counts).toEqual({ indicatorsChanged: 1, activitiesChanged: 1 });
  });
});
