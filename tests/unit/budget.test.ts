import { describe, expect, it } from 'vitest';
import {
  BUDGET_CATEGORIES,
  OPERATIONAL_CATEGORIES,
  summariseBudget,
  type ActivityRef,
  type BudgetFigures,
  type BudgetLine,
  type BudgetSummary,
  type Expenditure,
} from '@shared/calc/budget';
import { burnRate, cumulativeSpendSeries } from '@shared/calc/budget-series';

let nextId = 1000;

function line(overrides: Partial<BudgetLine> = {}): BudgetLine {
  return { id: nextId++, category: 'other', activityId: null, originalMinor: 0, revisedMinor: null, ...overrides };
}

function spend(overrides: Partial<Expenditure> = {}): Expenditure {
  return {
    id: nextId++,
    budgetLineId: null,
    activityId: null,
    type: 'expenditure',
    date: '2025-03-15',
    amountMinor: 0,
    ...overrides,
  };
}

function figures(budget: number, committed: number, spent: number): BudgetFigures {
  return { budgetMinor: BigInt(budget), committedMinor: BigInt(committed), spentMinor: BigInt(spent), remainingMinor: BigInt(budget - spent) };
}

function sumRows(rows: readonly BudgetFigures[], unallocated: BudgetFigures): BudgetFigures {
  const all = [...rows, unallocated];
  return {
    budgetMinor: all.reduce((s, r) => s + r.budgetMinor, 0n),
    committedMinor: all.reduce((s, r) => s + r.committedMinor, 0n),
    spentMinor: all.reduce((s, r) => s + r.spentMinor, 0n),
    remainingMinor: all.reduce((s, r) => s + r.remainingMinor, 0n),
  };
}

describe('budget categories', () => {
  it('lists the eight categories, and operational ones are all but staff and office', () => {
    expect(BUDGET_CATEGORIES).toEqual(['staff', 'office', 'travel', 'meetings_events', 'consultancy', 'translation_printing', 'equipment', 'other']);
    expect(OPERATIONAL_CATEGORIES).toEqual(['travel', 'meetings_events', 'consultancy', 'translation_printing', 'equipment', 'other']);
  });
});

