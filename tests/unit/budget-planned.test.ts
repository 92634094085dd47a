import { describe, expect, it } from 'vitest';
import { plannedSpendSeries } from '@shared/calc/budget-series';

describe('plannedSpendSeries', () => {
  it('spreads an amount over the days of its span, month by month', () => {
    // 31 days in January, 28 in February 2026: 5,900 minor units → 3,100 and 2,800.
    expect(plannedSpendSeries([{ amountMinor: 5_900, start: '2026-01-01', end: '2026-02-28' }], '2026-01-01', '2026-03-31', 'month')).toEqual([
      { period: '2026-01', plannedMinor: 3_100n, cumulativeMinor: 3_100n },
      { period: '2026-02', plannedMinor: 2_800n, cumulativeMinor: 5_900n },
      { period: '2026-03', plannedMinor: 0n, cumulativeMinor: 5_900n },
    ]);
  });

  it('keeps every allocation exact in whole minor units (largest remainder)', () => {
    // 100 over three months of 31, 28, 31 days: 34.44…, 31.11…, 34.44… → 35, 31, 34 (tie to the earlier month).
    const series = plannedSpendSeries([{ amountMinor: 100, start: '2026-01-01', end: '2026-03-31' }], '2026-01-01', '2026-03-31', 'month');
    expect(series.map((p) => p.plannedMinor)).toEqual([35n, 31n, 34n]);
    expect(series.at(-1)?.cumulativeMinor).toBe(100n);
  });

  it('counts partial months by their days and sums several allocations', () => {
    const series = plannedSpendSeries(
      [
        { amountMinor: 1_000, start: '2026-01-22', end: '2026-02-10' }, // 10 days in Jan, 10 in Feb
        { amountMinor: 7, start: '2026-02-01', end: '2026-02-01' },
      ],
      '2026-01-01',
      '2026-02-28',
      'month',
    );
    expect(series.map((p) => p.plannedMinor)).toEqual([500n, 507n]);
  });

  it('leaves out parts outside the range and refuses bad input', () => {
    expect(plannedSpendSeries([{ amountMinor: 3_100 + 2_800, start: '2026-01-01', end: '2026-02-28' }], '2026-02-01', '2026-02-28', 'month')).toEqual(
      [{ period: '2026-02', plannedMinor: 2_800n, cumulativeMinor: 2_800n }],
    );
    expect(() => plannedSpendSeries([{ amountMinor: -1, start: '2026-01-01', end: '2026-01-02' }], '2026-01-01', '2026-01-31', 'month')).toThrow(
      RangeError,
    );
    expect(() => plannedSpendSeries([{ amountMinor: 1, start: '2026-01-02', end: '2026-01-01' }], '2026-01-01', '2026-01-31', 'month')).toThrow(
      RangeError,
    );
    expect(() => plannedSpendSeries([], '2026-02-01', '2026-01-01', 'month')).toThrow(RangeError);
    expect(() => plannedSpendSeries([{ amountMinor: 1.5, start: '2026-01-01', end: '2026-01-02' }], '2026-01-01', '2026-01-31', 'month')).toThrow(
      RangeError,
    );
  });
});