describe('summariseBudget on a project with two outcomes', () => {
  // Outcome 1 has outputs 11 (A1) and 12 (A2); activity A3 sits directly under outcome 2.
  const activities: ActivityRef[] = [
    { id: 1, outcomeId: 1, outputId: 11 },
    { id: 2, outcomeId: 1, outputId: 12 },
    { id: 3, outcomeId: 2, outputId: null },
  ];
  const lines: BudgetLine[] = [
    { id: 101, category: 'staff', activityId: null, originalMinor: 500_000, revisedMinor: null },
    { id: 102, category: 'travel', activityId: 1, originalMinor: 100_000, revisedMinor: 120_000 },
    { id: 103, category: 'meetings_events', activityId: 2, originalMinor: 50_000, revisedMinor: null },
    { id: 104, category: 'consultancy', activityId: 3, originalMinor: 200_000, revisedMinor: 150_000 },
  ];
  const entries: Expenditure[] = [
    spend({ budgetLineId: 101, amountMinor: 100_000 }),
    spend({ budgetLineId: 102, amountMinor: 40_000 }),
    spend({ budgetLineId: 102, type: 'commitment', amountMinor: 30_000 }),
    // Booked on A2's line but naming A1: counts for A1.
    spend({ budgetLineId: 103, activityId: 1, amountMinor: 5_000 }),
    spend({ budgetLineId: 103, amountMinor: 20_000 }),
    spend({ activityId: 3, amountMinor: 7_000 }),
    spend({ amountMinor: 1_000 }),
    spend({ budgetLineId: 104, amountMinor: -2_000 }),
    spend({ budgetLineId: 104, amountMinor: 60_000 }),
  ];
  const summary = summariseBudget({ lines, entries, activities });

  it('totals use revised budgets where set, count commitments apart and deduct corrections', () => {
    expect(summary.totals).toEqual(figures(820_000, 30_000, 231_000));
  });

  it.each([
    { name: 'staff line without an activity', category: 'staff', expected: figures(500_000, 0, 100_000) },
    { name: 'travel revised up to 120,000', category: 'travel', expected: figures(120_000, 30_000, 40_000) },
    { name: 'meetings, including the entry that names another activity', category: 'meetings_events', expected: figures(50_000, 0, 25_000) },
    { name: 'consultancy revised down, with a correction', category: 'consultancy', expected: figures(150_000, 0, 58_000) },
    { name: 'an unused category is zero', category: 'equipment', expected: figures(0, 0, 0) },
  ])('by category: $name', ({ category, expected }) => {
    expect(summary.byCategory.rows.find((r) => r.category === category)).toEqual({ category, ...expected });
  });

  it.each([
    { name: 'A1 gets its line and the entry that names it', activityId: 1, expected: figures(120_000, 30_000, 45_000) },
    { name: 'A2 loses the entry that names A1', activityId: 2, expected: figures(50_000, 0, 20_000) },
    { name: 'A3 gets an entry without a line', activityId: 3, expected: figures(150_000, 0, 65_000) },
  ])('by activity: $name', ({ activityId, expected }) => {
    expect(summary.byActivity.rows.find((r) => r.activityId === activityId)).toMatchObject(expected);
  });

  it.each<{ name: string; pick: (s: BudgetSummary) => BudgetFigures | undefined; expected: BudgetFigures }>([
    {
      name: 'outcome 1 rolls up A1 and A2',
      pick: (s) => s.byOutcome.rows.find((r) => r.outcomeId === 1),
      expected: figures(170_000, 30_000, 65_000),
    },
    { name: 'outcome 2 rolls up A3', pick: (s) => s.byOutcome.rows.find((r) => r.outcomeId === 2), expected: figures(150_000, 0, 65_000) },
    {
      name: 'outcome unallocated is the staff line and the entry with neither line nor activity',
      pick: (s) => s.byOutcome.unallocated,
      expected: figures(500_000, 0, 101_000),
    },
    { name: 'output 11 is A1', pick: (s) => s.byOutput.rows.find((r) => r.outputId === 11), expected: figures(120_000, 30_000, 45_000) },
    { name: 'output 12 is A2', pick: (s) => s.byOutput.rows.find((r) => r.outputId === 12), expected: figures(50_000, 0, 20_000) },
    { name: 'output unallocated adds A3, which has no output', pick: (s) => s.byOutput.unallocated, expected: figures(650_000, 0, 166_000) },
    { name: 'activity unallocated matches outcome unallocated', pick: (s) => s.byActivity.unallocated, expected: figures(500_000, 0, 101_000) },
    { name: 'line unallocated is the two entries on no line', pick: (s) => s.byLine.unallocated, expected: figures(0, 0, 8_000) },
    { name: 'category unallocated is the two entries on no line', pick: (s) => s.byCategory.unallocated, expected: figures(0, 0, 8_000) },
  ])('roll-up: $name', ({ pick, expected }) => {
    expect(pick(summary)).toMatchObject(expected);
  });

  it('outcome and output rows carry their place in the framework, in activity order', () => {
    expect(summary.byOutcome.rows.map((r) => r.outcomeId)).toEqual([1, 2]);
    expect(summary.byOutput.rows.map((r) => [r.outputId, r.outcomeId])).toEqual([
      [11, 1],
      [12, 1],
    ]);
  });

  it.each<{ name: string; pick: (s: BudgetSummary) => { rows: BudgetFigures[]; unallocated: BudgetFigures } }>([
    { name: 'category', pick: (s) => s.byCategory },
    { name: 'line', pick: (s) => s.byLine },
    { name: 'activity', pick: (s) => s.byActivity },
    { name: 'outcome', pick: (s) => s.byOutcome },
    { name: 'output', pick: (s) => s.byOutput },
  ])('the $name breakdown plus its unallocated part adds up to the totals', ({ pick }) => {
    const b = pick(summary);
    expect(sumRows(b.rows, b.unallocated)).toEqual(summary.totals);
  });
});

describe('summariseBudget line budgets and warnings', () => {
  it.each([
    { name: 'no revision: the original counts', originalMinor: 100_000, revisedMinor: null, expected: 100_000 },
    { name: 'revised up: the revision counts', originalMinor: 100_000, revisedMinor: 150_000, expected: 150_000 },
    { name: 'revised down: the revision counts', originalMinor: 100_000, revisedMinor: 80_000, expected: 80_000 },
    { name: 'revised to zero: zero counts, not the original', originalMinor: 100_000, revisedMinor: 0, expected: 0 },
  ])('$name', ({ originalMinor, revisedMinor, expected }) => {
    const l = line({ originalMinor, revisedMinor });
    const [row] = summariseBudget({ lines: [l], entries: [], activities: [] }).byLine.rows;
    expect(row).toMatchObject({ originalMinor, revisedMinor, budgetMinor: BigInt(expected), remainingMinor: BigInt(expected) });
  });

  it.each([
    { name: 'under budget', budget: 100_000, spent: 99_999, tolerance: undefined, overBy: 0, warning: false },
    { name: 'exactly on budget', budget: 100_000, spent: 100_000, tolerance: undefined, overBy: 0, warning: false },
    { name: 'over by less than 10%', budget: 100_000, spent: 105_000, tolerance: undefined, overBy: 5_000, warning: false },
    { name: 'over by exactly 10% (default tolerance)', budget: 100_000, spent: 110_000, tolerance: undefined, overBy: 10_000, warning: false },
    { name: 'over by 10% plus one minor unit', budget: 100_000, spent: 110_001, tolerance: undefined, overBy: 10_001, warning: true },
    { name: 'zero tolerance, one minor unit over', budget: 100_000, spent: 100_001, tolerance: 0, overBy: 1, warning: true },
    { name: 'tolerance 25%, exactly at it', budget: 100_000, spent: 125_000, tolerance: 0.25, overBy: 25_000, warning: false },
    { name: 'tolerance 25%, one minor unit above', budget: 100_000, spent: 125_001, tolerance: 0.25, overBy: 25_001, warning: true },
    // 100 × (1 + 0.15) is 114.99999999999999 in floating point: the boundary must be exact.
    { name: 'tolerance 15%, exactly at it where floats would flag', budget: 100, spent: 115, tolerance: 0.15, overBy: 15, warning: false },
    { name: 'zero budget with spending', budget: 0, spent: 1, tolerance: undefined, overBy: 1, warning: true },
    { name: 'zero budget without spending', budget: 0, spent: 0, tolerance: undefined, overBy: 0, warning: false },
  ])('$name: overBy $overBy, warning $warning', ({ budget, spent, tolerance, overBy, warning }) => {
    const l = line({ originalMinor: budget });
    const entries = [spend({ budgetLineId: l.id, amountMinor: spent })];
    const [row] = summariseBudget({ lines: [l], entries, activities: [], tolerance }).byLine.rows;
    expect(row).toMatchObject({ spentMinor: BigInt(spent), overByMinor: BigInt(overBy), warning });
  });

  it('commitments are not counted as spent and never trigger a warning', () => {
    const l = line({ originalMinor: 1_000 });
    const entries = [spend({ budgetLineId: l.id, type: 'commitment', amountMinor: 5_000 })];
    const s = summariseBudget({ lines: [l], entries, activities: [] });
    expect(s.totals).toEqual(figures(1_000, 5_000, 0));
    expect(s.byLine.rows[0]).toMatchObject({ committedMinor: 5_000n, spentMinor: 0n, overByMinor: 0n, warning: false });
  });
});

describe('summariseBudget exact sums', () => {
  it.each([
    { name: '10,000 × 1 minor unit', count: 10_000, amount: 1, expected: 10_000n },
    { name: '10,000 × 0.10 (10 minor units), a sum that drifts in decimal floats', count: 10_000, amount: 10, expected: 100_000n },
    { name: '10,000 × -1 minor unit (corrections)', count: 10_000, amount: -1, expected: -10_000n },
  ])('$name adds up exactly', ({ count, amount, expected }) => {
    const l = line({ originalMinor: 1_000_000 });
    const entries = Array.from({ length: count }, () => spend({ budgetLineId: l.id, amountMinor: amount }));
    const s = summariseBudget({ lines: [l], entries, activities: [] });
    expect(s.totals.spentMinor).toBe(expected);
    expect(s.byLine.rows[0]?.spentMinor).toBe(expected);
    expect(s.byCategory.rows.find((r) => r.category === 'other')?.spentMinor).toBe(expected);
  });

  it('a correction cancels its expenditure to exactly zero', () => {
    const l = line({ originalMinor: 100 });
    const entries = [spend({ budgetLineId: l.id, amountMinor: 3 }), spend({ budgetLineId: l.id, amountMinor: -3 })];
    expect(summariseBudget({ lines: [l], entries, activities: [] }).totals).toEqual(figures(100, 0, 0));
  });
});

describe('summariseBudget rejects inconsistent input', () => {
  const l = line({ originalMinor: 100 });
  it.each<{ name: string; input: Parameters<typeof summariseBudget>[0] }>([
    { name: 'a fractional amount', input: { lines: [l], entries: [spend({ amountMinor: 0.5 })], activities: [] } },
    { name: 'a fractional budget', input: { lines: [line({ originalMinor: 10.25 })], entries: [], activities: [] } },
    { name: 'an entry on an unknown budget line', input: { lines: [l], entries: [spend({ budgetLineId: 999_999 })], activities: [] } },
    { name: 'an entry naming an unknown activity', input: { lines: [l], entries: [spend({ activityId: 999_999 })], activities: [] } },
    { name: 'a line of an unknown activity', input: { lines: [line({ activityId: 999_999 })], entries: [], activities: [] } },
    { name: 'a duplicate line id', input: { lines: [l, l], entries: [], activities: [] } },
    {
      name: 'an output under two outcomes',
      input: {
        lines: [],
        entries: [],
        activities: [
          { id: 1, outcomeId: 1, outputId: 11 },
          { id: 2, outcomeId: 2, outputId: 11 },
        ],
      },
    },
    { name: 'a negative tolerance', input: { lines: [l], entries: [], activities: [], tolerance: -0.1 } },
    { name: 'a tolerance finer than a basis point', input: { lines: [l], entries: [], activities: [], tolerance: 0.00001 } },
  ])('$name throws a RangeError', ({ input }) => {
    expect(() => summariseBudget(input)).toThrow(RangeError);
  });
});

describe('burnRate', () => {
  // 2025 has 365 days; 1 July is day 182 counting both ends.
  const year = { start: '2025-01-01', end: '2025-12-31' };
  it.each([
    {
      name: 'mid-year, spending behind time',
      input: { ...year, today: '2025-07-01', spentMinor: 400_000n, budgetMinor: 1_000_000n },
      expected: { elapsedPercent: 49.9, spentPercent: 40, gapPercent: -9.9, forecastAtCompletionMinor: 802_198n },
    },
    {
      name: 'mid-year, spending ahead of time',
      input: { ...year, today: '2025-07-01', spentMinor: 600_000n, budgetMinor: 1_000_000n },
      expected: { elapsedPercent: 49.9, spentPercent: 60, gapPercent: 10.1, forecastAtCompletionMinor: 1_203_297n },
    },
    {
      name: 'before the start nothing has elapsed and there is no forecast',
      input: { ...year, today: '2024-12-31', spentMinor: 5_000n, budgetMinor: 1_000_000n },
      expected: { elapsedPercent: 0, spentPercent: 0.5, gapPercent: 0.5, forecastAtCompletionMinor: null },
    },
    {
      name: 'after the end the forecast is what was spent',
      input: { ...year, today: '2026-03-01', spentMinor: 987_654n, budgetMinor: 1_000_000n },
      expected: { elapsedPercent: 100, spentPercent: 98.8, gapPercent: -1.2, forecastAtCompletionMinor: 987_654n },
    },
    {
      name: 'a forecast of 4.5 ties to even 4 (3 spent over 2 of 3 days)',
      input: { start: '2025-01-01', end: '2025-01-03', today: '2025-01-02', spentMinor: 3n, budgetMinor: 10n },
      expected: { elapsedPercent: 66.7, spentPercent: 30, gapPercent: -36.7, forecastAtCompletionMinor: 4n },
    },
    {
      name: 'a forecast of 7.5 ties to even 8 (5 spent over 2 of 3 days)',
      input: { start: '2025-01-01', end: '2025-01-03', today: '2025-01-02', spentMinor: 5n, budgetMinor: 10n },
      expected: { elapsedPercent: 66.7, spentPercent: 50, gapPercent: -16.7, forecastAtCompletionMinor: 8n },
    },
    {
      name: 'a spent share of 0.25% ties to even 0.2%',
      input: { ...year, today: '2025-12-31', spentMinor: 25n, budgetMinor: 10_000n },
      expected: { elapsedPercent: 100, spentPercent: 0.2, gapPercent: -99.8, forecastAtCompletionMinor: 25n },
    },
    {
      name: 'overspent',
      input: { ...year, today: '2025-12-31', spentMinor: 1_100_000n, budgetMinor: 1_000_000n },
      expected: { elapsedPercent: 100, spentPercent: 110, gapPercent: 10, forecastAtCompletionMinor: 1_100_000n },
    },
    {
      name: 'a zero budget has no spent share',
      input: { ...year, today: '2025-07-01', spentMinor: 0n, budgetMinor: 0n },
      expected: { elapsedPercent: 49.9, spentPercent: null, gapPercent: null, forecastAtCompletionMinor: 0n },
    },
  ])('$name', ({ input, expected }) => {
    expect(burnRate(input)).toEqual(expected);
  });

  it.each([
    { name: 'end before start', input: { start: '2025-02-01', end: '2025-01-31', today: '2025-01-15' } },
    { name: 'an impossible date', input: { start: '2025-02-30', end: '2025-12-31', today: '2025-03-01' } },
    { name: 'a date in another format', input: { start: '2025-01-01', end: '2025-12-31', today: '01/07/2025' } },
  ])('$name throws a RangeError', ({ input }) => {
    expect(() => burnRate({ ...input, spentMinor: 1n, budgetMinor: 10n })).toThrow(RangeError);
  });
});

describe('cumulativeSpendSeries', () => {
  it('lists every month of the span, empty ones included, counting expenditures only', () => {
    const entries = [
      spend({ date: '2025-01-20', amountMinor: 1_000 }),
      spend({ date: '2025-01-21', type: 'commitment', amountMinor: 50_000 }),
      spend({ date: '2025-03-01', amountMinor: 2_000 }),
      spend({ date: '2025-03-31', amountMinor: -500 }),
      spend({ date: '2025-04-10', amountMinor: 300 }),
    ];
    expect(cumulativeSpendSeries(entries, '2025-01-15', '2025-04-30', 'month')).toEqual([
      { period: '2025-01', spentMinor: 1_000n, cumulativeMinor: 1_000n },
      { period: '2025-02', spentMinor: 0n, cumulativeMinor: 1_000n },
      { period: '2025-03', spentMinor: 1_500n, cumulativeMinor: 2_500n },
      { period: '2025-04', spentMinor: 300n, cumulativeMinor: 2_800n },
    ]);
  });

  it.each([
    { name: 'before the first month', date: '2024-12-31', expected: [0n, 0n] },
    { name: 'in the first month before the start day', date: '2025-01-01', expected: [7n, 7n] },
    { name: 'on the last day of the last month', date: '2025-02-28', expected: [0n, 7n] },
    { name: 'after the last month', date: '2025-03-01', expected: [0n, 0n] },
  ])('an expenditure $name lands in cumulative $expected', ({ date, expected }) => {
    const series = cumulativeSpendSeries([spend({ date, amountMinor: 7 })], '2025-01-15', '2025-02-10', 'month');
    expect(series.map((p) => p.period)).toEqual(['2025-01', '2025-02']);
    expect(series.map((p) => p.cumulativeMinor)).toEqual(expected);
  });

  it('crosses a year boundary', () => {
    const entries = [spend({ date: '2025-01-05', amountMinor: 4 })];
    expect(cumulativeSpendSeries(entries, '2024-11-01', '2025-01-31', 'month')).toEqual([
      { period: '2024-11', spentMinor: 0n, cumulativeMinor: 0n },
      { period: '2024-12', spentMinor: 0n, cumulativeMinor: 0n },
      { period: '2025-01', spentMinor: 4n, cumulativeMinor: 4n },
    ]);
  });

  it('adds 10,000 × 1 minor unit in one month exactly', () => {
    const entries = Array.from({ length: 10_000 }, () => spend({ date: '2025-06-15', amountMinor: 1 }));
    expect(cumulativeSpendSeries(entries, '2025-06-01', '2025-06-30', 'month')).toEqual([
      { period: '2025-06', spentMinor: 10_000n, cumulativeMinor: 10_000n },
    ]);
  });

  it.each([
    { name: 'end before start', start: '2025-02-01', end: '2025-01-31', entries: [] },
    { name: 'an invalid start', start: '2025-13-01', end: '2025-12-31', entries: [] },
    { name: 'an entry with an invalid date', start: '2025-01-01', end: '2025-12-31', entries: [spend({ date: '2025-02-29' })] },
  ])('$name throws a RangeError', ({ start, end, entries }) => {
    expect(() => cumulativeSpendSeries(entries, start, end, 'month')).toThrow(RangeError);
  });
});
